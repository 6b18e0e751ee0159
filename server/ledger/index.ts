// The ledger service (issue 4, R17): one append-only log for every kind of record, written by a
// single sequencer, hashed into an RFC 9162 tree, sealed by signed C2SP checkpoints, with proofs,
// verification and export. Built on better-sqlite3; synchronous, so a batch is one transaction.
import type Database from 'better-sqlite3';
import {
  canonicalEntryPrinter,
  consistencyProof as buildConsistencyProof,
  inclusionProof as buildInclusionProof,
  KIND_PATTERN,
  rangeHash,
  type CompactRange,
  type Result,
} from '../../shared/ledger';
import type {
  ConsistencyProofBody,
  InclusionProofBody,
  VerifyReport,
} from '../../shared/schema/ledger';
import { checkpointStore, type StoredCheckpoint } from './checkpoints';
import {
  GROUP_LEVEL,
  INSERT_ROWS,
  PRUNE_KIND,
  resolveOptions,
  TILE_LEVEL,
  type LedgerOptions,
} from './config';
import { openDatabase } from './database';
import { exportLines } from './export';
import { loadOrCreateKey } from './key-file';
import { pruneStore, retentionCutoff, type PruneRecord, type PruneResult } from './prune';
import { hashLeafInput, nodeTreeHasher } from './node-crypto';
import { TILE_GROUPS, treeStore, type RightEdge } from './tree-store';
import { verifyLedger } from './verify';
import { verifierOffThread } from './verify-off-thread';

export { LedgerConfigError, type LedgerOptions } from './config';
export { appendRetryingOnce } from './retry-once';
export type { StoredCheckpoint } from './checkpoints';
export type { PruneRecord, PruneResult } from './prune';

/** A request the ledger refuses; `field` names the argument at fault, for a 400. */
export type LedgerResult<T> = Result<T> | { ok: false; error: string; field: string };

/** Input a caller should have validated: a bad kind or a payload that is not JSON. */
export class LedgerInputError extends Error {
  override name = 'LedgerInputError';
}

/** Where a keyed record is in the ledger, and whether an earlier append had stored it. */
export interface KeyedIndex {
  index: number;
  duplicate: boolean;
}

export interface Ledger {
  /** Appends the payloads as entries of `kind` in one durable transaction; returns their indices. */
  append(kind: string, payloads: readonly unknown[]): number[];
  /**
   * Appends each payload whose `key` this `kind` has not stored yet, in one durable transaction;
   * returns, in order, each item's index and whether it was stored before (a resent batch stores
   * nothing twice and gets the same indices).
   */
  appendKeyed(kind: string, items: readonly { key: string; payload: unknown }[]): KeyedIndex[];
  /**
   * Removes the payloads of entries past retention (their leaf hashes and the tree stay), and
   * records each prune as an entry of kind `ledger-prune`. The database refuses to remove anything
   * younger, so a wrong clock makes this throw rather than remove too much.
   */
  prune(): PruneResult;
  /** Signs a checkpoint of the current size now (if entries were added since the last one). */
  checkpoint(): StoredCheckpoint;
  latestCheckpoint(): StoredCheckpoint;
  size(): number;
  /** The verifier key text, `<name>+<key hash>+<base64>`. */
  readonly publicKey: string;
  readonly origin: string;
  inclusionProof(index: number, size: number): LedgerResult<InclusionProofBody>;
  consistencyProof(from: number, to: number): LedgerResult<ConsistencyProofBody>;
  verify(): VerifyReport;
  /**
   * verify() in a worker thread (verify-off-thread.ts), for the service: the same report without
   * stalling ingest and every other request for the seconds a large ledger takes. Calls made
   * while one runs share it.
   */
  verifyInBackground(): Promise<VerifyReport>;
  /** JSON lines of [from, to); `to` defaults to the latest checkpoint's size. */
  exportRange(from?: number, to?: number): LedgerResult<Iterable<string>>;
  close(): void;
}

const fieldError = (field: string, error: string) => ({ ok: false as const, field, error });

/** toHex through Node's native encoder: one string per hash instead of 64 concatenations, whose
 * garbage made collections land in proofs. */
const hex = (hash: Uint8Array): string =>
  Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');

