// The governance store (issue 6): operators (with their console credentials and sessions, issue 7),
// staff members, enrollment codes, TOTP secrets (sealed), unlocks, grants, the published staff
// policy, review cases, and the activity the behaviour rules count, in its own SQLite file. Rows
// only: the rules live in the service files beside it.
import { openDatabase, type Migration } from '../sqlite';
import { z } from 'zod';
import { ActivityKindSchema, type Activity } from '../../shared/schema/rules';
import {
  GrantSchema,
  OperatorRoleSchema,
  ReviewCaseSchema,
  RevealVerdictSchema,
  StaffMemberSchema,
  type Grant,
  type OperatorRole,
  type ReviewCase,
  type ReviewStatus,
  type RevealVerdict,
  type StaffMember,
} from '../../shared/schema/staff';

/** The schema version of the file, for migrations when it changes. */
const SCHEMA_VERSION = '2';

/**
 * Named migrations from each older version to the next; a file is brought up to SCHEMA_VERSION in
 * one transaction at open. Tables added without changing an existing one need none (CREATE IF NOT
 * EXISTS below makes them).
 */
const MIGRATIONS: Record<string, Migration> = {
  '1': {
    name: 'operator-console-credentials',
    to: '2',
    sql: `ALTER TABLE operators ADD COLUMN password_hash TEXT;
          ALTER TABLE operators ADD COLUMN totp_sealed TEXT;
          ALTER TABLE operators ADD COLUMN totp_last_step INTEGER;`,
  },
};

export interface OperatorRow {
  name: string;
  role: OperatorRole;
}

export interface EnrollmentCodeRow {
  staffId: string;
  expiresAt: number;
  usedAt: number | null;
  voidedAt: number | null;
}

/** What console sign-in checks (issue 7): null until set by `npm run staff -- operator …`. */
export interface OperatorCredentialsRow extends OperatorRow {
  /** `scrypt$…` (password.ts). */
  passwordHash: string | null;
  /** The authenticator secret, sealed like the staff members'. */
  totpSealed: string | null;
  /** The last TOTP step accepted at sign-in (replays at or before it are refused). */
  totpLastStep: number | null;
}

/** A console session (issue 7): the id itself is only in the browser's cookie. */
export interface ConsoleSessionRow extends OperatorRow {
  createdAt: number;
  lastSeenAt: number;
}

export interface TotpRow {
  sealed: string;
  /** The last step accepted (replays at or before it are refused); null before the first unlock. */
  lastStep: number | null;
}

export interface PolicyRow {
  /** Row id: changes with every publication, so readers can cache the parsed policy by it. */
  id: number;
  version: string;
  /** The note's text (`policyNoteText`) and the signed note. */
  text: string;
  note: string;
}

