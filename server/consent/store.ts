// The consent store (issue 5): sites and their allowed origins, published policy versions,
// pseudonymous subjects (token hashes only), signed receipts, data requests and verifications, in
// its own SQLite file. Rows only: the rules live in the service files beside it.
import { openDatabase } from '../sqlite';
import { z } from 'zod';
import {
  ConsentPolicySchema,
  DataRequestSchema,
  PolicyResponseSchema,
  SignedReceiptSchema,
  type ConsentPolicy,
  type DataRequest,
  type SignedReceipt,
  type VerificationChannel,
} from '../../shared/schema';
import { consentRecords } from './records';

/** The schema version of the file, for migrations when it changes. */
const SCHEMA_VERSION = '1';

export type TextHashes = z.infer<typeof PolicyResponseSchema.shape.textHashes>;

export interface SiteRow {
  id: string;
  origins: string[];
  /** The latest published version, or null before the first. */
  currentVersion: number | null;
}

export interface PolicyRow {
  policy: ConsentPolicy;
  textHashes: TextHashes;
  publishedAt: string;
  ledgerIndex: number;
}

export interface SubjectRow {
  id: string;
  site: string;
}

export interface VerificationRow {
  id: string;
  site: string;
  channel: VerificationChannel;
  createdAt: number;
  expiresAt: number;
  wrongTries: number;
  confirmedAt: number | null;
  codeMac: string;
}

export interface VerificationTokenRow {
  id: string;
  channel: VerificationChannel;
  confirmedAt: number;
  tokenExpiresAt: number;
  tokenUsedAt: number | null;
}

const Origins = z.array(z.string());
const TextHashesSchema = PolicyResponseSchema.shape.textHashes;
const Channel = z.enum(['email', 'sms']);

/** Parses a JSON column: the file is ours, but a hand-edited or damaged row must not pass as valid. */
function column<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`consent.db: a stored ${what} is damaged; restore the file from backup.`);
  }
  return parsed.data;
}

