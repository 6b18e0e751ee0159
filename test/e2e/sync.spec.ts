// The audit trail end to end: events the extension queues reach the server's ledger exactly
// once, over real HTTP from the service worker; while the server fails, nothing is lost and
// nothing is deleted; the popup-facing sync status records the failure.
import type { Worker } from '@playwright/test';
import type { StaffPolicyInput } from '../../shared/schema';
import {
  expect,
  extensionStorage,
  ledgerStaffEvents,
  policyInForce,
  queuedIds,
  setExtensionStorage,
  test,
  type DemoServer,
} from './fixtures';

const POLICY: StaffPolicyInput = {
  version: 'sync-1',
  protect: ['http://127.0.0.1/*'],
  roles: { support: { reveal: { phone: {} } } },
};

/** Policy, identity and sync settings, as the options page and enrollment would store them. */
async function configure(worker: Worker, server: DemoServer): Promise<void> {
  const { token } = server.devices.issue(`e2e ${Date.now()}`);
  await setExtensionStorage(worker, {
    policyText: JSON.stringify(POLICY),
    identity: { staffId: 'CS-0420', role: 'support' },
    serverUrl: server.url,
    deviceToken: token,
  });
  // In force once the background has published it (managed storage may answer slowly).
  await expect.poll(() => policyInForce(worker)).toBe(POLICY.version);
}

const ledgerEvents = (server: DemoServer) => ledgerStaffEvents(server.ledger);
const queued = queuedIds;

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
  const status = await extensionStorage(serviceWorker, 'syncStatus');
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
