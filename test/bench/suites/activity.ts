// Suite `activity` (issue 7): the review console's activity chart over 1,000,000 staff events of
// 1,000 staff members in 90 days, from the activity index that ingest keeps (server/activity), and
// the drill-down's event pages. Target: the chart answers in ≤ 300 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Hono } from 'hono';
import { openActivityIndex, type IndexedEvent } from '../../../server/activity/store';
import { activityRoutes } from '../../../server/console/activity-routes';
import type { ConsoleEnv } from '../../../server/console/roles';
import { openLedger } from '../../../server/ledger';
import type { StaffEvent } from '../../../shared/schema';
import { median } from '../measure';
import type { Check } from '../report';
import type { BenchSuite } from '../suite';

const EVENTS = 1_000_000;
const STAFF = 1_000;
const DAYS = 90;
/** Folded in per transaction, as ingest does per batch (500) times a few batches. */
const CHUNK = 10_000;
const RUNS = 15;
const TARGET_MS = 300;
const FIRST_DAY_MS = Date.parse('2026-08-24T00:30:00.000Z');
const DEVICE = '0190f7a2-1b3c-7def-8a12-000000000001';

/** A cheap deterministic PRNG (mulberry32): the same events every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function eventAt(i: number, next: () => number): IndexedEvent {
  // A few heavy users (1 in 20 does 5× the work) so the chart has staff over the threshold.
  const heavy = next() < 0.2;
  const staff = heavy ? Math.floor(next() * 50) : Math.floor(next() * STAFF);
  const staffId = `CS-${String(staff).padStart(4, '0')}`;
  const at = new Date(FIRST_DAY_MS + Math.floor(next() * DAYS * 86_400_000)).toISOString();
  const base = {
    schema: 1 as const,
    id: `0190f7a2-1b3c-7def-8a12-${i.toString(16).padStart(12, '0')}`,
    deviceId: DEVICE,
    seq: i,
    staffId,
    role: 'support',
    policyVersion: 'bench',
    at,
    page: { origin: `https://crm${staff % 3}.example.com`, path: '/customers/18' },
  };
  const event: StaffEvent =
    i % 5 === 0
      ? {
          ...base,
          kind: 'reveal',
          piiType: 'phone',
          count: 1,
          valueHash: 'a'.repeat(64),
          seconds: 30,
        }
      : { ...base, kind: 'page-view', counts: { phone: 2, name: 1 } };
  return { index: i, staffId, event };
}

async function timeMs(work: () => unknown): Promise<number[]> {
  await work(); // warm-up: statements prepared, pages in the OS cache
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const started = performance.now();
    await work();
    runs.push(performance.now() - started);
  }
  return runs;
}

export const activitySuite: BenchSuite = {
  name: 'activity',
  description: 'review console activity chart: 90 days × 1,000 staff over 1,000,000 events',
  async run({ progress }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-activity-'));
    const activity = openActivityIndex(join(dir, 'activity.db'), 'Asia/Shanghai');
    try {
      progress(`folding ${EVENTS.toLocaleString('en')} events into the activity index`);
      const next = random(7);
      const started = performance.now();
      for (let from = 0; from < EVENTS; from += CHUNK) {
        activity.record(Array.from({ length: CHUNK }, (_, k) => eventAt(from + k, next)));
      }
      const foldSeconds = (performance.now() - started) / 1000;
      activity.analyze();
      const range = { from: '2026-08-24', to: '2026-11-21' };
      progress('timing the chart and the drill-down');
      // The console's route as the browser calls it, in process: query, JSON assembled, body read.
      const ledger = openLedger({ path: join(dir, 'ledger.db'), checkpointEveryMs: 0 });
      const app = new Hono<ConsoleEnv>();
      app.use(async (c, next) => {
        c.set('operator', { name: 'bench', role: 'auditor' });
        await next();
      });
      app.route(
        '/',
        activityRoutes({ activity, ledger, governance: { rules: () => undefined, now: Date.now } }),
      );
      const routeChart = async (limit: number) => {
        const res = await app.request(
          `/activity/chart?from=${range.from}&to=${range.to}&limit=${limit}`,
        );
        if (res.status !== 200)
          throw new Error(`chart answered ${res.status}: ${await res.text()}`);
        return (await res.text()).length;
      };
      const page = await timeMs(() => routeChart(50));
      const all = await timeMs(() => routeChart(STAFF));
      const allBytes = await routeChart(STAFF);
      const store = await timeMs(() => activity.chart({ ...range, limit: STAFF, offset: 0 }));
      const count = activity.staffCount(range);
      const drill = await timeMs(() =>
        activity.events({ ...range, staffId: 'CS-0007', limit: 100 }),
      );
      const deep = await timeMs(() =>
        activity.events({ ...range, kind: 'reveal', after: EVENTS - 5_000, limit: 100 }),
      );
      ledger.close();
      const checks: Check[] = [
        {
          id: 'activity-chart-page',
          label: 'GET /admin/api/activity/chart, 90 days, first 50 staff',
          value: median(page),
          unit: 'ms',
          target: { op: '<=', value: TARGET_MS },
          detail: `median of ${RUNS} after a warm-up, body read; ${count} staff active; per-staff-per-day rollup kept at ingest`,
        },
        {
          id: 'activity-chart-all',
          label: `GET /admin/api/activity/chart, 90 days, all ${STAFF.toLocaleString('en')} staff`,
          value: median(all),
          unit: 'ms',
          target: { op: '<=', value: TARGET_MS },
          detail: `median of ${RUNS}; every staff member's series in one answer (${(allBytes / 1024).toFixed(0)} KiB of JSON)`,
        },
        {
          id: 'activity-chart-store',
          label: `the index's chart query alone, all ${STAFF.toLocaleString('en')} staff`,
          value: median(store),
          unit: 'ms',
          detail: `median of ${RUNS}; series aggregated to JSON inside SQLite`,
        },
        {
          id: 'activity-drill-down',
          label: "drill-down: one staff member's events, page of 100",
          value: median(drill),
          unit: 'ms',
          detail: `median of ${RUNS}; paged by ledger index, never the whole ledger`,
        },
        {
          id: 'activity-deep-page',
          label: 'reveals after entry 995,000, page of 100',
          value: median(deep),
          unit: 'ms',
          detail: `median of ${RUNS}; keyset paging (after=index), no OFFSET`,
        },
        {
          id: 'activity-fold',
          label: 'folding events into the index',
          value: EVENTS / foldSeconds,
          unit: 'events/s',
          detail: `${EVENTS.toLocaleString('en')} events in chunks of ${CHUNK.toLocaleString('en')}, ${foldSeconds.toFixed(1)} s`,
        },
      ];
      return { checks, raw: { page, all, store, drill, deep, foldSeconds, count, allBytes } };
    } finally {
      activity.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
