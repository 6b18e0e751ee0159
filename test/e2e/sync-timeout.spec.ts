// The queue never loses an event when the audit server times out: it accepts the request and
// answers only after the extension gave up on it (REQUEST_TIMEOUT_MS), having stored the batch
// meanwhile. Nothing leaves the queue on the time-out, and once the server answers again every
// event is in the ledger exactly once (the resent batch is recognised, not stored twice).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { BrowserContext, Worker } from '@playwright/test';
import { Hono } from 'hono';
import { REQUEST_TIMEOUT_MS } from '../../extension/lib/sync/sync-once';
import { createApp } from '../../server/app';
import { openDeviceStore } from '../../server/devices';
import { openLedger } from '../../server/ledger';
import {
  expect,
  extensionStorage,
  launchWithExtension,
  ledgerStaffEvents,
  queuedIds,
  setExtensionStorage,
  test,
} from './fixtures';

function worker(context: BrowserContext): Promise<Worker> {
  const [first] = context.serviceWorkers();
  return first ? Promise.resolve(first) : context.waitForEvent('serviceworker');
}

const PAGE = (n: number) =>
  `<!doctype html><meta charset="utf-8"><title>p${n}</title><p>客户 ${n} 手机 1381234${String(5000 + n)}</p>`;

test('server times out: nothing lost, and once it answers every event arrives exactly once', async () => {
  // The time-out, the backoff after it, and the answers that follow.
  test.setTimeout(REQUEST_TIMEOUT_MS + 90_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'custodian-timeout-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'custodian-timeout-profile-'));
  const ledger = openLedger({ path: path.join(dir, 'ledger.db'), checkpointEveryMs: 0 });
  const devices = openDeviceStore(path.join(dir, 'devices.db'));
  const audit = createApp({ version: 'timeout', audit: { ledger, devices } });
  const { token } = devices.issue('timeout');

  // While `stall` is set, event batches are held, then stored and answered when it is released:
  // a server stuck behind something slow, whose late answer nobody is waiting for any more.
  let stall: { release(): void; held: number; done: Promise<void> } | undefined;
  let posts = 0;
  const app = new Hono();
  app.use('/v1/events', async (c, next) => {
    if (c.req.method === 'POST') posts++;
    const gate = stall;
    if (gate && c.req.method === 'POST') {
      gate.held++;
      await gate.done;
    }
    await next();
  });
  app.route('/', audit);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const context = await launchWithExtension(profile);
  try {
    const sw = await worker(context);
    await setExtensionStorage(sw, {
      serverUrl: base,
      deviceToken: token,
      identity: { staffId: 'CS-0420', role: 'support' },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await context.route(`${base}/demo/*`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: PAGE(Number(new URL(route.request().url()).pathname.slice(7))),
      }),
    );
    const visit = (n: number) => page.goto(`${base}/demo/p${n}`);

    // 1. Server answering: the first view arrives.
    await visit(1);
    await expect.poll(() => ledgerStaffEvents(ledger).size, { timeout: 15_000 }).toBe(1);

    // 2. Server stuck: views are sent, held past the extension's time-out, and stay queued.
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    stall = { release, held: 0, done };
    const before = posts;
    for (const n of [2, 3, 4]) await visit(n);
    await expect.poll(() => queuedIds(sw)).toHaveLength(3);
    const waiting = await queuedIds(sw);
    await expect.poll(() => stall?.held ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await extensionStorage(sw, 'syncStatus')) as { lastError?: string }, {
        timeout: REQUEST_TIMEOUT_MS + 20_000,
      })
      .toMatchObject({ lastError: 'server timed out' });
    expect(await queuedIds(sw)).toEqual(waiting);
    expect(ledgerStaffEvents(ledger).size).toBe(1);

    // 3. The server gets going again: the held requests store their batches (their answers go
    //    nowhere), the extension's retry is answered, and the queue empties.
    stall = undefined;
    release();
    await expect.poll(() => queuedIds(sw), { timeout: 60_000 }).toHaveLength(0);
    expect(posts - before).toBeGreaterThan(1); // the held request and at least one resend
    const ids = [...ledgerStaffEvents(ledger).keys()]; // fails on an event stored twice
    expect(ids).toHaveLength(4);
    for (const id of waiting) expect(ids).toContain(id);
    expect(ledger.verify()).toMatchObject({ ok: true, size: 4 });
  } finally {
    stall?.release();
    await context.close().catch(() => undefined);
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    ledger.close();
    devices.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});
