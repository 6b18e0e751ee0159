// Playwright fixtures: the demo server on 127.0.0.1 (free port), with access governance, consent
// and the review console (/admin), and system Chromium with the built extension
// (.output/chrome-mv3) loaded, plus helpers to read the extension's state.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Frame,
  type Page,
  type Worker,
} from '@playwright/test';
import { SKIPPED_LOCAL_NAMES } from '../../extension/lib/masking/constants';
import { openActivityIndex, type ActivityIndex } from '../../server/activity';
import { createApp } from '../../server/app';
import { openConsent, outboxSender, type ConsentService } from '../../server/consent';
import { openConsoleStore, type ConsoleStore } from '../../server/console';
import { openDeviceStore, type DeviceStore } from '../../server/devices';
import { openLedger, type Ledger } from '../../server/ledger';
import {
  base32Decode,
  hotp,
  openGovernance,
  totpStep,
  type GovernanceService,
} from '../../server/staff';
import { scan } from '../../shared/pii';
import { z } from 'zod';
import { ledgerEntries } from '../../server/ledger/entries';
import {
  PiiTypeSchema,
  StaffEventSchema,
  type FindingCounts,
  type StaffEvent,
} from '../../shared/schema';

/** Where `wxt build` puts the extension (wxt.config.ts: outDir). */
export const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url));

/** Never a downloaded browser: the system Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Quiet, offline, unsandboxed (containers have no user namespaces) Chromium. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface DemoServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** The server's audit ledger and device store, in a temporary directory. */
  ledger: Ledger;
  devices: DeviceStore;
  /** Access governance (issue 6): staff, grants, the signed policy, reviews; used directly by tests. */
  governance: GovernanceService;
  /** The consent service (issue 5), for the console's consent and retention pages. */
  consent: ConsentService;
  /** The review console's activity index (fed at ingest) and its own store (issue 7). */
  activity: ActivityIndex;
  consoleStore: ConsoleStore;
  /**
   * Fault injection for sync tests: while `status` is set, every /v1/ request is answered with
   * it (and `retryAfter` as Retry-After, when set) instead of reaching the app. While
   * `loseResponses` > 0, a request reaches the app (and is stored) but its answer is replaced by a
   * 502, as when a proxy or the network drops it; each such request counts it down.
   */
  fault: { status?: number; retryAfter?: string; loseResponses?: number };
}

interface TestFixtures {
  /** A fresh Chromium profile with the extension loaded; closed after the test. */
  context: BrowserContext;
  /** The context's only tab, so the service worker can find it (see `onlyTabId`). */
  page: Page;
  /** The extension's background service worker, once it runs. */
  serviceWorker: Worker;
}

interface WorkerFixtures {
  server: DemoServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'custodian-e2e-data-'));
      const ledger = openLedger({ path: path.join(dir, 'ledger.db'), checkpointEveryMs: 0 });
      const devices = openDeviceStore(path.join(dir, 'devices.db'));
      const governance = openGovernance({ dir, ledger, devices });
      const consent = openConsent({ dir, ledger, sender: outboxSender().sender });
      const activity = openActivityIndex(path.join(dir, 'activity.db'), 'Asia/Shanghai');
      const consoleStore = openConsoleStore(dir);
      const app = createApp({
        version: 'e2e',
        audit: { ledger, devices, activity },
        governance,
        consent: { service: consent },
        console: { store: consoleStore, ledgerPath: path.join(dir, 'ledger.db') },
      });
      const fault: DemoServer['fault'] = {};
      const fetch = async (request: Request) => {
        if (fault.loseResponses && new URL(request.url).pathname === '/v1/events') {
          if (request.method === 'POST') {
            fault.loseResponses -= 1;
            await app.fetch(request);
            return new Response('', {
              status: 502,
              headers: { 'access-control-allow-origin': '*' },
            });
          }
        }
        if (fault.status && new URL(request.url).pathname.startsWith('/v1/')) {
          const headers: Record<string, string> = { 'access-control-allow-origin': '*' };
          if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
          return new Response('{"error":{"code":"fault","message":"injected"}}', {
            status: fault.status,
            headers,
          });
        }
        return app.fetch(request);
      };
      const { server, port } = await new Promise<{
        server: ReturnType<typeof serve>;
        port: number;
      }>((resolve) => {
        const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
          resolve({ server, port: info.port }),
        );
      });
      await use({
        url: `http://127.0.0.1:${port}`,
        ledger,
        devices,
        governance,
        consent,
        activity,
        consoleStore,
        fault,
      });
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      consoleStore.close();
      activity.close();
      consent.close();
      governance.close();
      ledger.close();
      devices.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
  context: async ({}, use) => {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(
        `No built extension at ${EXTENSION_DIR}. Build it with \`npx wxt build\` ` +
          '(`npm run test:e2e` builds it before the tests).',
      );
    }
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'custodian-e2e-'));
    const context = await launchWithExtension(userDataDir);
    try {
      await use(context);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },

  page: async ({ context }, use) => {
    const [first, ...others] = context.pages();
    for (const other of others) await other.close();
    await use(first ?? (await context.newPage()));
  },

  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
});

