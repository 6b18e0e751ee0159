// The queue never loses an event: with the audit server process stopped (connection refused) and
// started again, and with the browser closed on a non-empty queue and reopened, every event
// reaches the ledger exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { BrowserContext, Worker } from '@playwright/test';
import { createApp } from '../../server/app';
import { openDeviceStore } from '../../server/devices';
import { openLedger, type Ledger } from '../../server/ledger';
import {
  expect,
  launchWithExtension,
  ledgerStaffEvents,
  queuedIds,
  setExtensionStorage,
  test,
} from './fixtures';

/** A port free right now on 127.0.0.1, so the server can come back on the same address. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The audit app listening on `port` until the returned function is called. */
async function listen(
  app: ReturnType<typeof createApp>,
  port: number,
): Promise<() => Promise<void>> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  return async () => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

function worker(context: BrowserContext): Promise<Worker> {
  const [first] = context.serviceWorkers();
  return first ? Promise.resolve(first) : context.waitForEvent('serviceworker');
}

/** Event ids in the ledger (ledgerStaffEvents fails the test on a duplicate). */
const ledgerIds = (ledger: Ledger): string[] => [...ledgerStaffEvents(ledger).keys()];
const queued = queuedIds;

const PAGE = (n: number) =>
  `<!doctype html><meta charset="utf-8"><title>p${n}</title><p>客户 ${n} 手机 1381234${String(5000 + n)}</p>`;

test('server stopped and restarted, browser closed and reopened: every event arrives exactly once', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'custodian-faults-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'custodian-faults-profile-'));
  const ledger = openLedger({ path: path.join(dir, 'ledger.db'), checkpointEveryMs: 0 });
  const devices = openDeviceStore(path.join(dir, 'devices.db'));
  const app = createApp({ version: 'faults', audit: { ledger, devices } });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { token } = devices.issue('faults');
  let stop = await listen(app, port);
  let context = await launchWithExtension(profile);
  try {
    let sw = await worker(context);
    await setExtensionStorage(sw, {
      serverUrl: base,
      deviceToken: token,
      identity: { staffId: 'CS-0420', role: 'support' },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const visit = async (n: number) => {
      await page.goto(`${base}/demo/p${n}`).catch(() => undefined);
    };
    // Pages are served by the test itself, so they load while the audit server is down.
    await context.route(`${base}/demo/*`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: PAGE(Number(new URL(route.request().url()).pathname.slice(7))),
      }),
    );

    // 1. Server up: the first page view arrives.
    await visit(1);
    await expect.poll(() => ledgerIds(ledger).length, { timeout: 15_000 }).toBe(1);

    // 2. Server process gone (connection refused): views queue up and stay.
    await stop();
    for (const n of [2, 3, 4]) await visit(n);
    await expect.poll(() => queued(sw)).toHaveLength(3);

    // 3. Browser closed with a non-empty queue, server back on the same address, browser reopened.
    const waiting = await queued(sw);
    await context.close();
    stop = await listen(app, port);
    context = await launchWithExtension(profile);
    sw = await worker(context);
    await expect.poll(() => queued(sw), { timeout: 20_000 }).toHaveLength(0);
    const ids = ledgerIds(ledger);
    expect(ids).toHaveLength(4);
    for (const id of waiting) expect(ids).toContain(id);
    expect(ledger.verify()).toMatchObject({ ok: true, size: 4 });
  } finally {
    await context.close().catch(() => undefined);
    await stop().catch(() => undefined);
    ledger.close();
    devices.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});
