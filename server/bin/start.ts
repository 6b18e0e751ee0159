// `npm start`: serves the app on HOST:PORT (default 127.0.0.1:8787), publishes the demo shop's
// consent policy on first start, catches the console's activity index up with the ledger, and says
// where the built extension, widget and console are. Only wiring: routes live in server/app/,
// constants in server/config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { catchUpActivity } from '../activity/catch-up';
import { createApp } from '../app';
import {
  DEMO_PAGES_DIR,
  DEMO_SHOP_POLICY_FILE,
  EXTENSION_BUILD_DIR,
  readListenOptions,
  WIDGET_BUILD_DIR,
} from '../config';
import type { ConsentService } from '../consent';
import { CONSOLE_UI_DIR } from '../console/mount';
import { DEMO_STAFF_POLICY_FILE } from '../staff';
import { openAudit, type Audit } from './open-audit';

const listen = readListenOptions(process.env);
if (!listen.ok) {
  console.error(`custodian: ${listen.message}`);
  process.exit(1);
}
const { host, port } = listen.value;

const packageJson: unknown = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
);
const version =
  typeof packageJson === 'object' &&
  packageJson !== null &&
  'version' in packageJson &&
  typeof packageJson.version === 'string'
    ? packageJson.version
    : 'unknown';

let audit: Audit;
try {
  audit = openAudit(process.env);
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Folds staff events the activity index missed (a new or deleted activity.db, a failed fold). */
function catchUp(audit: Audit): string {
  const started = Date.now();
  try {
    const { folded, scanned } = catchUpActivity(audit.ledger, audit.activity);
    return folded === 0 && scanned === 0
      ? 'activity index up to date'
      : `activity index caught up: ${folded} events from ${scanned} ledger entries in ${Date.now() - started} ms`;
  } catch (error) {
    // The console shows less until the next start; ingest and the ledger are unaffected.
    return `activity index NOT caught up (${error instanceof Error ? error.message : String(error)}); delete ${audit.dir}/activity.db and restart to rebuild it`;
  }
}
const activityState = catchUp(audit);

/** Removes ledger payloads past retention now (R17); the ledger repeats it every few hours. */
function pruneOnStart(audit: Audit): string {
  try {
    const { removed } = audit.ledger.prune();
    return removed === 0 ? 'nothing past retention' : `${removed} payloads past retention pruned`;
  } catch (error) {
    // Nothing was removed; the ledger's timer tries again.
    return `pruning past retention failed (${error instanceof Error ? error.message : String(error)})`;
  }
}
const pruneState = pruneOnStart(audit);

const app = createApp({
  version,
  demoPagesDir: DEMO_PAGES_DIR,
  audit,
  consent: { service: audit.consent, outbox: audit.outbox },
  governance: audit.governance,
  console: { store: audit.consoleStore, ledgerPath: audit.ledgerPath },
});

/** Whether a staff policy is published, and how to publish the demo CRM's if not. */
function staffPolicy(audit: Audit): string {
  const policy = audit.governance.policy();
  return policy.ok
    ? `staff policy ${policy.value.version}`
    : `no staff policy yet: npm run staff -- policy publish ${DEMO_STAFF_POLICY_FILE}`;
}

/** The demo shop (/demo/shop/) needs a policy for site `shop`: publish v1 unless one exists. */
function publishDemoShop(consent: ConsentService, port: number): string {
  if (consent.policy('shop').ok) return 'site shop: policy already published';
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  let policy: unknown;
  try {
    policy = JSON.parse(readFileSync(DEMO_SHOP_POLICY_FILE, 'utf8'));
  } catch (error) {
    return `site shop: not published, cannot read ${DEMO_SHOP_POLICY_FILE} (${error instanceof Error ? error.message : error})`;
  }
  const published = consent.publish(policy, origins);
  return published.ok
    ? `site shop: published policy v${published.value.policy.version} for ${origins.join(', ')}`
    : `site shop: not published: ${published.message}`;
}

const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
  const shop = publishDemoShop(audit.consent, info.port);
  const widget = existsSync(join(WIDGET_BUILD_DIR, 'custodian-consent.js'))
    ? `${base}/widget/custodian-consent.js (and .mjs)`
    : `${base}/widget/custodian-consent.js (not built yet: run \`npm run build\`)`;
  const outbox = audit.outbox
    ? `${base}/dev/outbox (development: codes are shown here, not sent; CUSTODIAN_CODE_SENDER=webhook:https://… sends them)`
    : 'codes go to the CUSTODIAN_CODE_SENDER webhook';
  const reviewConsole = existsSync(join(CONSOLE_UI_DIR, 'index.html'))
    ? `${base}/admin (${activityState})`
    : `${base}/admin (not built yet: run \`npm run build\`; ${activityState})`;
  const extension = existsSync(EXTENSION_BUILD_DIR)
    ? `${EXTENSION_BUILD_DIR}\n  load it unpacked: chrome://extensions -> Developer mode -> Load unpacked`
    : `${EXTENSION_BUILD_DIR} (not built yet: run \`npm run build\`)`;
  console.log(
    [
      `Custodian server ${version} listening on ${base}`,
      `  health:     ${base}/healthz`,
      `  demo pages: ${base}/demo/`,
      `  audit:      ${base}/v1/events, ${base}/v1/ledger/checkpoint (data in ${audit.dir}; ${pruneState})`,
      '  a device token for the extension: npm run device -- add "CS-0420 laptop"',
      `  consent:    ${base}/v1/consent/sites/shop/policy (${shop})`,
      `  demo shop:  ${base}/demo/shop/`,
      `  widget:     ${widget}`,
      `  codes:      ${outbox}`,
      '  publish a policy: npm run consent -- publish FILE --origin https://your.shop',
      `  staff:      ${base}/v1/enroll, ${base}/v1/staff/*, admin API ${base}/v1/admin/* (${staffPolicy(audit)})`,
      `  console:    ${reviewConsole}`,
      ...(audit.governance.hasOperators()
        ? []
        : [
            '  no operator yet: create one with npm run staff -- operator add admin --role admin',
            '              (it prints the API token, the console password and the authenticator secret)',
          ]),
      `Staff extension (Chrome MV3): ${extension}`,
      'Stop with Ctrl+C.',
    ].join('\n'),
  );
  if (audit.outbox && !/^(?:127\.|::1$|localhost$)/.test(host)) {
    console.warn(
      `custodian: warning: HOST=${host} exposes /dev/outbox, with every code and address, to the ` +
        'network. Outside development set CUSTODIAN_CODE_SENDER=webhook:https://your-gateway/send.',
    );
  }
});

server.on('error', (err: NodeJS.ErrnoException) => {
  const hint =
    err.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use. Stop the other process, or pick another port: PORT=${port + 1} npm start`
      : err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND'
        ? `HOST=${host} is not an address of this machine. Use 127.0.0.1 (the default) or one of its interfaces.`
        : err.message;
  console.error(`custodian: cannot listen: ${hint}`);
  process.exit(1);
});

const stop = () =>
  server.close(() => {
    audit.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
