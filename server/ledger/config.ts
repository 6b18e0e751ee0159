// The ledger's tunable constants and the checking of its options, in one place (STYLE.md, "Habits").
import { dirname, join } from 'node:path';

/** Sign a checkpoint once this many entries are unsigned: at most this many can vanish from the
 * tail unnoticed, and signing (~50 µs) every 1,000 entries costs well under 1% of ingest. */
export const CHECKPOINT_EVERY_ENTRIES = 1_000;

/** …or once the oldest unsigned entry is this old, so a quiet hour still gets sealed promptly. */
export const CHECKPOINT_EVERY_MS = 60_000;

/**
 * R17: logs are kept at least three years. Configuration below this is refused, and the database
 * itself refuses to remove a payload younger than this, whatever the configuration says.
 * Past retention an entry's payload (its canonical bytes) is removed; its index, leaf hash and the
 * tree stay, so checkpoints, proofs and verify keep working (prune.ts).
 */
export const RETENTION_FLOOR_YEARS = 3;

/** How often the service removes payloads past retention: a day's entries at a time is small, and
 * a payload lingering up to six hours past its retention date is within any policy's slack. */
export const PRUNE_EVERY_MS = 6 * 60 * 60_000;

/** Payloads removed per transaction (each recorded by its own ledger entry): bounds the WAL and
 * the time appends wait when a long backlog is first pruned. */
export const PRUNE_ROWS = 50_000;

/** The kind of the entry that records a prune. */
export const PRUNE_KIND = 'ledger-prune';

/** Perfect subtrees of 2^8 = 256 leaves (a tile) and up are stored, one row each: ~1 row per
 * 128 entries. */
export const TILE_LEVEL = 8;

/** Each complete tile also stores its 16 subtree hashes of 2^4 = 16 leaves, in one row
 * (tile_nodes). A proof then reads 16 leaf hashes and one 512-byte row and rehashes 30 nodes,
 * instead of reading and rehashing all 256 leaves of the tile (which cost ~1.3 ms, mostly reading
 * 256 wide entry rows); the row costs 2 bytes per entry and one insert per 256 entries. */
export const GROUP_LEVEL = 4;

/** Entries written per INSERT statement on append: binding and stepping 100 rows at once costs
 * less per row than one statement each, and 500 parameters stay far below SQLite's limit. */
export const INSERT_ROWS = 100;

/** Rows read per query when verifying or exporting: large enough to amortize the query, small
 * enough (~2 MB) to keep memory flat, and no statement stays open across a yield. */
export const PAGE_ROWS = 5_000;

/** The checkpoint origin (and key name) when none is configured: schema-less, as C2SP asks. */
export const DEFAULT_ORIGIN = 'custodian.local/ledger';

/** The Ed25519 key's file name, beside the database unless `keyPath` says otherwise. */
export const KEY_FILE_NAME = 'ledger-key';

export interface LedgerOptions {
  /** The SQLite file; its directory holds the signing key unless `keyPath` is given. */
  path: string;
  keyPath?: string;
  /** Names the log in its checkpoints; fixed when the ledger is created. */
  origin?: string;
  checkpointEveryEntries?: number;
  /** 0 turns the timer off (tests); `checkpoint()` still works. */
  checkpointEveryMs?: number;
  /** How long entries are kept, in whole years; at least RETENTION_FLOOR_YEARS. */
  retentionYears?: number;
  /** How often payloads past retention are removed; 0 turns the timer off (`prune()` still works). */
  pruneEveryMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export type ResolvedOptions = Required<LedgerOptions>;

/** A ledger that cannot open as configured; the message says how to fix it. */
export class LedgerConfigError extends Error {
  override name = 'LedgerConfigError';
}

/**
 * Fills in defaults and refuses what would break R17 or the log.
 *
 * @example
 *   resolveOptions({ path: 'data/ledger.db' }).keyPath; // 'data/ledger-key'
 *   resolveOptions({ path: 'x.db', retentionYears: 1 }); // throws LedgerConfigError
 */
export function resolveOptions(options: LedgerOptions): ResolvedOptions {
  const retentionYears = options.retentionYears ?? RETENTION_FLOOR_YEARS;
  if (!(retentionYears >= RETENTION_FLOOR_YEARS) || !Number.isSafeInteger(retentionYears)) {
    throw new LedgerConfigError(
      `Ledger retention of ${retentionYears} years is below the floor of ${RETENTION_FLOOR_YEARS} ` +
        `years that R17 requires (logs kept at least three years), or not whole years. Set ` +
        `retentionYears to ${RETENTION_FLOOR_YEARS} or more, in whole years.`,
    );
  }
  const origin = options.origin ?? DEFAULT_ORIGIN;
  if (!/^[^\s+]+$/u.test(origin)) {
    throw new LedgerConfigError(
      `The ledger origin ${JSON.stringify(origin)} must be one word without spaces or '+', ` +
        `e.g. ${DEFAULT_ORIGIN}.`,
    );
  }
  const every = options.checkpointEveryEntries ?? CHECKPOINT_EVERY_ENTRIES;
  const everyMs = options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
  const pruneEveryMs = options.pruneEveryMs ?? PRUNE_EVERY_MS;
  if (!Number.isSafeInteger(every) || every < 1 || !(everyMs >= 0) || !(pruneEveryMs >= 0)) {
    throw new LedgerConfigError(
      'checkpointEveryEntries must be a whole number ≥ 1, and checkpointEveryMs and pruneEveryMs ' +
        '≥ 0 (0: no timer).',
    );
  }
  return {
    path: options.path,
    keyPath: options.keyPath ?? join(dirname(options.path), KEY_FILE_NAME),
    origin,
    checkpointEveryEntries: every,
    checkpointEveryMs: everyMs,
    retentionYears,
    pruneEveryMs,
    now: options.now ?? Date.now,
  };
}
