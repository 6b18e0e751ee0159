// The console's activity pages (issue 7, R15, R16): each staff member's daily views and reveals
// against the daily limit, the events behind them, and their export. Everything reads the
// activity index a page at a time, never the ledger.
//
// - The chart's JSON is assembled around each series' `daysJson` as SQLite wrote it: parsing and
//   re-serialising 90,000 day tuples would cost more than the query.
// - An export streams one page of the index per pull, so a million events never sit in memory,
//   and is recorded in the ledger (`exported`: the query and the row count, not the data) when it
//   ends, or when the client stops reading.
import { Hono } from 'hono';
import { z } from 'zod';
import { csvLine } from '../../shared/review';
import { PiiTypeSchema } from '../../shared/schema/pii';
import { DEFAULT_DAILY_MAX } from '../../shared/schema/rules';
import { ChartQuerySchema, DaySchema, MAX_CHART_DAYS } from '../../shared/schema/review';
import { AppError } from '../app/errors';
import type { ActivityIndex, EventQuery, EventRow } from '../activity';
import type { Ledger } from '../ledger';
import type { GovernanceService } from '../staff';
import { parseQuery } from './http';
import { record } from './record';
import { requireRole, type ConsoleEnv } from './roles';

/** Most events one page of `GET /activity/events` answers: a screenful or two of a table. */
export const MAX_EVENTS_PAGE = 500;
/** Events per page when none is asked for. */
const DEFAULT_EVENTS_PAGE = 100;
/** Events read from the index per chunk of an export: ~100 KB of CSV, one indexed range read. */
export const EXPORT_PAGE_ROWS = 1000;

const DAY_MS = 86_400_000;

const EventKindSchema = z.enum(['page-view', 'reveal', 'pause', 'resume']);

/** The filters the events list and the export share. */
const filters = {
  from: DaySchema,
  to: DaySchema,
  staffId: z.string().min(1).max(64).optional(),
  origin: z.string().min(1).max(300).optional(),
  kind: EventKindSchema.optional(),
  /** Reveals of one PII type. */
  piiType: PiiTypeSchema.optional(),
};

/** `GET /admin/api/activity/events?from&to&staffId&origin&kind&piiType&after&limit`. */
export const EventsQuerySchema = z.strictObject({
  ...filters,
  /** The `next` of the previous page. */
  after: z.coerce.number().int().min(-1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(DEFAULT_EVENTS_PAGE),
});

/** `GET /admin/api/activity/export?format&from&to&staffId&origin&kind&piiType`. */
export const ExportQuerySchema = z.strictObject({
  ...filters,
  format: z.enum(['csv', 'jsonl']).default('csv'),
});

/** The columns of a CSV export, in order. */
export const EXPORT_COLUMNS = [
  'index',
  'at',
  'day',
  'staffId',
  'kind',
  'origin',
  'piiType',
] as const;

export interface ActivityDeps {
  activity: Pick<ActivityIndex, 'chart' | 'staffCount' | 'events'>;
  ledger: Ledger;
  /** The published policy's rules: the chart's threshold is its daily limit. */
  governance: Pick<GovernanceService, 'rules' | 'now'>;
  /** Events per export chunk (tests make it small to cross page boundaries). */
  exportPageRows?: number;
}

/** 400 unless from ≤ to; the number of days from `from` to `to`, both included. */
function rangeDays(from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1) {
    throw new AppError(400, 'bad_query', `from (${from}) is after to (${to}); swap them.`);
  }
  return days;
}

const text = (value: string): string => JSON.stringify(value);

/**
 * The activity routes; mount behind the session middleware at `/admin/api`.
 * - `GET /activity/chart?from&to&limit&offset` → ChartResponse: the staff members active in
 *   [from, to] by busiest day, a page of them, with the policy's daily limit as `threshold`; 400
 *   for more than 92 days
 * - `GET /activity/events?from&to&staffId&origin&kind&piiType&after&limit` → `{ rows, next }`, oldest
 *   first, paged by ledger index (`after` = the previous page's `next`), at most 500 a page
 * - `GET /activity/export?format=csv|jsonl&from&to&staffId&origin&kind&piiType` → a download of every
 *   matching event, streamed; ledger `exported`
 * Any signed-in role may read them (auditors read).
 *
 * @example
 *   api.route('/', activityRoutes({ activity, ledger, governance }));
 *   // GET /admin/api/activity/chart?from=2026-09-01&to=2026-11-29
 *   // → { from, to, threshold: 50, staffCount: 1000, staff: [{ staffId, peak, days: [['2026-09-01', 12, 1], …] }] }
 */