const CREATE = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS sites (
    id TEXT PRIMARY KEY,
    origins TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS policies (
    site TEXT NOT NULL REFERENCES sites(id),
    version INTEGER NOT NULL,
    policy TEXT NOT NULL,
    text_hashes TEXT NOT NULL,
    published_at TEXT NOT NULL,
    ledger_index INTEGER NOT NULL,
    PRIMARY KEY (site, version)
  );
  CREATE TABLE IF NOT EXISTS subjects (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL REFERENCES sites(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS receipts (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL REFERENCES subjects(id),
    site TEXT NOT NULL,
    receipt TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS receipts_subject ON receipts(subject);
  CREATE TABLE IF NOT EXISTS data_requests (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL REFERENCES subjects(id),
    site TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS data_requests_subject ON data_requests(subject);
  CREATE TABLE IF NOT EXISTS verifications (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    channel TEXT NOT NULL,
    address_sealed TEXT NOT NULL,
    address_mac TEXT NOT NULL,
    code_mac TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    wrong_tries INTEGER NOT NULL DEFAULT 0,
    confirmed_at INTEGER,
    token_hash TEXT UNIQUE,
    token_expires_at INTEGER,
    token_used_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS verifications_address ON verifications(address_mac, created_at);
  CREATE INDEX IF NOT EXISTS verifications_created ON verifications(created_at);
`;

/**
 * Opens (creating if needed) the consent store at `path`.
 *
 * @example
 *   const store = openConsentStore('data/consent.db');
 *   store.site('shop'); // { id: 'shop', origins: [...], currentVersion: 1 } or undefined
 */
export function openConsentStore(path: string) {
  const db = openDatabase(path, {
    name: 'consent',
    schemaVersion: SCHEMA_VERSION,
    create: CREATE,
    foreignKeys: true,
  });

  const q = {
    site: db.prepare<[string], { id: string; origins: string; current: number | null }>(
      'SELECT id, origins, (SELECT MAX(version) FROM policies WHERE site = sites.id) AS current FROM sites WHERE id = ?',
    ),
    sites: db.prepare<[], { id: string; origins: string; current: number | null }>(
      'SELECT id, origins, (SELECT MAX(version) FROM policies WHERE site = sites.id) AS current FROM sites ORDER BY id',
    ),
    upsertSite: db.prepare(
      'INSERT INTO sites (id, origins, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET origins = excluded.origins',
    ),
    insertSite: db.prepare(
      'INSERT INTO sites (id, origins, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING',
    ),
    policy: db.prepare<
      [string, number],
      { policy: string; text_hashes: string; published_at: string; ledger_index: number }
    >(
      'SELECT policy, text_hashes, published_at, ledger_index FROM policies WHERE site = ? AND version = ?',
    ),
    insertPolicy: db.prepare(
      'INSERT INTO policies (site, version, policy, text_hashes, published_at, ledger_index) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertSubject: db.prepare(
      'INSERT INTO subjects (id, site, token_hash, created_at) VALUES (?, ?, ?, ?)',
    ),
    subjectByToken: db.prepare<[string, string], SubjectRow>(
      'SELECT id, site FROM subjects WHERE site = ? AND token_hash = ?',
    ),
    receipt: db.prepare<[string], { subject: string; receipt: string }>(
      'SELECT subject, receipt FROM receipts WHERE id = ?',
    ),
    insertReceipt: db.prepare(
      'INSERT INTO receipts (id, subject, site, receipt) VALUES (?, ?, ?, ?)',
    ),
    receiptsOf: db
      .prepare<[string], string>('SELECT receipt FROM receipts WHERE subject = ? ORDER BY rowid')
      .pluck(),
    insertRequest: db.prepare(
      'INSERT INTO data_requests (id, subject, site, kind, status, created_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    requestsOf: db.prepare<[string], Record<string, unknown>>(
      'SELECT id, kind, status, created_at AS createdAt, due_at AS dueAt FROM data_requests WHERE subject = ? ORDER BY rowid',
    ),
    allRequests: db.prepare<[], Record<string, unknown>>(
      'SELECT id, subject, site, kind, status, created_at AS createdAt, due_at AS dueAt FROM data_requests ORDER BY due_at, rowid',
    ),
    request: db.prepare<[string], Record<string, unknown>>(
      'SELECT id, subject, site, kind, status, created_at AS createdAt, due_at AS dueAt FROM data_requests WHERE id = ?',
    ),
    setRequestStatus: db.prepare(
      'UPDATE data_requests SET status = ?, updated_at = ? WHERE id = ?',
    ),
    insertVerification: db.prepare(
      'INSERT INTO verifications (id, site, channel, address_sealed, address_mac, code_mac, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    deleteVerification: db.prepare('DELETE FROM verifications WHERE id = ?'),
    verification: db.prepare<[string, string], Record<string, unknown>>(
      'SELECT id, site, channel, created_at AS createdAt, expires_at AS expiresAt, wrong_tries AS wrongTries, confirmed_at AS confirmedAt, code_mac AS codeMac FROM verifications WHERE id = ? AND site = ?',
    ),
    sentSince: db
      .prepare<[string, number], number>(
        'SELECT COUNT(*) FROM verifications WHERE address_mac = ? AND created_at > ?',
      )
      .pluck(),
    oldestSince: db
      .prepare<[string, number], number>(
        'SELECT MIN(created_at) FROM verifications WHERE address_mac = ? AND created_at > ?',
      )
      .pluck(),
    wrongTry: db.prepare(
      'UPDATE verifications SET wrong_tries = wrong_tries + 1 WHERE id = ? RETURNING wrong_tries',
    ),
    confirm: db.prepare(
      'UPDATE verifications SET confirmed_at = ?, token_hash = ?, token_expires_at = ? WHERE id = ? AND confirmed_at IS NULL',
    ),
    byToken: db.prepare<[string, string], Record<string, unknown>>(
      'SELECT id, channel, confirmed_at AS confirmedAt, token_expires_at AS tokenExpiresAt, token_used_at AS tokenUsedAt FROM verifications WHERE site = ? AND token_hash = ?',
    ),
    useToken: db.prepare(
      'UPDATE verifications SET token_used_at = ? WHERE id = ? AND token_used_at IS NULL',
    ),
    purge: db.prepare('DELETE FROM verifications WHERE created_at < ?'),
    sealedAddress: db
      .prepare<[string], string>('SELECT address_sealed FROM verifications WHERE id = ?')
      .pluck(),
  };

  const siteRow = (r: { id: string; origins: string; current: number | null }): SiteRow => ({
    id: r.id,
    origins: column(Origins, r.origins, 'site origin list'),
    currentVersion: r.current,
  });
  const VerificationRowSchema = z.object({
    id: z.string(),
    site: z.string(),
    channel: Channel,
    createdAt: z.number(),
    expiresAt: z.number(),
    wrongTries: z.number(),
    confirmedAt: z.number().nullable(),
    codeMac: z.string(),
  });
  const TokenRowSchema = z.object({
    id: z.string(),
    channel: Channel,
    confirmedAt: z.number(),
    tokenExpiresAt: z.number(),
    tokenUsedAt: z.number().nullable(),
  });
  const AdminRequestSchema = DataRequestSchema.extend({ subject: z.string(), site: z.string() });

  return {
    /** Runs `fn` in one transaction (BEGIN IMMEDIATE): all of it is stored, or none. */
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),

    site: (id: string): SiteRow | undefined => {
      const row = q.site.get(id);
      return row && siteRow(row);
    },
    sites: (): SiteRow[] => q.sites.all().map(siteRow),
    /** Creates the site, or replaces its origins when `origins` is given. */
    putSite(id: string, origins: readonly string[] | undefined, now: string): void {
      if (origins) q.upsertSite.run(id, JSON.stringify(origins), now);
      else q.insertSite.run(id, '[]', now);
    },

    policy(site: string, version: number): PolicyRow | undefined {
      const row = q.policy.get(site, version);
      return (
        row && {
          policy: column(ConsentPolicySchema, row.policy, 'policy'),
          textHashes: column(TextHashesSchema, row.text_hashes, 'policy text hash'),
          publishedAt: row.published_at,
          ledgerIndex: row.ledger_index,
        }
      );
    },
    insertPolicy(row: PolicyRow): void {
      q.insertPolicy.run(
        row.policy.site,
        row.policy.version,
        JSON.stringify(row.policy),
        JSON.stringify(row.textHashes),
        row.publishedAt,
        row.ledgerIndex,
      );
    },

    insertSubject(id: string, site: string, tokenHash: string, now: string): void {
      q.insertSubject.run(id, site, tokenHash, now);
    },
    subjectByToken: (site: string, tokenHash: string): SubjectRow | undefined =>
      q.subjectByToken.get(site, tokenHash),

    receipt(id: string): { subject: string; receipt: SignedReceipt } | undefined {
      const row = q.receipt.get(id);
      return (
        row && {
          subject: row.subject,
          receipt: column(SignedReceiptSchema, row.receipt, 'receipt'),
        }
      );
    },
    insertReceipt(receipt: SignedReceipt): void {
      const { body } = receipt;
      q.insertReceipt.run(body.receiptId, body.subjectId, body.site, JSON.stringify(receipt));
    },
    receiptsOf: (subject: string): SignedReceipt[] =>
      q.receiptsOf.all(subject).map((text) => column(SignedReceiptSchema, text, 'receipt')),

    insertRequest(subject: string, site: string, request: DataRequest): void {
      const { id, kind, status, createdAt, dueAt } = request;
      q.insertRequest.run(id, subject, site, kind, status, createdAt, dueAt, createdAt);
    },
    requestsOf: (subject: string): DataRequest[] =>
      q.requestsOf.all(subject).map((row) => DataRequestSchema.parse(row)),
    /** Every request with its subject and site, the earliest due first (the operator's queue). */
    allRequests: () => q.allRequests.all().map((row) => AdminRequestSchema.parse(row)),
    request(id: string) {
      const row = q.request.get(id);
      return row && AdminRequestSchema.parse(row);
    },
    setRequestStatus(id: string, status: DataRequest['status'], now: string): void {
      q.setRequestStatus.run(status, now, id);
    },

    insertVerification(row: {
      id: string;
      site: string;
      channel: VerificationChannel;
      addressSealed: string;
      addressMac: string;
      codeMac: string;
      createdAt: number;
      expiresAt: number;
    }): void {
      q.insertVerification.run(
        row.id,
        row.site,
        row.channel,
        row.addressSealed,
        row.addressMac,
        row.codeMac,
        row.createdAt,
        row.expiresAt,
      );
    },
    deleteVerification: (id: string): void => void q.deleteVerification.run(id),
    verification(id: string, site: string): VerificationRow | undefined {
      const row = q.verification.get(id, site);
      return row && VerificationRowSchema.parse(row);
    },
    /** How many codes went to this address since `since`, and when the oldest of them went. */
    sentSince(addressMac: string, since: number): { count: number; oldest: number | null } {
      return {
        count: q.sentSince.get(addressMac, since) ?? 0,
        oldest: q.oldestSince.get(addressMac, since) ?? null,
      };
    },
    /** Counts one wrong code; returns the number of wrong codes so far. */
    wrongTry(id: string): number {
      const row = z.object({ wrong_tries: z.number() }).parse(q.wrongTry.get(id));
      return row.wrong_tries;
    },
    /** Marks the verification confirmed with its token's hash; false if it already was. */
    confirm(id: string, at: number, tokenHash: string, tokenExpiresAt: number): boolean {
      return q.confirm.run(at, tokenHash, tokenExpiresAt, id).changes === 1;
    },
    byToken(site: string, tokenHash: string): VerificationTokenRow | undefined {
      const row = q.byToken.get(site, tokenHash);
      return row && TokenRowSchema.parse(row);
    },
    /** Spends a verification token; false if it was spent already. */
    useToken: (id: string, at: number): boolean => q.useToken.run(at, id).changes === 1,
    /** Destroys verifications created before `before`, sealed addresses with them. */
    purgeVerifications: (before: number): number => q.purge.run(before).changes,
    /** The sealed address of a verification (for tests and a future resend); never logged. */
    sealedAddress: (id: string): string | undefined => q.sealedAddress.get(id),

    /** The review console's statistics, request queue and retention (records.ts). */
    records: consentRecords(db),

    close: () => db.close(),
  };
}

export type ConsentStore = ReturnType<typeof openConsentStore>;