function checkKind(kind: string): void {
  if (!KIND_PATTERN.test(kind)) {
    throw new LedgerInputError(
      `The kind ${JSON.stringify(kind)} must be lowercase words joined by '-', e.g. staff-event.`,
    );
  }
}

/** The canonical texts of entries `first`, `first + 1`, … of `kind`, each led by the leaf hash's
 * '\0' (hashed as it is, stored without it); a payload that is not JSON throws, naming which and
 * where. */
function canonicalTexts(
  kind: string,
  payloads: readonly unknown[],
  first: number,
  recordedAt: string,
): string[] {
  const print = canonicalEntryPrinter(kind, recordedAt, '\0');
  const texts = new Array<string>(payloads.length);
  for (let i = 0; i < payloads.length; i++) {
    const text = print(first + i, payloads[i]);
    if (!text.ok) {
      throw new LedgerInputError(
        `Payload ${i} is not JSON at ${text.error.path}: ${text.error.reason}.`,
      );
    }
    texts[i] = text.text;
  }
  return texts;
}

/**
 * Opens the ledger at `options.path`, creating the file and its signing key on first use.
 * Only one process may write a ledger file: a second writer is detected at its next append.
 *
 * @example
 *   const ledger = openLedger({ path: 'data/ledger.db' });
 *   ledger.append('staff-event', [{ eventId: '0190…', op: 'reveal' }]); // [0]
 *   ledger.inclusionProof(0, ledger.size());
 */