export function activityRoutes(deps: ActivityDeps): Hono<ConsoleEnv> {
  const { activity, ledger, governance } = deps;
  const pageRows = deps.exportPageRows ?? EXPORT_PAGE_ROWS;
  const app = new Hono<ConsoleEnv>();

  app.get('/activity/chart', requireRole('auditor'), (c) => {
    const query = parseQuery(
      c,
      ChartQuerySchema,
      '/admin/api/activity/chart?from=2026-09-01&to=2026-11-29&limit=50&offset=0',
    );
    const days = rangeDays(query.from, query.to);
    if (days > MAX_CHART_DAYS) {
      throw new AppError(
        400,
        'range-too-long',
        `The chart covers at most ${MAX_CHART_DAYS} days (a quarter); ${query.from} to ${query.to} is ${days}. Pick a shorter range.`,
      );
    }
    const threshold = governance.rules()?.dailyLimit.max ?? DEFAULT_DAILY_MAX;
    const staff = activity
      .chart(query)
      .map((s) => `{"staffId":${text(s.staffId)},"peak":${s.peak},"days":${s.daysJson}}`);
    const staffCount = activity.staffCount(query);
    return c.body(
      `{"from":${text(query.from)},"to":${text(query.to)},"threshold":${threshold},` +
        `"staffCount":${staffCount},"staff":[${staff.join(',')}]}`,
      200,
      { 'Content-Type': 'application/json; charset=UTF-8' },
    );
  });

  app.get('/activity/events', requireRole('auditor'), (c) => {
    const query = parseQuery(
      c,
      EventsQuerySchema,
      '/admin/api/activity/events?from=2026-11-01&to=2026-11-30&staffId=CS-0420&limit=100',
    );
    rangeDays(query.from, query.to);
    return c.json(activity.events(query));
  });

  app.get('/activity/export', requireRole('auditor'), (c) => {
    const { format, ...filter } = parseQuery(
      c,
      ExportQuerySchema,
      '/admin/api/activity/export?format=csv&from=2026-11-01&to=2026-11-30',
    );
    rangeDays(filter.from, filter.to);
    // The query as recorded: the parsed filters in a fixed order, not whatever the URL held.
    const search = new URLSearchParams({ format });
    for (const [key, value] of Object.entries(filter)) {
      if (value !== undefined) search.set(key, value);
    }
    const by = c.var.operator.name;
    const logged = (rows: number) =>
      record(ledger, {
        kind: 'exported',
        by,
        at: new Date(governance.now()).toISOString(),
        what: 'activity events',
        format,
        query: `?${search.toString()}`,
        rows,
      });
    const stream = exportStream(activity, { ...filter, limit: pageRows }, format, logged);
    const name = `custodian-activity-${filter.from}-${filter.to}.${format}`;
    return c.body(stream, 200, {
      'Content-Type':
        format === 'csv' ? 'text/csv; charset=UTF-8' : 'application/x-ndjson; charset=UTF-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}

const csvRow = (r: EventRow): string =>
  csvLine([r.index, r.at, r.day, r.staffId, r.kind, r.origin, r.piiType]);
const jsonRow = (r: EventRow): string => `${JSON.stringify(r)}\n`;

/**
 * The export as a byte stream, one page of the index per pull; `done(rows)` is called once, when
 * the last page is sent or the reader cancels. A failure to record errors the stream.
 */
function exportStream(
  activity: Pick<ActivityIndex, 'events'>,
  query: Omit<EventQuery, 'after'>,
  format: 'csv' | 'jsonl',
  done: (rows: number) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = format === 'csv' ? csvRow : jsonRow;
  let after = -1;
  let rows = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done(rows);
  };
  // highWaterMark 0: a page is read only when the reader asks, never ahead of it.
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === 'csv') controller.enqueue(encoder.encode(csvLine(EXPORT_COLUMNS)));
      },
      pull(controller) {
        try {
          const page = activity.events({ ...query, after });
          rows += page.rows.length;
          if (page.rows.length > 0)
            controller.enqueue(encoder.encode(page.rows.map(line).join('')));
          if (page.next === null) {
            finish();
            controller.close();
          } else {
            after = page.next;
          }
        } catch (error) {
          console.error(
            '[console] activity export failed:',
            error instanceof Error ? error.message : 'unknown error',
          );
          controller.error(error);
        }
      },
      cancel() {
        // The client stopped reading: what it was sent still left the service, so it is recorded.
        try {
          finish();
        } catch (error) {
          console.error(
            '[console] an interrupted export could not be recorded:',
            error instanceof Error ? error.message : 'unknown error',
          );
        }
      },
    },
    { highWaterMark: 0 },
  );
}
