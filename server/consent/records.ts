// What the review console reads of the consent store (issue 7; R6, R10): decision statistics,
// the data-request queue a page at a time, and the retention rules over what the store keeps,
// with the destruction of what they make due. Never touches the ledger: its entries hold keyed
// hashes and pseudonyms, and are kept at least three years (R17).
//
// Receipts are folded, in the order they were stored, into two tables beside them, so that no
// page reads every receipt (a window over 100,000 receipts' JSON took ~8 s; these answer in ms):
// - `decision_months`: per site, policy version, purpose and UTC month, how many decisions were
//   grants, refusals and withdrawals. Anonymous counts (R11 level 3): they outlive the records;
// - `latest_decisions`: each subject's latest decision per purpose, with when its records come
//   due; `subject_due`: the latest of those per subject (null: never, a purpose of unknown
//   retention). Personal data: destroyed with the subject.
// The fold runs before every read (catching up on what was stored since), and `records-folded`
// in meta holds the last receipt rowid folded. Only `destroyDue` deletes receipts, and it moves
// the mark back below any rowid SQLite may hand out again.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  ConsentPolicySchema,
  DataRequestSchema,
  type ConsentPolicy,
  type RetentionKind,
} from '../../shared/schema';
import { VERIFICATION_KEEP_MS } from './config';

const DAY_MS = 86_400_000;

/** Receipts folded per transaction: short enough not to hold the writer for long. */
const FOLD_PAGE_ROWS = 1000;

/** What each retention kind destroys, and when it comes due, as the console states it. */
export const RETENTION_RULES: Readonly<Record<RetentionKind, { what: string; rule: string }>> = {
  'verification-contacts': {
    what: 'Verification contacts: the sealed e-mail address or phone number a one-time code was sent to, with its keyed hash and the code hash',
    rule:
      `Due ${VERIFICATION_KEEP_MS / 3_600_000} hours after the code was sent: by then the code ` +
      '(10 minutes) and its token (30 minutes) are long spent or expired. The consent service ' +
      'applies the same rule itself whenever it sends a new code.',
  },
  'consent-records': {
    what: "A customer's consent records: the pseudonymous subject, its signed receipts and its finished data requests",
    rule:
      "Due when, for every purpose the subject decided, the purpose's retention period " +
      '(retentionDays of the policy version it was decided under) has passed since its grant ' +
      'lapsed or was withdrawn, or since it was refused; never while a grant is in force or a ' +
      'data request of the subject is open or in progress.',
  },
};

const StatsRowSchema = z.object({
  version: z.number().int(),
  purpose: z.string(),
  month: z.string(),
  granted: z.number().int(),
  refused: z.number().int(),
  withdrawn: z.number().int(),
});
/** One purpose's counts in one month, under one policy version. */
export type StatsRow = z.infer<typeof StatsRowSchema>;

/** How much of a kind is due, and since when the longest-due item has been (ms), or null. */
export interface DueCount {
  due: number;
  oldestDueAt: number | null;
}

const AdminRequestSchema = DataRequestSchema.extend({ subject: z.string(), site: z.string() });
export type AdminRequest = z.infer<typeof AdminRequestSchema>;

/** A request-queue filter: `pending` is open or in progress. */
export type QueueStatus = AdminRequest['status'] | 'pending';

const statusesOf = (status: QueueStatus | undefined): string[] =>
  status === undefined
    ? ['open', 'in-progress', 'done', 'refused']
    : status === 'pending'
      ? ['open', 'in-progress']
      : [status];

/** What a decision counts as in the statistics. */
type Count = 'granted' | 'refused' | 'withdrawn';

/** One row of `decision_months`, being added up. */
type MonthCounts = { site: string; version: number; purpose: string; month: string } & Record<
  Count,
  number
>;

/** The parts of a stored receipt the fold reads. */
const ReceiptFactsSchema = z.object({
  body: z.object({
    policyVersion: z.number().int(),
    recordedAt: z.string(),
    decisions: z.array(
      z.object({ purpose: z.string(), granted: z.boolean(), expiresAt: z.string().nullable() }),
    ),
  }),
});