export function openLedger(options: LedgerOptions): Ledger {
  const config = resolveOptions(options);
  const key = loadOrCreateKey(config.keyPath, config.origin);
  const db: Database.Database = openDatabase(config.path, config.origin, config.retentionYears);
  const th = nodeTreeHasher;
  const tree = treeStore(db, th);
  const checkpoints = checkpointStore(db, key, config.origin);
  const count = db.prepare<[], number>('SELECT COALESCE(MAX(idx), -1) + 1 FROM entries').pluck();
  /** The rows of one batch share kind and time, and their indices count up from @first: those
   * are bound once per statement, so each row binds only its text and leaf hash. */
  const insertEntries = (rows: number) => {
    const values = Array.from({ length: rows }, (_, i) => `(@first + ${i}, @kind, @at, ?, ?)`);
    return db.prepare<[unknown[], { first: number; kind: string; at: number }]>(
      `INSERT INTO entries (idx, kind, recorded_at, canonical, leaf_hash) VALUES ${values.join(', ')}`,
    );
  };
  const insertEntry = insertEntries(1);
  const insertChunk = insertEntries(INSERT_ROWS);
  /** insertChunk's parameters (text, leaf hash per row), refilled for each chunk. */
  const chunk = new Array<unknown>(INSERT_ROWS * 2);
  const insertNode = db.prepare('INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const insertTile = db.prepare('INSERT INTO tile_nodes (tile, hashes) VALUES (?, ?)');
  const findKey = db
    .prepare<[string, string], number>('SELECT idx FROM entry_keys WHERE kind = ? AND key = ?')
    .pluck();
  const insertKey = db.prepare('INSERT INTO entry_keys (kind, key, idx) VALUES (?, ?, ?)');
  /** The right edge of what is stored (tree-store.ts): the compact range, and the group hashes
   * of the open tile, which become its tile_nodes row when it completes. */
  let range: CompactRange;
  let groups: Uint8Array[];
  const loadEdge = () => ({ range, groups } = tree.rightEdge(count.get()!));
  loadEdge();
  const edge = (): RightEdge => ({ range, groups });

  const storeNode = (level: number, index: number, hash: Uint8Array) => {
    if (level === GROUP_LEVEL) groups.push(hash);
    if (level < TILE_LEVEL) return;
    insertNode.run(level, index, hash);
    if (level > TILE_LEVEL) return;
    // A tile completes after its last group, in the same append.
    if (groups.length !== TILE_GROUPS) {
      throw new Error(`ledger: tile ${index} completed with ${groups.length} groups; restart.`);
    }
    insertTile.run(index, Buffer.concat(groups));
    groups = [];
  };

  /** Signs a checkpoint when N entries wait, or when any entry waits and the last one is M old. */
  const sealIfDue = (now: number) => {
    const last = checkpoints.latest();
    if (last?.size === range.size) return;
    const byCount = !last || range.size - last.size >= config.checkpointEveryEntries;
    const byTime =
      config.checkpointEveryMs > 0 && now - (last?.createdAt ?? 0) >= config.checkpointEveryMs;
    if (byCount || byTime) checkpoints.add(range.size, range.root(), now);
  };

  /** `texts` as canonicalTexts gives them, each led by '\0'. */
  const appendBatch = db.transaction((kind: string, texts: readonly string[], now: number) => {
    // The single-sequencer guard: the in-memory tree must describe exactly what is stored.
    if (count.get() !== range.size) {
      throw new Error(
        'ledger: another process appended to this file; only one writer may run. Restart this one.',
      );
    }
    const first = range.size;
    const indices: number[] = new Array<number>(texts.length);
    // Whole chunks go in one statement (one bind and step for INSERT_ROWS rows), the rest singly.
    const chunked = texts.length - (texts.length % INSERT_ROWS);
    for (let i = 0; i < texts.length; i++) {
      const input = texts[i]!;
      const index = first + i;
      const leaf = hashLeafInput(input);
      // A slice of the flat input shares its characters (V8): no copy to store the entry.
      const text = input.slice(1);
      range.append(leaf, storeNode);
      indices[i] = index;
      if (i < chunked) {
        const at = (i % INSERT_ROWS) * 2;
        chunk[at] = text;
        chunk[at + 1] = leaf;
        if (at === INSERT_ROWS * 2 - 2) {
          insertChunk.run(chunk, { first: index + 1 - INSERT_ROWS, kind, at: now });
        }
      } else {
        insertEntry.run([text, leaf], { first: index, kind, at: now });
      }
    }
    sealIfDue(now);
    return indices;
  });

  const pruning = pruneStore(db);
  /** One prune of at most PRUNE_ROWS entries and its record, in one transaction; null if none due. */
  const pruneOnce = db.transaction((now: number) => {
    const from = pruning.prunedTo();
    const cutoff = retentionCutoff(now, config.retentionYears);
    const to = pruning.prunableTo(from, cutoff);
    if (to === from) return null;
    const count = pruning.remove(from, to);
    // Nothing removed means the prefix was not where bisection found it: record nothing, stop.
    if (count === 0) return null;
    const record: PruneRecord = {
      from,
      to,
      count,
      cutoff: new Date(cutoff).toISOString(),
      retentionYears: config.retentionYears,
    };
    const recordedAt = new Date(now).toISOString();
    const texts = canonicalTexts(PRUNE_KIND, [record], range.size, recordedAt);
    const [index] = appendBatch(PRUNE_KIND, texts, now);
    return { index: index!, record };
  });

  const withRecovery = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      // The transaction rolled back; rebuild the in-memory tree from what was committed.
      loadEdge();
      throw error;
    }
  };

  const sealInTransaction = () =>
    withRecovery(() => db.transaction(() => sealIfDue(config.now())).immediate());
  const timer =
    config.checkpointEveryMs > 0
      ? setInterval(() => {
          try {
            sealInTransaction();
          } catch (error) {
            // Not fatal: the next append or tick tries again. The message holds no entry content.
            console.error(
              '[ledger] timed checkpoint failed:',
              error instanceof Error ? error.message : error,
            );
          }
        }, config.checkpointEveryMs)
      : null;
  timer?.unref();
  const pruneTimer =
    config.pruneEveryMs > 0
      ? setInterval(() => {
          try {
            prune();
          } catch (error) {
            // Not fatal: nothing was removed (the transaction rolled back); the next tick retries.
            console.error(
              '[ledger] pruning past retention failed:',
              error instanceof Error ? error.message : error,
            );
          }
        }, config.pruneEveryMs)
      : null;
  pruneTimer?.unref();

  function prune(): PruneResult {
    const result: PruneResult = { removed: 0, records: [] };
    for (;;) {
      const done = withRecovery(() => pruneOnce.immediate(config.now()));
      if (!done) return result;
      result.removed += done.record.count;
      result.records.push(done);
    }
  }

  // A new ledger signs the empty tree at once, so there is always a latest checkpoint.
  if (!checkpoints.latest()) sealInTransaction();

  const root = (size: number) =>
    size === 0 ? th.empty() : rangeHash(th, tree.reader(edge()), 0, size);

  const verify = () => verifyLedger(db, { th, verifier: key.verifier, origin: config.origin });
  // An in-memory database cannot be opened by a second connection: verified on this thread.
  const verifyInBackground =
    config.path === ':memory:'
      ? () => Promise.resolve(verify())
      : verifierOffThread({ path: config.path, publicKey: key.publicKey, origin: config.origin });

  return {
    publicKey: key.publicKey,
    origin: config.origin,
    size: () => range.size,

    appendKeyed(kind, items) {
      checkKind(kind);
      const now = config.now();
      const recordedAt = new Date(now).toISOString();
      const keyed = db.transaction(() => {
        const out: KeyedIndex[] = new Array<KeyedIndex>(items.length);
        const fresh: unknown[] = [];
        const freshKeys: string[] = [];
        /** Key -> position in `fresh`, for a key repeated within the batch. */
        const inBatch = new Map<string, number>();
        const later: { at: number; fresh: number; duplicate: boolean }[] = [];
        items.forEach(({ key, payload }, at) => {
          const stored = findKey.get(kind, key);
          if (stored !== undefined) out[at] = { index: stored, duplicate: true };
          else if (inBatch.has(key)) later.push({ at, fresh: inBatch.get(key)!, duplicate: true });
          else {
            inBatch.set(key, fresh.length);
            later.push({ at, fresh: fresh.length, duplicate: false });
            fresh.push(payload);
            freshKeys.push(key);
          }
        });
        const texts = canonicalTexts(kind, fresh, range.size, recordedAt);
        const indices = appendBatch(kind, texts, now);
        freshKeys.forEach((key, i) => insertKey.run(kind, key, indices[i]));
        for (const { at, fresh: f, duplicate } of later)
          out[at] = { index: indices[f]!, duplicate };
        return out;
      });
      return withRecovery(() => keyed.immediate());
    },

    append(kind, payloads) {
      checkKind(kind);
      const now = config.now();
      const recordedAt = new Date(now).toISOString();
      // Canonicalize everything before touching the tree, so a bad payload changes nothing.
      const texts = canonicalTexts(kind, payloads, range.size, recordedAt);
      return withRecovery(() => appendBatch.immediate(kind, texts, now));
    },

    prune,

    checkpoint() {
      return withRecovery(() =>
        db
          .transaction(() => {
            const last = checkpoints.latest();
            return last?.size === range.size
              ? last
              : checkpoints.add(range.size, range.root(), config.now());
          })
          .immediate(),
      );
    },

    latestCheckpoint: () => checkpoints.latest()!,

    inclusionProof(index, size) {
      if (size > range.size)
        return fieldError('size', `size must be at most the ledger's size, ${range.size}.`);
      if (index >= size) return fieldError('index', `index must be below size (${size}).`);
      const reader = tree.reader(edge());
      const hashes = buildInclusionProof(th, reader, index, size);
      return {
        ok: true,
        value: {
          index,
          size,
          leafHash: hex(reader(0, index)),
          root: hex(rangeHash(th, reader, 0, size)),
          hashes: hashes.map(hex),
        },
      };
    },

    consistencyProof(from, to) {
      if (to > range.size)
        return fieldError('to', `to must be at most the ledger's size, ${range.size}.`);
      if (from > to) return fieldError('from', `from must be at most to (${to}).`);
      const hashes = buildConsistencyProof(th, tree.reader(edge()), from, to);
      return {
        ok: true,
        value: {
          from,
          to,
          fromRoot: hex(root(from)),
          toRoot: hex(root(to)),
          hashes: hashes.map(hex),
        },
      };
    },

    verify,
    verifyInBackground,

    exportRange(from = 0, to = checkpoints.latest()!.size) {
      if (to > range.size)
        return fieldError('to', `to must be at most the ledger's size, ${range.size}.`);
      if (from > to) return fieldError('from', `from must be at most to (${to}).`);
      const source = { db, tree, checkpoints, origin: config.origin, publicKey: key.publicKey };
      return { ok: true, value: exportLines(source, from, to) };
    },

    close() {
      if (timer) clearInterval(timer);
      if (pruneTimer) clearInterval(pruneTimer);
      db.close();
    },
  };
}
