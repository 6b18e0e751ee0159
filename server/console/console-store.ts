// The review console's own store (issue 7): quarterly spot checks with their findings (R18),
// incidents with their steps (R21) and the last verifications of the ledger (R17), in console.db
// (SQLite, WAL) in the data directory. Rows only: the rules live in the services beside it. Each
// record is kept whole as JSON, parsed on the way out, with the columns its lists sort by.
import { openDatabase } from '../sqlite';
import { join } from 'node:path';
import type { z } from 'zod';
import { VerifyReportSchema, type VerifyReport } from '../../shared/schema/ledger';
import {
  IncidentSchema,
  SpotCheckSchema,
  type Incident,
  type SpotCheck,
} from '../../shared/schema/review';
import { CONSOLE_DB_FILE, VERIFY_RUNS_KEPT } from './config';

/** The schema version of the file, for migrations when it changes. */
const SCHEMA_VERSION = '1';

const CREATE = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS spot_checks (
    check_id TEXT PRIMARY KEY,
    created_at_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS spot_checks_created ON spot_checks(created_at_ms, check_id);
  CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY,
    discovered_at_ms INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS incidents_order ON incidents(closed, discovered_at_ms, incident_id);
  CREATE TABLE IF NOT EXISTS verify_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    checked_at TEXT NOT NULL,
    report TEXT NOT NULL
  );
`;

/** Parses a stored record: the file is ours, but a damaged row must not pass as valid. */
function parsed<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the schema check below reports the row as damaged.
    value = undefined;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`console.db: a stored ${what} is damaged; restore the file from backup.`);
  }
  return result.data;
}

/** A verification of the whole ledger, and when it ran. */
export type VerifyRun = VerifyReport & { checkedAt: string };

/**
 * Opens (creating if needed) the console store in the data directory `dir`.
 *
 * @example
 *   const store = openConsoleStore('data');
 *   store.checks(50, 0); // the newest spot checks first
 */
export function openConsoleStore(dir: string) {
  const path = join(dir, CONSOLE_DB_FILE);
  const db = openDatabase(path, {
    name: 'console',
    schemaVersion: SCHEMA_VERSION,
    create: CREATE,
    busyTimeoutMs: 5000,
  });

  const q = {
    insertCheck: db.prepare(
      'INSERT INTO spot_checks (check_id, created_at_ms, status, body) VALUES (?, ?, ?, ?)',
    ),
    updateCheck: db.prepare('UPDATE spot_checks SET status = ?, body = ? WHERE check_id = ?'),
    check: db.prepare<[string], string>('SELECT body FROM spot_checks WHERE check_id = ?').pluck(),
    checks: db
      .prepare<[number, number], string>(
        'SELECT body FROM spot_checks ORDER BY created_at_ms DESC, check_id DESC LIMIT ? OFFSET ?',
      )
      .pluck(),
    insertIncident: db.prepare(
      'INSERT INTO incidents (incident_id, discovered_at_ms, closed, body) VALUES (?, ?, ?, ?)',
    ),
    updateIncident: db.prepare('UPDATE incidents SET closed = ?, body = ? WHERE incident_id = ?'),
    incident: db
      .prepare<[string], string>('SELECT body FROM incidents WHERE incident_id = ?')
      .pluck(),
    // Open ones first, the latest discovered first; closed ones after them.
    incidents: db
      .prepare<[number, number], string>(
        'SELECT body FROM incidents ORDER BY closed, discovered_at_ms DESC, incident_id DESC LIMIT ? OFFSET ?',
      )
      .pluck(),
    insertRun: db.prepare('INSERT INTO verify_runs (checked_at, report) VALUES (?, ?)'),
    pruneRuns: db.prepare(
      'DELETE FROM verify_runs WHERE id <= (SELECT MAX(id) FROM verify_runs) - ?',
    ),
    lastRun: db.prepare<[], { checked_at: string; report: string }>(
      'SELECT checked_at, report FROM verify_runs ORDER BY id DESC LIMIT 1',
    ),
  };

  const checkRow = (text: string): SpotCheck => parsed(SpotCheckSchema, text, 'spot check');
  const incidentRow = (text: string): Incident => parsed(IncidentSchema, text, 'incident');

  return {
    /** Runs `fn` in one transaction (BEGIN IMMEDIATE): all of it is stored, or none. */
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),

    // ---- Spot checks (R18)
    insertCheck(check: SpotCheck): void {
      q.insertCheck.run(
        check.checkId,
        Date.parse(check.createdAt),
        check.status,
        JSON.stringify(check),
      );
    },
    /** Replaces a stored check (its findings, its signature). */
    updateCheck(check: SpotCheck): void {
      q.updateCheck.run(check.status, JSON.stringify(check), check.checkId);
    },
    check(checkId: string): SpotCheck | undefined {
      const text = q.check.get(checkId);
      return text === undefined ? undefined : checkRow(text);
    },
    /** A page of checks, the newest first. */
    checks: (limit: number, offset: number): SpotCheck[] =>
      q.checks.all(limit, offset).map(checkRow),

    // ---- Incidents (R21)
    insertIncident(incident: Incident): void {
      q.insertIncident.run(
        incident.incidentId,
        Date.parse(incident.discoveredAt),
        incident.closedAt === null ? 0 : 1,
        JSON.stringify(incident),
      );
    },
    /** Replaces a stored incident (a new step, its closing). */
    updateIncident(incident: Incident): void {
      q.updateIncident.run(
        incident.closedAt === null ? 0 : 1,
        JSON.stringify(incident),
        incident.incidentId,
      );
    },
    incident(incidentId: string): Incident | undefined {
      const text = q.incident.get(incidentId);
      return text === undefined ? undefined : incidentRow(text);
    },
    /** A page of incidents: open ones first, then closed ones, the latest discovered first. */
    incidents: (limit: number, offset: number): Incident[] =>
      q.incidents.all(limit, offset).map(incidentRow),

    // ---- Ledger verifications (R17)
    /** Keeps a verification's result; the oldest beyond VERIFY_RUNS_KEPT are dropped. */
    putVerifyRun(run: VerifyRun): void {
      const { checkedAt, ...report } = run;
      q.insertRun.run(checkedAt, JSON.stringify(report));
      q.pruneRuns.run(VERIFY_RUNS_KEPT);
    },
    /** The latest verification, or undefined before the first. */
    lastVerifyRun(): VerifyRun | undefined {
      const row = q.lastRun.get();
      if (!row) return undefined;
      return {
        ...parsed(VerifyReportSchema, row.report, 'verify report'),
        checkedAt: row.checked_at,
      };
    },

    close: () => db.close(),
  };
}

export type ConsoleStore = ReturnType<typeof openConsoleStore>;
