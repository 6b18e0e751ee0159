// The development outbox (CUSTODIAN_CODE_SENDER=outbox): the one-time codes the service "sent",
// newest first, so a person can finish a verification without an SMS or e-mail gateway.
import { Hono } from 'hono';
import type { Outbox } from '../consent';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** The outbox as an HTML page that refreshes itself every few seconds. */
function outboxPage(outbox: Outbox): string {
  const rows = outbox
    .messages()
    .map(
      (m) =>
        `<tr><td>${escape(m.at)}</td><td>${escape(m.site)}</td><td>${escape(m.channel)}</td>` +
        `<td>${escape(m.address)}</td><td class="code">${escape(m.code)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Custodian dev outbox</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2em; }
  table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .3em .6em; }
  .code { font: bold 18px monospace; letter-spacing: .1em; }
</style>
<h1>Dev outbox</h1>
<p>One-time codes the consent service would have sent by SMS or e-mail, newest first (the latest
200; this page refreshes every 5 s). Development only: set
<code>CUSTODIAN_CODE_SENDER=webhook:https://…</code> to send real messages. JSON:
<a href="/dev/outbox.json">/dev/outbox.json</a>.</p>
<table>
<tr><th>sent at</th><th>site</th><th>channel</th><th>address</th><th>code</th></tr>
${rows || '<tr><td colspan="5">No codes sent yet.</td></tr>'}
</table>
</html>
`;
}

/**
 * `GET /dev/outbox` (HTML) and `GET /dev/outbox.json` (`{ messages: [{ at, channel, address, code, site }] }`).
 *
 * @example
 *   await (await devOutboxRoutes(outbox).request('/dev/outbox.json')).json();
 *   // { messages: [{ at: '…', channel: 'sms', address: '+8613812345678', code: '042917', site: 'shop' }] }
 */
export function devOutboxRoutes(outbox: Outbox): Hono {
  const app = new Hono();
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  app.get('/dev/outbox', (c) =>
    c.html(outboxPage(outbox), 200, {
      ...headers,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    }),
  );
  app.get('/dev/outbox.json', (c) => c.json({ messages: outbox.messages() }, 200, headers));
  return app;
}
