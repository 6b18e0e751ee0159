// The extension's queue store in Chromium's IndexedDB (no extension needed: the module is bundled
// into a page): events written a transaction's worth per record (a chunk) still read, settle and
// count one by one, and the queue's length is kept without reading the chunks; a batch read while the one before is unsettled never repeats an event; and a
// v2 database (a record per event) moves to chunks without losing one.
import path from 'node:path';
import { chromium, test as base, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { NewEvent } from '../../extension/lib/queue';
import { CHROMIUM, CHROMIUM_ARGS, expect } from './fixtures';

const ORIGIN = 'http://127.0.0.1:9';

const test = base.extend<{ page: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
  page: async ({}, use) => {
    const bundle = await build({
      entryPoints: [path.join(import.meta.dirname, 'queue-store-page.ts')],
      bundle: true,
      format: 'iife',
      write: false,
      platform: 'browser',
      target: 'chrome120',
    });
    const script = bundle.outputFiles[0]!.text.replace(/<\/script/g, '<\\/script');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/blank`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await page.route(`${ORIGIN}/queue`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><script>${script}</script>`,
      }),
    );
    await use(page);
    await browser.close();
  },
});

const view = (path: string): NewEvent => ({
  kind: 'page-view',
  staffId: 'CS-0420',
  role: 'support',
  policyVersion: '1',
  page: { origin: 'https://crm.example.com', path },
  counts: { phone: 1 },
});

/** Queues `n` events in one burst (one chunk) and returns their paths' prefix order. */
const burst = (page: Page, prefix: string, n: number) =>
  page.evaluate(
    ([p, count, event]) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          window.queue.enqueueEvent({ ...event, page: { ...event.page, path: `/${p}${i}` } }),
        ),
      ).then((events) => events.map((e) => e.id)),
    [prefix, n, view('/')] as const,
  );

test('batches cross chunks in queue order, never repeat, and settle only what was answered', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}/queue`);
  const a = await burst(page, 'a', 7);
  const b = await burst(page, 'b', 1);
  const c = await burst(page, 'c', 5);
  const all = [...a, ...b, ...c];
  expect(await page.evaluate(() => window.queue.queueStatus())).toEqual({
    length: 13,
    deadLetters: 0,
  });

  const ids = await page.evaluate(async () => {
    const q = window.queue;
    const b1 = await q.readBatch(4);
    const b2 = await q.readBatch(4, b1);
    const b3 = await q.readBatch(4, b2);
    const b4 = await q.readBatch(4, b3);
    const b5 = await q.readBatch(4, b4);
    // The second batch settles first, all acknowledged, while the first is still unsettled.
    await q.settleBatch(
      b2,
      b2.events.map((e) => e.id),
      [],
    );
    const afterSecond = (await q.readBatch(100)).events.map((e) => e.id);
    // The first: one acknowledged-not (stays), one rejected (dead letter), the rest acknowledged.
    const [keep, reject, ...rest] = b1.events.map((e) => e.id);
    await q.settleBatch(b1, rest, [{ id: reject!, reason: 'counts.phone: bad' }]);
    const ids = (b: { events: { id: string; seq: number }[] }) => b.events.map((e) => e.id);
    return {
      batches: [b1, b2, b3, b4, b5].map(ids),
      seqs: [b1, b2, b3, b4].flatMap((b) => b.events.map((e) => e.seq)),
      afterSecond,
      keep,
      reject,
      left: (await q.readBatch(100)).events.map((e) => e.id),
      dead: (await q.deadLetters(10)).map((d) => [d.id, d.reason]),
      status: await q.queueStatus(),
    };
  });
  expect(ids.batches).toEqual([
    all.slice(0, 4),
    all.slice(4, 8),
    all.slice(8, 12),
    all.slice(12),
    [],
  ]);
  expect(ids.seqs).toEqual(Array.from({ length: 13 }, (_, i) => i));
  expect(ids.afterSecond).toEqual([...all.slice(0, 4), ...all.slice(8)]);
  expect(ids.left).toEqual([ids.keep, ...all.slice(8)]);
  expect(ids.dead).toEqual([[ids.reject, 'counts.phone: bad']]);
  expect(ids.status).toEqual({ length: 6, deadLetters: 1 });
});

test('a fully acknowledged batch leaves events queued after it was read, in the same chunk or later', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}/queue`);
  const first = await burst(page, 'x', 6);
  const result = await page.evaluate(async (event) => {
    const q = window.queue;
    const head = await q.readBatch(4); // cuts the first chunk
    const tail = await q.readBatch(4, head); // its last two
    const late = await q.enqueueEvent(event);
    await q.settleBatch(
      tail,
      tail.events.map((e) => e.id),
      [],
    );
    await q.settleBatch(
      head,
      head.events.map((e) => e.id),
      [],
    );
    return { left: (await q.readBatch(10)).events.map((e) => e.id), late: late.id };
  }, view('/late'));
  expect(first).toHaveLength(6);
  expect(result.left).toEqual([result.late]);
  expect(await page.evaluate(() => window.queue.queueStatus())).toEqual({
    length: 1,
    deadLetters: 0,
  });
});

