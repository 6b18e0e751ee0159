// The audit trail end to end: events the extension queues reach the server's ledger exactly
// once, over real HTTP from the service worker; while the server fails, nothing is lost and
// nothing is deleted; the popup-facing sync status records the failure.
import type { Worker } from '@playwright/test';
import { ExportLineSchema, type StaffEvent, type StaffPolicyInput } from '../../shared/schema';
import { expect, test, type DemoServer } from './fixtures';

const POLICY: StaffPolicyInput = {
  version: 'sync-1',
  protect: ['http://127.0.0.1/*'],
  roles: { support: { reveal: { phone: {} } } },
};

interface ChromeStorage {
  chrome: {
    storage: {
      local: { set(v: object): Promise<void>; get(k: string): Promise<Record<string, unknown>> };
    };
  };
}

/** Policy, identity and sync settings, as the options page and enrollment would store them. */
async function configure(worker: Worker, server: DemoServer): Promise<void> {
  const { token } = server.devices.issue(`e2e ${Date.now()}`);
  await worker.evaluate(
    async (settings) => {
      await (globalThis as unknown as ChromeStorage).chrome.storage.local.set(settings);
    },
    {
      policyText: JSON.stringify(POLICY),
      identity: { staffId: 'CS-0420', role: 'support' },
      serverUrl: server.url,
      deviceToken: token,
    },
  );
  // In force once the background has published it (managed storage may answer slowly).
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        const { effectivePolicy } = await (
          globalThis as unknown as ChromeStorage
        ).chrome.storage.local.get('effectivePolicy');
        return (effectivePolicy as { policy?: { version?: string } } | undefined)?.policy?.version;
      }),
    )
    .toBe(POLICY.version);
}

/** The staff events in the server's ledger, by event id. */
function ledgerEvents(server: DemoServer): Map<string, StaffEvent> {
  const lines = server.ledger.exportRange(0, server.ledger.size());
  if (!lines.ok) throw new Error(lines.error);
  const out = new Map<string, StaffEvent>();
  for (const text of lines.value) {
    for (const line of text.split('\n').filter(Boolean)) {
      const parsed = ExportLineSchema.parse(JSON.parse(line));
      if (parsed.type !== 'entry') continue;
      const entry = JSON.parse(parsed.canonical) as {
        kind: string;
        payload: { event: StaffEvent };
      };
      if (entry.kind !== 'staff-event') continue;
      const id = entry.payload.event.id;
      if (out.has(id)) throw new Error(`event ${id} is in the ledger twice`);
      out.set(id, entry.payload.event);
    }
  }
  return out;
}

/** Events still in the extension's queue. */
function queued(worker: Worker): Promise<string[]> {
  return worker.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        // Opening a database that does not exist yet would create it empty (and an open
        // connection would block the extension's upgrade): look first, close after.
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'custodian')) return resolve([]);
          const open = indexedDB.open('custodian');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction('events').objectStore('events').getAllKeys();
            req.onsuccess = () => {
              db.close();
              resolve(req.result.map(String));
            };
            req.onerror = () => reject(req.error);
          };
        });
      }),
  );
}

const PAGE = `<!doctype html><meta charset="utf-8"><p>手机 <span id="phone">13812345678</span></p>`;

test('queued events reach the ledger exactly once, and survive a failing server', async ({
  page,
  server,
  serviceWorker,
}) => {
  await configure(serviceWorker, server);
  const url = `${server.url}/sync.html`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
  );

  // The server fails: events are recorded locally and kept.
  server.fault.status = 503;
  server.fault.retryAfter = '1';
  await page.goto(url);
  await expect(page.locator('#phone')).toHaveText('138****5678');
  await page.locator('#phone').click();
  await expect(page.locator('#phone')).toHaveText('13812345678');
  await expect.poll(() => queued(serviceWorker)).toHaveLength(2); // page view + reveal
  const before = ledgerEvents(server).size;
  await page.waitForTimeout(2500); // retries happen, and fail
  expect(await queued(serviceWorker)).toHaveLength(2);
  const status = await serviceWorker.evaluate(
    async () =>
      (await (globalThis as unknown as ChromeStorage).chrome.storage.local.get('syncStatus'))
        .syncStatus,
  );
  expect(status).toMatchObject({ lastError: 'server answered HTTP 503' });

  // The server recovers: the queue drains and every event is in the ledger once.
  const ids = await queued(serviceWorker);
  server.fault.status = undefined;
  await expect.poll(() => queued(serviceWorker), { timeout: 15_000 }).toHaveLength(0);
  const stored = ledgerEvents(server);
  expect(stored.size).toBe(before + 2);
  for (const id of ids)
    expect(stored.get(id)).toMatchObject({ staffId: 'CS-0420', policyVersion: 'sync-1' });
  expect(
    [...stored.values()]
      .filter((e) => ids.includes(e.id))
      .map((e) => e.kind)
      .sort(),
  ).toEqual(['page-view', 'reveal']);
  expect(server.ledger.verify()).toMatchObject({ ok: true });
});

test('a batch whose answer was lost is sent again and stored once', async ({
  page,
  server,
  serviceWorker,
}) => {
  await configure(serviceWorker, server);
  const url = `${server.url}/lost.html`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
  );
  const before = ledgerEvents(server).size;
  server.fault.loseResponses = 2;
  await page.goto(url);
  await expect(page.locator('#phone')).toHaveText('138****5678');
  // The server stores the batch twice over (answers lost), then the third send is acknowledged.
  await expect.poll(() => queued(serviceWorker), { timeout: 20_000 }).toHaveLength(0);
  expect(server.fault.loseResponses).toBe(0);
  expect(ledgerEvents(server).size).toBe(before + 1);
});