export { expect };

/**
 * System Chromium with the built extension on the profile in `userDataDir`; tests that close
 * and reopen the browser on the same profile call it directly.
 */
export function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...CHROMIUM_ARGS,
    ],
  });
}

/** What the action shows for one tab. */
export interface Badge {
  text: string;
  title: string;
}

/** The slice of the `chrome` global the helpers below evaluate in the service worker. */
interface ChromeInWorker {
  action: {
    getBadgeText(details: { tabId: number }): Promise<string>;
    getTitle(details: { tabId: number }): Promise<string>;
  };
  tabs: { query(query: object): Promise<{ id?: number }[]> };
}

/**
 * The id of the browser's only tab. The extension has no "tabs" or host permission, so it cannot
 * see tab URLs to pick one out; the `page` fixture keeps the profile to one tab instead.
 */
export async function onlyTabId(worker: Worker): Promise<number> {
  const ids = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
    return (await chrome.tabs.query({})).map((tab) => tab.id ?? -1);
  });
  const [id] = ids;
  if (ids.length !== 1 || id === undefined || id < 0) {
    throw new Error(`Expected the browser to have one tab, found ${ids.length}.`);
  }
  return id;
}

/** The badge text and title the extension set for a tab, read through `chrome.action`. */
export function badgeOf(worker: Worker, tabId: number): Promise<Badge> {
  return worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
    return {
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    };
  }, tabId);
}

/**
 * The findings in a frame's page as the server sent it, per type, worked out independently of
 * the extension (whose masking hides them from the live DOM): the page's HTML is fetched again,
 * parsed without running its scripts, its text read (skipping the content script's own
 * list of elements) and scanned here in Node with the engine. Rows a page's script adds later
 * are not included; tests add them.
 */
export async function expectedCounts(frame: Frame): Promise<FindingCounts> {
  const texts = await frame.evaluate(
    async (skippedNames) => {
      const html = await (await fetch(location.href)).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const skipped = new Set(skippedNames);
      const out: string[] = [];
      const walk = (node: Node) => {
        for (const child of Array.from(node.childNodes)) {
          if (child.nodeType === Node.TEXT_NODE) out.push(child.textContent ?? '');
          else if (child instanceof Element && !skipped.has(child.localName)) walk(child);
        }
      };
      walk(doc);
      return out;
    },
    [...SKIPPED_LOCAL_NAMES],
  );
  const counts: FindingCounts = {};
  for (const text of texts) {
    for (const finding of scan(text)) counts[finding.type] = (counts[finding.type] ?? 0) + 1;
  }
  return counts;
}

/** Adds up the counts of several frames. */
export function addCounts(...all: FindingCounts[]): FindingCounts {
  const total: FindingCounts = {};
  for (const counts of all) {
    for (const type of PiiTypeSchema.options) {
      const n = counts[type];
      if (n) total[type] = (total[type] ?? 0) + n;
    }
  }
  return total;
}

/** The sum of all counts. */
export const totalOf = (counts: FindingCounts): number =>
  Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);

/** The slice of the `chrome` global the storage helpers evaluate in the service worker. */
interface StorageInWorker {
  chrome: {
    storage: {
      local: {
        set(items: object): Promise<void>;
        get(key: string): Promise<Record<string, unknown>>;
      };
    };
  };
}

/** Writes keys of the extension's local storage, as the options page or enrollment would. */
export function setExtensionStorage(worker: Worker, items: Record<string, unknown>): Promise<void> {
  return worker.evaluate(async (values) => {
    await (globalThis as unknown as StorageInWorker).chrome.storage.local.set(values);
  }, items);
}

/** One key of the extension's local storage. */
export function extensionStorage(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(
    async (k) => (await (globalThis as unknown as StorageInWorker).chrome.storage.local.get(k))[k],
    key,
  );
}

/** The version of the policy the background has published (in force for content scripts). */
export async function policyInForce(worker: Worker): Promise<string | undefined> {
  const state = (await extensionStorage(worker, 'effectivePolicy')) as
    { policy?: { version?: string } } | undefined;
  return state?.policy?.version;
}

/**
 * Every event in the extension's local queue (IndexedDB `custodian`, store `chunks`: the events
 * of one write each), read in the service worker. It never creates the database (an empty one would stop the extension's
 * own upgrade) and closes its connection (an open one would block a later upgrade).
 */
