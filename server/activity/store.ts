// The activity index (issue 7, R15, R16): staff events folded, as they are ingested, into a
// per-staff-per-day rollup (the console's chart) and a per-event row (its lists and drill-down),
// so no page ever reads the ledger whole. Derived data: the ledger is the record, and `rebuild`
// recreates this file from it.
import Database from 'better-sqlite3';
import { localTime } from '../../shared/rules';
import type { StaffEvent } from '../../shared/schema';
import { z } from 'zod';

/** One ingested staff event, where the ledger put it, and whose it is. */
export interface IndexedEvent {
  /** The ledger index: the event's identity in every list and export. */
  index: number;
  /** The staff member the sending device is enrolled for, else the event's own claim. */
  staffId: string | null;
  event: StaffEvent;
}

/** One staff member's day. */
export interface StaffDay {
  staffId: string;
  /** `YYYY-MM-DD` in the index's time zone. */
  day: string;
  views: number;
  reveals: number;
}

/** One day of a staff member's series: `[day, views, reveals]`, compact for 90,000 of them. */
export type DayCounts = [day: string, views: number, reveals: number];

/** One staff member's series over the asked days (days without activity left out), and their busiest day. */
export interface StaffSeries {
  staffId: string;
  /** Views plus reveals on the busiest day. */
  peak: number;
  /**
   * The days as SQLite wrote them, a JSON array of `DayCounts`: the HTTP answer embeds it as it
   * is, because parsing and re-serialising 90,000 tuples cost more than the query (~150 ms).
   * `parseDays` reads it when code needs the values.
   */
  daysJson: string;
}