/** The facts of a stored receipt; a damaged one stops the fold (and the page) with what to do. */
function receiptFacts(text: string): z.infer<typeof ReceiptFactsSchema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the schema check below reports the receipt as damaged.
    value = undefined;
  }
  const parsed = ReceiptFactsSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error('consent.db: a stored receipt is damaged; restore the file from backup.');
  }
  return parsed.data;
}

/**
 * What a decision recorded at `at` counts as, given the subject's decision before it on the
 * same purpose: a grant where no grant was in force, a withdrawal where one was, a refusal where
 * none was and the subject had not refused already; repeating a decision counts nothing.
 */
function countAs(
  granted: boolean,
  before: { granted: number; expires_at: string | null } | undefined,
  at: string,
): Count | null {
  const inForce = before?.granted === 1 && before.expires_at !== null && before.expires_at > at;
  if (granted) return inForce ? null : 'granted';
  if (inForce) return 'withdrawn';
  return before === undefined || before.granted === 1 ? 'refused' : null;
}

const CREATE = `
  CREATE TABLE IF NOT EXISTS decision_months (
    site TEXT NOT NULL,
    version INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    month TEXT NOT NULL,
    granted INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    withdrawn INTEGER NOT NULL,
    PRIMARY KEY (site, month, version, purpose)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS latest_decisions (
    subject TEXT NOT NULL,
    purpose TEXT NOT NULL,
    granted INTEGER NOT NULL,
    expires_at TEXT,
    recorded_at TEXT NOT NULL,
    due_ms INTEGER,
    PRIMARY KEY (subject, purpose)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS subject_due (
    subject TEXT PRIMARY KEY,
    due_ms INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS subject_due_by_time ON subject_due(due_ms);
  CREATE TEMP TABLE IF NOT EXISTS due_subjects (subject TEXT PRIMARY KEY);
`;

/**
 * The console's queries over the consent store's database (`store.records`).
 *
 * @example
 *   const records = consentRecords(db);
 *   records.retentionDue('verification-contacts', Date.now()); // { due: 3, oldestDueAt: 1795… }
 */