const CREATE = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS operators (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    password_hash TEXT,
    totp_sealed TEXT,
    totp_last_step INTEGER
  );
  CREATE TABLE IF NOT EXISTS sign_in_failures (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    at_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sign_in_failures_name ON sign_in_failures(name, at_ms);
  CREATE TABLE IF NOT EXISTS console_sessions (
    id_hash TEXT PRIMARY KEY,
    operator TEXT NOT NULL REFERENCES operators(name),
    created_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS console_sessions_operator ON console_sessions(operator);
  CREATE TABLE IF NOT EXISTS staff (
    staff_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    enrolled_at TEXT
  );
  CREATE TABLE IF NOT EXISTS enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(staff_id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    voided_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS enrollment_codes_staff ON enrollment_codes(staff_id);
  CREATE TABLE IF NOT EXISTS totp (
    staff_id TEXT PRIMARY KEY REFERENCES staff(staff_id),
    secret_sealed TEXT NOT NULL,
    activated_at TEXT NOT NULL,
    last_step INTEGER
  );
  CREATE TABLE IF NOT EXISTS pending_totp (
    device_id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(staff_id),
    secret_sealed TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS totp_failures (
    staff_id TEXT NOT NULL,
    at_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS totp_failures_staff ON totp_failures(staff_id, at_ms);
  CREATE TABLE IF NOT EXISTS unlocks (
    device_id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL,
    until_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS grants (
    grant_id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(staff_id),
    role TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    note TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT
  );
  CREATE INDEX IF NOT EXISTS grants_staff ON grants(staff_id);
  CREATE TABLE IF NOT EXISTS policies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version TEXT NOT NULL,
    text TEXT NOT NULL,
    note TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS review_cases (
    case_id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL,
    opened_at_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS review_cases_staff ON review_cases(staff_id, opened_at_ms);
  CREATE INDEX IF NOT EXISTS review_cases_status ON review_cases(status, opened_at_ms);
  -- At most one open case per staff member: the rule that blocks reveals, kept by the file itself.
  CREATE UNIQUE INDEX IF NOT EXISTS review_cases_one_open ON review_cases(staff_id)
    WHERE status = 'open';
  CREATE TABLE IF NOT EXISTS activity (
    staff_id TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    UNIQUE (staff_id, key)
  );
  CREATE INDEX IF NOT EXISTS activity_staff_at ON activity(staff_id, at_ms);
  CREATE TABLE IF NOT EXISTS reveal_verdicts (
    staff_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    verdict TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (staff_id, request_id)
  );
`;

/** Parses a stored row or JSON column: the file is ours, but a damaged row must not pass as valid. */
function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`governance.db: a stored ${what} is damaged; restore the file from backup.`);
  }
  return result.data;
}

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the schema check that follows reports the row as damaged.
    return undefined;
  }
};

const isoAt = (ms: number): string => new Date(ms).toISOString();

/**
 * Opens (creating if needed) the governance store at `path`.
 *
 * @example
 *   const store = openGovernanceStore('data/governance.db');
 *   store.staff('CS-0420'); // { staffId: 'CS-0420', name: '李伟', … } or undefined
 */
export function openGovernanceStore(path: string) {
  const db = openDatabase(path, {
    name: 'governance',
    schemaVersion: SCHEMA_VERSION,
    create: CREATE,
    migrations: MIGRATIONS,
    foreignKeys: true,
    // The CLI writes while the server runs: wait for the other's transaction rather than fail.
    busyTimeoutMs: 5000,
  });

  const STAFF_COLUMNS = `staff_id AS staffId, name, created_at AS createdAt,
    enrolled_at AS enrolledAt,
    EXISTS (SELECT 1 FROM totp WHERE totp.staff_id = staff.staff_id) AS totpActive`;
  const GRANT_COLUMNS = `grant_id AS grantId, staff_id AS staffId, role, granted_at AS grantedAt,
    granted_by AS grantedBy, expires_at AS expiresAt, note, revoked_at AS revokedAt,
    revoked_by AS revokedBy`;
  const q = {
    insertOperator: db.prepare(
      'INSERT INTO operators (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)',
    ),
    operator: db.prepare<[string], Record<string, unknown>>(
      'SELECT name, role FROM operators WHERE name = ?',
    ),
    operatorByToken: db.prepare<[string], Record<string, unknown>>(
      'SELECT name, role FROM operators WHERE token_hash = ?',
    ),
    operatorCount: db.prepare<[], number>('SELECT COUNT(*) FROM operators').pluck(),
    operatorCredentials: db.prepare<[string], Record<string, unknown>>(
      `SELECT name, role, password_hash AS passwordHash, totp_sealed AS totpSealed,
       totp_last_step AS totpLastStep FROM operators WHERE name = ?`,
    ),
    setOperatorPassword: db.prepare('UPDATE operators SET password_hash = ? WHERE name = ?'),
    setOperatorTotp: db.prepare(
      'UPDATE operators SET totp_sealed = ?, totp_last_step = NULL WHERE name = ?',
    ),
    setOperatorTotpStep: db.prepare('UPDATE operators SET totp_last_step = ? WHERE name = ?'),
    addSignInFailure: db.prepare('INSERT INTO sign_in_failures (name, at_ms) VALUES (?, ?)'),
    signInFailures: db.prepare<[string, number], { count: number; oldest: number | null }>(
      'SELECT COUNT(*) AS count, MIN(at_ms) AS oldest FROM sign_in_failures WHERE name = ? AND at_ms > ?',
    ),
    clearSignInFailures: db.prepare('DELETE FROM sign_in_failures WHERE name = ?'),
    purgeSignInFailures: db.prepare('DELETE FROM sign_in_failures WHERE at_ms <= ?'),
    insertSession: db.prepare(
      'INSERT INTO console_sessions (id_hash, operator, created_ms, last_seen_ms) VALUES (?, ?, ?, ?)',
    ),
    session: db.prepare<[string], Record<string, unknown>>(
      `SELECT o.name, o.role, s.created_ms AS createdAt, s.last_seen_ms AS lastSeenAt
       FROM console_sessions s JOIN operators o ON o.name = s.operator WHERE s.id_hash = ?`,
    ),
    touchSession: db.prepare('UPDATE console_sessions SET last_seen_ms = ? WHERE id_hash = ?'),
    deleteSession: db.prepare('DELETE FROM console_sessions WHERE id_hash = ?'),
    deleteSessionsOf: db.prepare('DELETE FROM console_sessions WHERE operator = ?'),
    purgeSessions: db.prepare(
      'DELETE FROM console_sessions WHERE created_ms <= ? OR last_seen_ms <= ?',
    ),

    insertStaff: db.prepare('INSERT INTO staff (staff_id, name, created_at) VALUES (?, ?, ?)'),
    staff: db.prepare<[string], Record<string, unknown>>(
      `SELECT ${STAFF_COLUMNS} FROM staff WHERE staff_id = ?`,
    ),
    allStaff: db.prepare<[], Record<string, unknown>>(
      `SELECT ${STAFF_COLUMNS} FROM staff ORDER BY staff_id`,
    ),
    setEnrolled: db.prepare('UPDATE staff SET enrolled_at = ? WHERE staff_id = ?'),

    voidCodes: db.prepare(
      'UPDATE enrollment_codes SET voided_at = ? WHERE staff_id = ? AND used_at IS NULL AND voided_at IS NULL',
    ),
    insertCode: db.prepare(
      'INSERT INTO enrollment_codes (code_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    code: db.prepare<[string], Record<string, unknown>>(
      'SELECT staff_id AS staffId, expires_at AS expiresAt, used_at AS usedAt, voided_at AS voidedAt FROM enrollment_codes WHERE code_hash = ?',
    ),
    useCode: db.prepare(
      'UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND voided_at IS NULL',
    ),

    totp: db.prepare<[string], Record<string, unknown>>(
      'SELECT secret_sealed AS sealed, last_step AS lastStep FROM totp WHERE staff_id = ?',
    ),
    activateTotp: db.prepare(
      'INSERT INTO totp (staff_id, secret_sealed, activated_at, last_step) VALUES (?, ?, ?, ?)',
    ),
    setLastStep: db.prepare('UPDATE totp SET last_step = ? WHERE staff_id = ?'),
    putPending: db.prepare(
      'INSERT INTO pending_totp (device_id, staff_id, secret_sealed, created_at) VALUES (?, ?, ?, ?)',
    ),
    pending: db.prepare<[string], Record<string, unknown>>(
      'SELECT staff_id AS staffId, secret_sealed AS sealed FROM pending_totp WHERE device_id = ?',
    ),
    dropPending: db.prepare('DELETE FROM pending_totp WHERE staff_id = ?'),
    deleteTotp: db.prepare('DELETE FROM totp WHERE staff_id = ?'),
    clearFailures: db.prepare('DELETE FROM totp_failures WHERE staff_id = ?'),
    endUnlocks: db.prepare('DELETE FROM unlocks WHERE staff_id = ?'),
    addFailure: db.prepare('INSERT INTO totp_failures (staff_id, at_ms) VALUES (?, ?)'),
    failures: db.prepare<[string, number], { count: number; oldest: number | null }>(
      'SELECT COUNT(*) AS count, MIN(at_ms) AS oldest FROM totp_failures WHERE staff_id = ? AND at_ms > ?',
    ),
    purgeFailures: db.prepare('DELETE FROM totp_failures WHERE at_ms <= ?'),
    putUnlock: db.prepare(
      'INSERT INTO unlocks (device_id, staff_id, until_ms) VALUES (?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET staff_id = excluded.staff_id, until_ms = excluded.until_ms',
    ),
    unlock: db
      .prepare<[string], number>('SELECT until_ms FROM unlocks WHERE device_id = ?')
      .pluck(),

    insertGrant: db.prepare(
      'INSERT INTO grants (grant_id, staff_id, role, granted_at, granted_by, expires_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    grant: db.prepare<[string], Record<string, unknown>>(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE grant_id = ?`,
    ),
    grantsOf: db.prepare<[string], Record<string, unknown>>(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE staff_id = ? ORDER BY granted_at DESC, grant_id DESC`,
    ),
    holders: db
      .prepare<{ roles: string; from: string; to: string }, string>(
        `SELECT DISTINCT staff_id FROM grants WHERE role IN (SELECT value FROM json_each(@roles))
         AND granted_at < @to AND expires_at > @from AND (revoked_at IS NULL OR revoked_at > @from)
         ORDER BY staff_id`,
      )
      .pluck(),
    setGrantExpiry: db.prepare('UPDATE grants SET expires_at = ? WHERE grant_id = ?'),
    revokeGrant: db.prepare(
      'UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE grant_id = ? AND revoked_at IS NULL',
    ),

    insertPolicy: db.prepare(
      'INSERT INTO policies (version, text, note, text_hash, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    policy: db.prepare<[], PolicyRow>(
      'SELECT id, version, text, note FROM policies ORDER BY id DESC LIMIT 1',
    ),
    policyTexts: db
      .prepare<[string], string>('SELECT DISTINCT text FROM policies WHERE version = ?')
      .pluck(),

    insertCase: db.prepare(
      'INSERT INTO review_cases (case_id, staff_id, opened_at_ms, status, body) VALUES (?, ?, ?, ?, ?)',
    ),
    case: db.prepare<[string], string>('SELECT body FROM review_cases WHERE case_id = ?').pluck(),
    openCase: db
      .prepare<[string], string>(
        "SELECT body FROM review_cases WHERE staff_id = ? AND status = 'open'",
      )
      .pluck(),
    casesSince: db
      .prepare<[string, number], string>(
        'SELECT body FROM review_cases WHERE staff_id = ? AND opened_at_ms > ? ORDER BY opened_at_ms',
      )
      .pluck(),
    cases: db
      .prepare<[number], string>(
        'SELECT body FROM review_cases ORDER BY opened_at_ms DESC, case_id DESC LIMIT ?',
      )
      .pluck(),
    casesByStatus: db
      .prepare<[string, number], string>(
        'SELECT body FROM review_cases WHERE status = ? ORDER BY opened_at_ms DESC, case_id DESC LIMIT ?',
      )
      .pluck(),
    decideCase: db.prepare(
      "UPDATE review_cases SET status = ?, body = ? WHERE case_id = ? AND status = 'open'",
    ),

    addActivity: db.prepare(
      'INSERT INTO activity (staff_id, at_ms, kind, key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    hasActivity: db
      .prepare<[string, string], number>('SELECT 1 FROM activity WHERE staff_id = ? AND key = ?')
      .pluck(),
    activity: db.prepare<[string, number], Record<string, unknown>>(
      'SELECT at_ms AS at, kind FROM activity WHERE staff_id = ? AND at_ms > ?',
    ),

    purgeActivity: db.prepare('DELETE FROM activity WHERE at_ms < ?'),
    purgeVerdicts: db.prepare('DELETE FROM reveal_verdicts WHERE at_ms < ?'),
    verdict: db
      .prepare<[string, string], string>(
        'SELECT verdict FROM reveal_verdicts WHERE staff_id = ? AND request_id = ?',
      )
      .pluck(),
    putVerdict: db.prepare(
      'INSERT INTO reveal_verdicts (staff_id, request_id, verdict, at_ms) VALUES (?, ?, ?, ?)',
    ),
  };

  const OperatorRowSchema = z.object({ name: z.string(), role: OperatorRoleSchema });
  const CredentialsRowSchema = OperatorRowSchema.extend({
    passwordHash: z.string().nullable(),
    totpSealed: z.string().nullable(),
    totpLastStep: z.number().int().nullable(),
  });
  const SessionRowSchema = OperatorRowSchema.extend({
    createdAt: z.number().int(),
    lastSeenAt: z.number().int(),
  });
  const StaffRowSchema = StaffMemberSchema.extend({
    totpActive: z.union([z.literal(0), z.literal(1)]).transform((n) => n === 1),
  });
  const CodeRowSchema = z.object({
    staffId: z.string(),
    expiresAt: z.number(),
    usedAt: z.number().nullable(),
    voidedAt: z.number().nullable(),
  });
  const TotpRowSchema = z.object({ sealed: z.string(), lastStep: z.number().int().nullable() });
  const PendingRowSchema = z.object({ staffId: z.string(), sealed: z.string() });
  const ActivityRowSchema = z.object({ at: z.number().int(), kind: ActivityKindSchema });

  const staffRow = (row: Record<string, unknown>): StaffMember =>
    parsed(StaffRowSchema, row, 'staff member');
  const grantRow = (row: Record<string, unknown>): Grant => parsed(GrantSchema, row, 'grant');
  const caseRow = (text: string): ReviewCase => parsed(ReviewCaseSchema, json(text), 'review case');

  return {
    /** Runs `fn` in one transaction (BEGIN IMMEDIATE): all of it is stored, or none. */
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),

    // ---- Operators
    insertOperator(name: string, role: OperatorRole, tokenHash: string, now: number): void {
      q.insertOperator.run(name, role, tokenHash, isoAt(now));
    },
    operator(name: string): OperatorRow | undefined {
      const row = q.operator.get(name);
      return row && parsed(OperatorRowSchema, row, 'operator');
    },
    operatorByToken(tokenHash: string): OperatorRow | undefined {
      const row = q.operatorByToken.get(tokenHash);
      return row && parsed(OperatorRowSchema, row, 'operator');
    },
    operatorCount: (): number => q.operatorCount.get() ?? 0,
    operatorCredentials(name: string): OperatorCredentialsRow | undefined {
      const row = q.operatorCredentials.get(name);
      return row && parsed(CredentialsRowSchema, row, 'operator');
    },
    setOperatorPassword(name: string, passwordHash: string): void {
      q.setOperatorPassword.run(passwordHash, name);
    },
    /** A new sealed authenticator secret; its first code may be of any step. */
    setOperatorTotp(name: string, sealed: string): void {
      q.setOperatorTotp.run(sealed, name);
    },
    setOperatorTotpStep(name: string, step: number): void {
      q.setOperatorTotpStep.run(step, name);
    },

    // ---- Console sign-in attempts and sessions (issue 7)
    /** Counts a sign-in attempt as failed (until it succeeds: clearSignInFailures). */
    addSignInFailure(name: string, now: number): void {
      q.addSignInFailure.run(name, now);
    },
    /** Failed sign-ins for `name` after `since`, and when the oldest of them was. */
    signInFailuresSince(name: string, since: number): { count: number; oldest: number | null } {
      return q.signInFailures.get(name, since) ?? { count: 0, oldest: null };
    },
    clearSignInFailures(name: string): void {
      q.clearSignInFailures.run(name);
    },
    /** Forgets failures at or before `before`: they no longer count towards a lock. */
    purgeSignInFailures: (before: number): number => q.purgeSignInFailures.run(before).changes,
    insertSession(idHash: string, name: string, now: number): void {
      q.insertSession.run(idHash, name, now, now);
    },
    /** The session and its operator as they are now (role included), or undefined. */
    session(idHash: string): ConsoleSessionRow | undefined {
      const row = q.session.get(idHash);
      return row && parsed(SessionRowSchema, row, 'console session');
    },
    touchSession(idHash: string, now: number): void {
      q.touchSession.run(now, idHash);
    },
    deleteSession(idHash: string): void {
      q.deleteSession.run(idHash);
    },
    /** Ends every session of the operator (their credentials changed). */
    deleteSessionsOf(name: string): void {
      q.deleteSessionsOf.run(name);
    },
    /** Deletes sessions created at or before `createdBefore` or idle since `seenBefore`. */
    purgeSessions: (createdBefore: number, seenBefore: number): number =>
      q.purgeSessions.run(createdBefore, seenBefore).changes,

    // ---- Staff members
    insertStaff(staffId: string, name: string, now: number): void {
      q.insertStaff.run(staffId, name, isoAt(now));
    },
    staff(staffId: string): StaffMember | undefined {
      const row = q.staff.get(staffId);
      return row && staffRow(row);
    },
    allStaff: (): StaffMember[] => q.allStaff.all().map(staffRow),
    setEnrolled(staffId: string, now: number): void {
      q.setEnrolled.run(isoAt(now), staffId);
    },

    // ---- Enrollment codes (hashes only)
    /** Stores a new code and voids the staff member's older unused ones. */
    insertCode(codeHash: string, staffId: string, now: number, expiresAt: number): void {
      q.voidCodes.run(now, staffId);
      q.insertCode.run(codeHash, staffId, now, expiresAt);
    },
    code(codeHash: string): EnrollmentCodeRow | undefined {
      const row = q.code.get(codeHash);
      return row && parsed(CodeRowSchema, row, 'enrollment code');
    },
    /** Spends a code; false if it was spent or voided meanwhile. */
    useCode: (codeHash: string, now: number): boolean => q.useCode.run(now, codeHash).changes === 1,

    // ---- TOTP
    totp(staffId: string): TotpRow | undefined {
      const row = q.totp.get(staffId);
      return row && parsed(TotpRowSchema, row, 'TOTP secret');
    },
    /** Registers the staff member's authenticator; pending secrets of their devices are dropped. */
    activateTotp(staffId: string, sealed: string, now: number, step: number): void {
      q.activateTotp.run(staffId, sealed, isoAt(now), step);
      q.dropPending.run(staffId);
    },
    setLastStep(staffId: string, step: number): void {
      q.setLastStep.run(step, staffId);
    },
    /**
     * Withdraws the staff member's authenticator: the registered secret, any secret pending on a
     * device enrolled before, the wrong-code count and the unlocks it gave. Returns whether one
     * was registered.
     */
    resetTotp(staffId: string): boolean {
      const had = q.deleteTotp.run(staffId).changes === 1;
      q.dropPending.run(staffId);
      q.clearFailures.run(staffId);
      q.endUnlocks.run(staffId);
      return had;
    },
    putPendingTotp(deviceId: string, staffId: string, sealed: string, now: number): void {
      q.putPending.run(deviceId, staffId, sealed, isoAt(now));
    },
    pendingTotp(deviceId: string): { staffId: string; sealed: string } | undefined {
      const row = q.pending.get(deviceId);
      return row && parsed(PendingRowSchema, row, 'pending TOTP secret');
    },
    addTotpFailure(staffId: string, now: number): void {
      q.addFailure.run(staffId, now);
    },
    /** Wrong codes after `since`, and when the oldest of them was typed. */
    totpFailuresSince(staffId: string, since: number): { count: number; oldest: number | null } {
      return q.failures.get(staffId, since) ?? { count: 0, oldest: null };
    },
    /** Forgets wrong codes at or before `before`: they no longer count towards a lock. */
    purgeTotpFailures: (before: number): number => q.purgeFailures.run(before).changes,
    putUnlock(deviceId: string, staffId: string, until: number): void {
      q.putUnlock.run(deviceId, staffId, until);
    },
    /** The end of the device's last unlock (ms), or null if it never unlocked. */
    unlockedUntil: (deviceId: string): number | null => q.unlock.get(deviceId) ?? null,

    // ---- Grants
    insertGrant(g: Grant): void {
      q.insertGrant.run(
        g.grantId,
        g.staffId,
        g.role,
        g.grantedAt,
        g.grantedBy,
        g.expiresAt,
        g.note,
      );
    },
    grant(grantId: string): Grant | undefined {
      const row = q.grant.get(grantId);
      return row && grantRow(row);
    },
    /** Every grant of the staff member, the newest first. */
    grantsOf: (staffId: string): Grant[] => q.grantsOf.all(staffId).map(grantRow),
    /**
     * Staff members who held one of `roles` by a grant in force at some moment of [from, to)
     * (instants; grants store theirs as `toISOString`, so the text compares in time order).
     */
    holders: (roles: readonly string[], from: string, to: string): string[] =>
      q.holders.all({ roles: JSON.stringify(roles), from, to }),
    setGrantExpiry(grantId: string, expiresAt: string): void {
      q.setGrantExpiry.run(expiresAt, grantId);
    },
    /** Revokes a grant; false if it was revoked already. */
    revokeGrant: (grantId: string, at: string, by: string): boolean =>
      q.revokeGrant.run(at, by, grantId).changes === 1,

    // ---- The published policy
    insertPolicy(row: {
      version: string;
      text: string;
      note: string;
      textHash: string;
      publishedAt: string;
      by: string;
    }): void {
      q.insertPolicy.run(row.version, row.text, row.note, row.textHash, row.publishedAt, row.by);
    },
    /** The latest published policy, or undefined before the first. */
    policy: (): PolicyRow | undefined => q.policy.get(),
    /** The texts ever published under `version` (one, unless the file was edited by hand). */
    policyTexts: (version: string): string[] => q.policyTexts.all(version),

    // ---- Review cases
    insertCase(c: ReviewCase): void {
      q.insertCase.run(c.caseId, c.staffId, Date.parse(c.openedAt), c.status, JSON.stringify(c));
    },
    case(caseId: string): ReviewCase | undefined {
      const text = q.case.get(caseId);
      return text === undefined ? undefined : caseRow(text);
    },
    openCase(staffId: string): ReviewCase | null {
      const text = q.openCase.get(staffId);
      return text === undefined ? null : caseRow(text);
    },
    /** The staff member's cases opened after `since` (ms), oldest first. */
    casesSince: (staffId: string, since: number): ReviewCase[] =>
      q.casesSince.all(staffId, since).map(caseRow),
    /** Cases, newest first, of one status or all. */
    cases: (status: ReviewStatus | undefined, limit: number): ReviewCase[] =>
      (status ? q.casesByStatus.all(status, limit) : q.cases.all(limit)).map(caseRow),
    /** Records a decision on an open case; false if it was decided already. */
    decideCase: (decided: ReviewCase): boolean =>
      q.decideCase.run(decided.status, JSON.stringify(decided), decided.caseId).changes === 1,

    // ---- Activity (what the behaviour rules count)
    /** Records one view or reveal once per `key`; false when the key was recorded before. */
    addActivity: (staffId: string, activity: Activity, key: string): boolean =>
      q.addActivity.run(staffId, activity.at, activity.kind, key).changes === 1,
    hasActivity: (staffId: string, key: string): boolean =>
      q.hasActivity.get(staffId, key) !== undefined,
    /** The staff member's views and reveals stamped after `since` (ms), from every device. */
    activitySince: (staffId: string, since: number): Activity[] =>
      q.activity.all(staffId, since).map((row) => parsed(ActivityRowSchema, row, 'activity')),

    /** Forgets activity stamped, and verdicts given, before `before` (ms). */
    purgeActivity(before: number): void {
      q.purgeActivity.run(before);
      q.purgeVerdicts.run(before);
    },

    // ---- Reveal verdicts, by request id (a resend gets the same answer)
    verdict(staffId: string, requestId: string): RevealVerdict | undefined {
      const text = q.verdict.get(staffId, requestId);
      return text === undefined
        ? undefined
        : parsed(RevealVerdictSchema, json(text), 'reveal verdict');
    },
    putVerdict(staffId: string, requestId: string, verdict: RevealVerdict, now: number): void {
      q.putVerdict.run(staffId, requestId, JSON.stringify(verdict), now);
    },

    close: () => db.close(),
  };
}

export type GovernanceStore = ReturnType<typeof openGovernanceStore>;