export function queuedEvents(worker: Worker): Promise<StaffEvent[]> {
  return worker.evaluate(
    () =>
      new Promise<StaffEvent[]>((resolve, reject) => {
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'custodian')) return resolve([]);
          const open = indexedDB.open('custodian');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction('chunks').objectStore('chunks').getAll();
            req.onsuccess = () => {
              db.close();
              const chunks = req.result as { events: { event: StaffEvent }[] }[];
              resolve(chunks.flatMap((chunk) => chunk.events.map((q) => q.event)));
            };
            req.onerror = () => reject(req.error);
          };
        });
      }),
  );
}

/** The ids of the events in the extension's local queue. */
export const queuedIds = async (worker: Worker): Promise<string[]> =>
  (await queuedEvents(worker)).map((e) => e.id);

/** The staff events in a ledger, by event id; fails the test if one is stored twice. */
/** A staff-event entry's payload: the event as sent (with when and from whom it came). */
const StaffEventEntrySchema = z.object({ event: StaffEventSchema });

export function ledgerStaffEvents(ledger: Ledger): Map<string, StaffEvent> {
  const out = new Map<string, StaffEvent>();
  for (const entry of ledgerEntries(ledger)) {
    if (entry.kind !== 'staff-event') continue;
    const { event } = StaffEventEntrySchema.parse(entry.payload);
    if (out.has(event.id)) throw new Error(`event ${event.id} is in the ledger twice`);
    out.set(event.id, event);
  }
  return out;
}

/** The code an authenticator app shows for `secret` at `now`, `offset` steps away. */
export function totpCode(secret: string, now: number, offset = 0): string {
  const key = base32Decode(secret);
  if (!key.ok) throw new Error(key.error);
  return hotp(key.value, totpStep(now) + offset, 6);
}

/** An operator's console credentials, as `npm run staff -- operator add` prints them. */
export interface ConsoleCredentials {
  name: string;
  password: string;
  /** The authenticator secret: `totpCode(secret, Date.now())` is the code to type. */
  secret: string;
}

/**
 * Adds a console operator of `role` to the server (`name` unique per worker server).
 *
 * @example
 *   const reviewer = addConsoleOperator(server, 'zhao.min', 'reviewer');
 *   await page.getByLabel('Code').fill(totpCode(reviewer.secret, Date.now()));
 */
export function addConsoleOperator(
  server: DemoServer,
  name: string,
  role: 'auditor' | 'reviewer' | 'admin',
): ConsoleCredentials {
  const added = server.governance.addOperator(name, role);
  if (!added.ok) throw new Error(added.message);
  return { name, password: added.value.password, secret: added.value.totp.secret };
}

/** Every day 00:00–24:00: the working-hours rule never fires, whenever the suite runs. */
const ALL_DAY = { start: '00:00', end: '24:00' };
export const ALL_WEEK = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};

/**
 * Issue 6 through the options page, as a staff member does it: the service publishes `policy`
 * and grants `role` to a new staff member; the browser enrols with the code, registers the
 * authenticator and unlocks reveals. Resolves once the signed policy is in force, with the staff
 * id and the authenticator's secret.
 */
export async function enrolBrowser(
  page: Page,
  worker: Worker,
  server: DemoServer,
  options: { policy: { version: string }; role: string },
): Promise<{ staffId: string; secret: string }> {
  const { governance } = server;
  const staffId = `CS-${Date.now() % 1_000_000}`;
  if (!governance.publishPolicy('e2e-admin', options.policy).ok) throw new Error('policy refused');
  const created = governance.createStaff('e2e-admin', { staffId, name: '王芳' });
  if (!created.ok) throw new Error('staff not created');
  const granted = governance.createGrant('e2e-admin', staffId, {
    role: options.role,
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    note: 'e2e project',
  });
  if (!granted.ok) throw new Error('grant refused');
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Enrollment code').fill(created.value.enrollment.code);
  await page.getByRole('button', { name: /Enrol/ }).click();
  const secretText = page.getByTestId('totp-secret');
  await secretText.waitFor();
  const secret = ((await secretText.textContent()) ?? '').replace(/\s/g, '');
  await page.getByLabel('First code').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: /Confirm/ }).click();
  await page.getByLabel('Authenticator code').fill(totpCode(secret, Date.now(), 1));
  await page.getByRole('button', { name: /Unlock/ }).click();
  await page.locator('[data-testid="unlock-state"][data-locked="false"]').waitFor();
  await expect.poll(() => policyInForce(worker)).toBe(options.policy.version);
  return { staffId, secret };
}