export function consentRecords(db: Database.Database) {
  db.exec(CREATE);

  const q = {
    mark: db.prepare<[], string>("SELECT value FROM meta WHERE key = 'records-folded'").pluck(),
    setMark: db.prepare(
      "INSERT INTO meta (key, value) VALUES ('records-folded', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ),
    lastRowid: db.prepare<[], number>('SELECT COALESCE(MAX(rowid), 0) FROM receipts').pluck(),
    unfolded: db.prepare<
      [number, number],
      { seq: number; subject: string; site: string; receipt: string }
    >(
      'SELECT rowid AS seq, subject, site, receipt FROM receipts WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    latest: db.prepare<[string, string], { granted: number; expires_at: string | null }>(
      'SELECT granted, expires_at FROM latest_decisions WHERE subject = ? AND purpose = ?',
    ),
    putLatest: db.prepare(
      `INSERT INTO latest_decisions (subject, purpose, granted, expires_at, recorded_at, due_ms)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (subject, purpose) DO UPDATE SET granted = excluded.granted,
         expires_at = excluded.expires_at, recorded_at = excluded.recorded_at, due_ms = excluded.due_ms`,
    ),
    // A subject is due when every purpose is: the latest of its dates, or never if one is unknown.
    putSubjectDue: db.prepare(
      `INSERT INTO subject_due (subject, due_ms)
       SELECT @subject, CASE WHEN COUNT(due_ms) = COUNT(*) THEN MAX(due_ms) END
       FROM latest_decisions WHERE subject = @subject
       ON CONFLICT (subject) DO UPDATE SET due_ms = excluded.due_ms`,
    ),
    bump: db.prepare(
      `INSERT INTO decision_months (site, version, purpose, month, granted, refused, withdrawn)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site, month, version, purpose) DO UPDATE SET
         granted = granted + excluded.granted, refused = refused + excluded.refused,
         withdrawn = withdrawn + excluded.withdrawn`,
    ),
    stats: db.prepare<{ site: string; from: string; to: string }, unknown>(
      `SELECT version, purpose, month, granted, refused, withdrawn FROM decision_months
       WHERE site = @site AND month >= @from AND month <= @to
       ORDER BY version DESC, purpose, month`,
    ),
    policy: db
      .prepare<[string, number], string>(
        'SELECT policy FROM policies WHERE site = ? AND version = ?',
      )
      .pluck(),
    queue: db.prepare<{ statuses: string; limit: number; offset: number }, Record<string, unknown>>(
      `SELECT id, subject, site, kind, status, created_at AS createdAt, due_at AS dueAt
       FROM data_requests WHERE status IN (SELECT value FROM json_each(@statuses))
       ORDER BY due_at, rowid LIMIT @limit OFFSET @offset`,
    ),
    queueSize: db
      .prepare<{ statuses: string }, number>(
        'SELECT COUNT(*) FROM data_requests WHERE status IN (SELECT value FROM json_each(@statuses))',
      )
      .pluck(),
    contactsDue: db.prepare<[number], { due: number; oldest: number | null }>(
      'SELECT COUNT(*) AS due, MIN(created_at) AS oldest FROM verifications WHERE created_at <= ?',
    ),
    destroyContacts: db.prepare('DELETE FROM verifications WHERE created_at <= ?'),
    // A subject with an open or in-progress request is never due: the request needs its records.
    subjectsDue: db.prepare<[number], { due: number; oldest: number | null }>(
      `SELECT COUNT(*) AS due, MIN(due_ms) AS oldest FROM subject_due WHERE due_ms <= ?
       AND subject NOT IN (SELECT subject FROM data_requests WHERE status IN ('open', 'in-progress'))`,
    ),
    collectDue: db.prepare(
      `INSERT INTO temp.due_subjects (subject) SELECT subject FROM subject_due WHERE due_ms <= ?
       AND subject NOT IN (SELECT subject FROM data_requests WHERE status IN ('open', 'in-progress'))`,
    ),
    clearDue: db.prepare('DELETE FROM temp.due_subjects'),
    destroy: [
      'DELETE FROM receipts WHERE subject IN (SELECT subject FROM temp.due_subjects)',
      'DELETE FROM data_requests WHERE subject IN (SELECT subject FROM temp.due_subjects)',
      'DELETE FROM latest_decisions WHERE subject IN (SELECT subject FROM temp.due_subjects)',
      'DELETE FROM subject_due WHERE subject IN (SELECT subject FROM temp.due_subjects)',
      'DELETE FROM subjects WHERE id IN (SELECT subject FROM temp.due_subjects)',
    ].map((sql) => db.prepare(sql)),
  };

  /** Published versions never change, so each is parsed once. */
  const policies = new Map<string, ConsentPolicy | null>();
  const policy = (site: string, version: number): ConsentPolicy | null => {
    const key = `${site}\u0000${version}`;
    if (!policies.has(key)) {
      const text = q.policy.get(site, version);
      let parsed: ConsentPolicy | null = null;
      if (text !== undefined) {
        try {
          const result = ConsentPolicySchema.safeParse(JSON.parse(text));
          parsed = result.success ? result.data : null;
        } catch {
          // Not JSON: the version is unreadable, as a failed parse would make it.
          parsed = null;
        }
      }
      policies.set(key, parsed);
    }
    return policies.get(key) ?? null;
  };

  /**
   * Folds up to FOLD_PAGE_ROWS receipts stored since the mark, in the order they were stored;
   * returns how many. Each decision is counted (countAs) and becomes the subject's latest on its
   * purpose, whose records come due `retentionDays` after its grant lapses, or after a refusal.
   */
  const foldPage = db.transaction((): number => {
    const mark = Number(q.mark.get() ?? 0);
    const rows = q.unfolded.all(mark, FOLD_PAGE_ROWS);
    const months = new Map<string, MonthCounts>();
    for (const { seq, subject, site, receipt } of rows) {
      const { body } = receiptFacts(receipt);
      const at = body.recordedAt;
      const purposes = policy(site, body.policyVersion)?.purposes;
      for (const d of body.decisions) {
        const counted = countAs(d.granted, q.latest.get(subject, d.purpose), at);
        const days = purposes?.find((p) => p.id === d.purpose)?.retentionDays;
        const ended = Date.parse(d.granted && d.expiresAt !== null ? d.expiresAt : at);
        q.putLatest.run(
          subject,
          d.purpose,
          d.granted ? 1 : 0,
          d.expiresAt,
          at,
          days === undefined ? null : ended + days * DAY_MS,
        );
        if (counted === null) continue;
        const month = at.slice(0, 7);
        const key = JSON.stringify([site, body.policyVersion, d.purpose, month]);
        const counts = months.get(key) ?? {
          site,
          version: body.policyVersion,
          purpose: d.purpose,
          month,
          granted: 0,
          refused: 0,
          withdrawn: 0,
        };
        counts[counted] += 1;
        months.set(key, counts);
      }
      q.putSubjectDue.run({ subject });
      q.setMark.run(String(seq));
    }
    for (const c of months.values()) {
      q.bump.run(c.site, c.version, c.purpose, c.month, c.granted, c.refused, c.withdrawn);
    }
    return rows.length;
  });

  /** Folds every receipt stored since the last fold. */
  const catchUp = () => {
    while (foldPage() === FOLD_PAGE_ROWS) {
      // Another page: a large backlog (the first read after an upgrade) is folded in steps.
    }
  };

  return {
    /**
     * Per policy version, purpose and month (UTC `YYYY-MM`, both ends included), the site's
     * grants, refusals and withdrawals (see ConsentStatRowSchema), newest version first.
     */
    stats(site: string, from: string, to: string): StatsRow[] {
      catchUp();
      return q.stats.all({ site, from, to }).map((row) => StatsRowSchema.parse(row));
    },

    /** A published policy version, or null when there is none (or it cannot be read). */
    policy,

    /** A page of the data-request queue, the earliest due first, and how many match in all. */
    requestQueue(query: { status?: QueueStatus | undefined; limit: number; offset: number }): {
      requests: AdminRequest[];
      total: number;
    } {
      const statuses = JSON.stringify(statusesOf(query.status));
      return {
        requests: q.queue
          .all({ statuses, limit: query.limit, offset: query.offset })
          .map((row) => AdminRequestSchema.parse(row)),
        total: q.queueSize.get({ statuses }) ?? 0,
      };
    },

    /** How many items of `kind` are due for destruction at `now` (ms), and the longest-due one. */
    retentionDue(kind: RetentionKind, now: number): DueCount {
      if (kind === 'verification-contacts') {
        const row = q.contactsDue.get(now - VERIFICATION_KEEP_MS);
        const oldest = row?.oldest ?? null;
        return {
          due: row?.due ?? 0,
          oldestDueAt: oldest === null ? null : oldest + VERIFICATION_KEEP_MS,
        };
      }
      catchUp();
      const row = q.subjectsDue.get(now);
      return { due: row?.due ?? 0, oldestDueAt: row?.oldest ?? null };
    },

    /**
     * Destroys what of `kind` is due at `now` and returns how many items went (verifications, or
     * subjects with their receipts, requests and latest decisions). `log` runs inside the same
     * transaction with the count, so a record of the destruction that fails to be written undoes it.
     */
    destroyDue(kind: RetentionKind, now: number, log: (count: number) => void): number {
      return db
        .transaction(() => {
          let count: number;
          if (kind === 'verification-contacts') {
            count = q.destroyContacts.run(now - VERIFICATION_KEEP_MS).changes;
          } else {
            catchUp();
            q.clearDue.run();
            count = q.collectDue.run(now).changes;
            for (const statement of q.destroy) statement.run();
            q.clearDue.run();
            // SQLite hands out MAX(rowid) + 1: if the newest receipts went, their rowids come back.
            const last = q.lastRowid.get() ?? 0;
            if (last < Number(q.mark.get() ?? 0)) q.setMark.run(String(last));
          }
          log(count);
          return count;
        })
        .immediate();
    },
  };
}

export type ConsentRecords = ReturnType<typeof consentRecords>;