test('recent events come newest first, across chunks', async ({ page }) => {
  await page.goto(`${ORIGIN}/queue`);
  const t0 = Date.parse('2026-11-22T10:00:00Z');
  const recent = await page.evaluate(
    async ([event, t]) => {
      const q = window.queue;
      await Promise.all([q.enqueueEvent(event, t), q.enqueueEvent(event, t + 1000)]);
      await q.enqueueEvent(event, t + 5000);
      return (await q.recentEvents(2)).map((e) => e.at);
    },
    [view('/r'), t0] as const,
  );
  expect(recent).toEqual(['2026-11-22T10:00:05.000Z', '2026-11-22T10:00:01.000Z']);
});

test('the queue length is kept with the events; a count that cannot be right is made again', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}/queue`);
  await burst(page, 'a', 3);
  await burst(page, 'b', 2);
  const result = await page.evaluate(async () => {
    const q = window.queue;
    /** Writes `queued` into the device record as a bug or an old version could have left it. */
    const setQueued = (queued: number | undefined) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('custodian');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          const get = tx.objectStore('meta').get('device');
          get.onsuccess = () => {
            const device = { ...(get.result as { queued?: number }) };
            delete device.queued;
            tx.objectStore('meta').put(queued === undefined ? device : { ...device, queued });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    const kept = await q.queueStatus();
    await setQueued(1); // fewer events than chunks: impossible
    const fromTooFew = await q.queueStatus();
    await setQueued(undefined);
    const fromUnknown = await q.queueStatus();
    const batch = await q.readBatch(4);
    await q.settleBatch(
      batch,
      batch.events.map((e) => e.id),
      [],
    );
    const afterSettle = await q.queueStatus();
    const rest = await q.readBatch(10);
    await q.settleBatch(
      rest,
      rest.events.map((e) => e.id),
      [],
    );
    return { kept, fromTooFew, fromUnknown, afterSettle, empty: await q.queueStatus() };
  });
  const length = (n: number) => ({ length: n, deadLetters: 0 });
  expect(result).toEqual({
    kept: length(5),
    fromTooFew: length(5),
    fromUnknown: length(5),
    afterSettle: length(1),
    empty: length(0),
  });
});

test('a v2 database (a record per event) moves to chunks: every event kept, in order', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}/blank`);
  // The v2 layout, written with the raw API as the extension's previous version left it.
  const old = await page.evaluate(
    (event) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('custodian', 2);
        open.onupgradeneeded = () => {
          const db = open.result;
          db.createObjectStore('events');
          db.createObjectStore('dead-letters', { keyPath: 'id' });
          db.createObjectStore('meta', { keyPath: 'key' });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['events', 'meta'], 'readwrite');
          const device = '0190a000-0000-7000-8000-ffffffffffff';
          const ids = [0, 1, 2].map((seq) => `0190a000-0000-7000-8000-00000000000${seq}`);
          ids.forEach((id, seq) => {
            const stored = {
              ...event,
              schema: 1,
              id,
              deviceId: device,
              seq,
              at: '2026-11-22T10:00:00.000Z',
            };
            tx.objectStore('events').put({ event: stored, queuedAt: 1 }, id);
          });
          tx.objectStore('meta').put({ key: 'device', id: device, nextSeq: 3 });
          tx.oncomplete = () => {
            db.close();
            resolve(ids);
          };
        };
      }),
    view('/old'),
  );
  await page.goto(`${ORIGIN}/queue`);
  const after = await page.evaluate(async (event) => {
    const q = window.queue;
    const fresh = await q.enqueueEvent(event);
    const batch = await q.readBatch(10);
    const stores = await new Promise<string[]>((resolve) => {
      const open = indexedDB.open('custodian');
      open.onsuccess = () => {
        resolve([...open.result.objectStoreNames]);
        open.result.close();
      };
    });
    return { fresh, ids: batch.events.map((e) => e.id), status: await q.queueStatus(), stores };
  }, view('/new'));
  expect(after.fresh.seq).toBe(3);
  expect(after.ids).toEqual([...old, after.fresh.id]);
  expect(after.status).toEqual({ length: 4, deadLetters: 0 });
  expect(after.stores.sort()).toEqual(['chunks', 'dead-letters', 'meta']);
});