/** A page of events: ledger indexes, oldest first, and where the next page starts. */
export interface EventPage {
  rows: EventRow[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

export interface EventRow {
  index: number;
  staffId: string | null;
  day: string;
  at: string;
  kind: StaffEvent['kind'];
  origin: string;
  piiType: string | null;
}

export interface EventQuery {
  from: string;
  to: string;
  staffId?: string | undefined;
  origin?: string | undefined;
  kind?: StaffEvent['kind'] | undefined;
  /** Reveals of this PII type (page views carry no single type). */
  piiType?: string | undefined;
  /** Return rows with a ledger index greater than this. */
  after?: number | undefined;
  limit: number;
}

export interface ActivityIndex {
  /** The zone whose calendar days the index counts in. */
  readonly timeZone: string;
  /** Folds events in; an index already folded in is skipped, so replays count once. */
  record(rows: readonly IndexedEvent[]): void;
  /** Staff members ordered by their busiest day in [from, to] (busiest first), a page of them. */
  chart(query: { from: string; to: string; limit: number; offset: number }): StaffSeries[];
  /** How many staff members were active in [from, to]. */
  staffCount(query: { from: string; to: string }): number;
  /** Events in [from, to], filtered, paged by ledger index. */
  events(query: EventQuery): EventPage;
  /**
   * Ledger indexes of the events in [from, to] recorded under one of `roles` or by one of
   * `staffIds` (who held such a role by grant): a spot check's population (R18).
   */
  population(query: {
    from: string;
    to: string;
    roles: readonly string[];
    staffIds: readonly string[];
  }): number[];
  /** The events at these ledger indexes (a spot check's sample), ascending; unknown ones left out. */
  eventsByIndex(indexes: readonly number[]): EventRow[];
  /** The highest ledger index folded in, or -1. */
  lastIndex(): number;
  /** The ledger size up to which every entry has been read for staff events (catch-up.ts), or 0. */
  scannedTo(): number;
  setScannedTo(size: number): void;
  /** Refreshes the planner's statistics (`ANALYZE`): the server runs it after large ingests. */
  analyze(): void;
  close(): void;
}

/**
 * Opens (creating if needed) the activity index at `path`, counting days in `timeZone`. An index
 * that counted in another zone is emptied, to be rebuilt from the ledger (catch-up.ts).
 *
 * @example
 *   const activity = openActivityIndex('data/activity.db', 'Asia/Shanghai');
 *   activity.chart({ from: '2026-09-01', to: '2026-11-29', limit: 50, offset: 0 });
 */
export function openActivityIndex(path: string, timeZone: string): ActivityIndex {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS events (
      idx INTEGER PRIMARY KEY,
      staff_id TEXT,
      day TEXT NOT NULL,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      origin TEXT NOT NULL,
      pii_type TEXT,
      role TEXT
    );
    CREATE INDEX IF NOT EXISTS events_by_day ON events (day, idx);
    CREATE INDEX IF NOT EXISTS events_by_staff ON events (staff_id, day, idx);
    CREATE TABLE IF NOT EXISTS staff_day (
      day TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      views INTEGER NOT NULL,
      reveals INTEGER NOT NULL,
      PRIMARY KEY (day, staff_id)
    ) WITHOUT ROWID;
    -- Covering, in staff order: the chart groups by staff member without a sort or a table read.
    CREATE INDEX IF NOT EXISTS staff_day_by_staff ON staff_day (staff_id, day, views, reveals);
  `);
  const zone = db
    .prepare<[], string>("SELECT value FROM meta WHERE key = 'timeZone'")
    .pluck()
    .get();
  if (zone !== undefined && zone !== timeZone) {
    // The policy's zone changed: every day was counted in the old one. The index is derived from
    // the ledger, so it is emptied and the start-up catch-up rebuilds it in the new zone.
    db.transaction(() => {
      db.exec(
        "DELETE FROM events; DELETE FROM staff_day; DELETE FROM meta WHERE key = 'scannedTo'",
      );
      db.prepare("UPDATE meta SET value = ? WHERE key = 'timeZone'").run(timeZone);
    })();
    console.warn(
      `[activity] ${path} counted days in ${zone}; the rules now use ${timeZone}, so it is rebuilt from the ledger.`,
    );
  }
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('timeZone', ?)").run(timeZone);

  const insertEvent = db.prepare(
    'INSERT OR IGNORE INTO events (idx, staff_id, day, at, kind, origin, pii_type, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const bump = db.prepare(
    `INSERT INTO staff_day (day, staff_id, views, reveals) VALUES (?, ?, ?, ?)
     ON CONFLICT (day, staff_id) DO UPDATE SET views = views + excluded.views, reveals = reveals + excluded.reveals`,
  );
  const dayOf = localDays(timeZone);
  const recordTx = db.transaction((rows: readonly IndexedEvent[]) => {
    for (const { index, staffId, event } of rows) {
      const day = dayOf(Date.parse(event.at));
      const piiType = event.kind === 'reveal' ? event.piiType : null;
      const added = insertEvent.run(
        index,
        staffId,
        day,
        event.at,
        event.kind,
        event.page.origin,
        piiType,
        event.role,
      );
      if (added.changes === 0 || staffId === null) continue;
      if (event.kind === 'page-view') bump.run(day, staffId, 1, 0);
      else if (event.kind === 'reveal') bump.run(day, staffId, 0, 1);
    }
  });

  // One statement, with each staff member's series aggregated to JSON inside SQLite: 1,000 rows
  // cross into JavaScript instead of 90,000, which is most of the cost (a per-staff query
  // took 355 ms for 1,000 staff; a join returning every day row, 350 ms; this, ~40 ms).
  const chart = db
    .prepare<{ from: string; to: string; limit: number; offset: number }, [string, number, string]>(
      `WITH top AS (
         SELECT staff_id, MAX(views + reveals) AS peak FROM staff_day
         WHERE day >= @from AND day <= @to GROUP BY staff_id ORDER BY peak DESC, staff_id
         LIMIT @limit OFFSET @offset)
       SELECT t.staff_id, t.peak,
         (SELECT json_group_array(json_array(d.day, d.views, d.reveals) ORDER BY d.day)
          FROM staff_day d WHERE d.staff_id = t.staff_id AND d.day >= @from AND d.day <= @to)
       FROM top t ORDER BY t.peak DESC, t.staff_id`,
    )
    .raw();
  const countStaff = db
    .prepare<[string, string], number>(
      'SELECT COUNT(DISTINCT staff_id) FROM staff_day WHERE day >= ? AND day <= ?',
    )
    .pluck();

  const population = db
    .prepare<{ from: string; to: string; roles: string; staff: string }, number>(
      `SELECT idx FROM events WHERE day >= @from AND day <= @to
       AND (role IN (SELECT value FROM json_each(@roles)) OR staff_id IN (SELECT value FROM json_each(@staff)))
       ORDER BY idx`,
    )
    .pluck();
  const byIndex = db.prepare<[string], EventRowColumns>(
    `SELECT idx, staff_id, day, at, kind, origin, pii_type FROM events
     WHERE idx IN (SELECT value FROM json_each(?)) ORDER BY idx`,
  );
  const last = db.prepare<[], number | null>('SELECT MAX(idx) FROM events').pluck();
  const scanned = db.prepare<[], string>("SELECT value FROM meta WHERE key = 'scannedTo'").pluck();
  const setScanned = db.prepare(
    "INSERT INTO meta (key, value) VALUES ('scannedTo', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );

  return {
    timeZone,
    record: (rows) => recordTx(rows),
    chart({ from, to, limit, offset }) {
      return chart
        .all({ from, to, limit, offset })
        .map(([staffId, peak, daysJson]) => ({ staffId, peak, daysJson }));
    },
    staffCount: ({ from, to }) => countStaff.get(from, to) ?? 0,
    events(query) {
      const where = ['day >= @from', 'day <= @to', 'idx > @after'];
      if (query.staffId !== undefined) where.push('staff_id = @staffId');
      if (query.origin !== undefined) where.push('origin = @origin');
      if (query.kind !== undefined) where.push('kind = @kind');
      if (query.piiType !== undefined) where.push('pii_type = @piiType');
      const rows = db
        .prepare<Record<string, string | number>, EventRowColumns>(
          `SELECT idx, staff_id, day, at, kind, origin, pii_type FROM events WHERE ${where.join(' AND ')} ORDER BY idx LIMIT @limit`,
        )
        .all({
          from: query.from,
          to: query.to,
          after: query.after ?? -1,
          limit: query.limit + 1,
          ...(query.staffId !== undefined ? { staffId: query.staffId } : {}),
          ...(query.origin !== undefined ? { origin: query.origin } : {}),
          ...(query.kind !== undefined ? { kind: query.kind } : {}),
          ...(query.piiType !== undefined ? { piiType: query.piiType } : {}),
        });
      const page = rows.slice(0, query.limit).map(eventRow);
      return { rows: page, next: rows.length > query.limit ? page.at(-1)!.index : null };
    },
    population: ({ from, to, roles, staffIds }) =>
      population.all({ from, to, roles: JSON.stringify(roles), staff: JSON.stringify(staffIds) }),
    eventsByIndex: (indexes) => byIndex.all(JSON.stringify(indexes)).map(eventRow),
    lastIndex: () => last.get() ?? -1,
    scannedTo: () => Number(scanned.get() ?? 0),
    setScannedTo: (size) => void setScanned.run(String(size)),
    analyze: () => db.exec('ANALYZE'),
    close: () => {
      // Keeps the planner's statistics current, so it picks the right index for each filter.
      db.pragma('optimize');
      db.close();
    },
  };
}

/** An `events` row as SQLite returns it. */
interface EventRowColumns {
  idx: number;
  staff_id: string | null;
  day: string;
  at: string;
  kind: StaffEvent['kind'];
  origin: string;
  pii_type: string | null;
}

const eventRow = (r: EventRowColumns): EventRow => ({
  index: r.idx,
  staffId: r.staff_id,
  day: r.day,
  at: r.at,
  kind: r.kind,
  origin: r.origin,
  piiType: r.pii_type,
});

/** Zone offsets are whole quarter hours, so every instant in a UTC quarter hour has one date. */
const QUARTER_HOUR_MS = 900_000;

/**
 * The local date of an instant, remembered per UTC quarter hour: Intl costs ~20 µs a call here,
 * and ingest folds events in by the thousand.
 */
function localDays(timeZone: string): (at: number) => string {
  const cache = new Map<number, string>();
  return (at) => {
    const bucket = Math.floor(at / QUARTER_HOUR_MS);
    let date = cache.get(bucket);
    if (date === undefined) {
      if (cache.size > 100_000) cache.clear();
      date = localTime(bucket * QUARTER_HOUR_MS, timeZone).date;
      cache.set(bucket, date);
    }
    return date;
  };
}

const DayCountsSchema = z.array(z.tuple([z.string(), z.number().int(), z.number().int()]));

/**
 * The days of a `StaffSeries`. SQLite built the JSON, but it is still stored data: parsed, never cast.
 *
 * @example
 *   parseDays('[["2026-11-21",3,1]]'); // [['2026-11-21', 3, 1]]
 */
export function parseDays(json: string): DayCounts[] {
  return DayCountsSchema.parse(JSON.parse(json));
}
