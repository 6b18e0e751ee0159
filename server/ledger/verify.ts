// Verification of a ledger file from scratch: every leaf hash from its stored canonical bytes, the
// tree from the leaves, every stored subtree hash and every signed checkpoint. It names the first
// entry where the ledger breaks and why. Reads only; runs beside a live server (WAL).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { VerifyReport } from '../../shared/schema/ledger';
import {
  bytesEqual,
  CompactRange,
  entryPrefix,
  openCheckpoint,
  toHex,
  type NoteVerifier,
  type TreeHasher,
} from '../../shared/ledger';
import { GROUP_LEVEL, PAGE_ROWS, PRUNE_KIND, TILE_LEVEL } from './config';
import { TILE_ROWS_FROM } from './database';
import { hashLeafText } from './node-crypto';
import { PruneRecordSchema } from './prune';

/** An entry recording a prune, as its canonical text parses. */
const PruneEntrySchema = z.object({ payload: PruneRecordSchema });

type Row = [idx: number, kind: string, recordedAt: number, canonical: unknown, leafHash: Buffer];
type CheckpointRow = { size: number; root: Buffer; note: string };

class Broken extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** What the bytes stored at `index` say their index is, for a clearer message. */
function claimedIndex(canonical: string): string {
  return /^\{"index":(\d+),/.exec(canonical)?.[1] ?? 'unknown';
}

/**
 * Verifies the whole ledger in `db`: OK with size and root, or the first index where it breaks.
 * Detects a changed payload, a deleted, inserted or reordered entry, a changed subtree, a tail
 * cut after a checkpoint, and a forged or altered checkpoint. A pruned entry (payload removed past
 * retention) is checked by its stored leaf hash through the tree and the checkpoints; pruned
 * entries must be a prefix of the log, recorded by the latest prune entry, and no younger than
 * its cutoff, or the payloads were removed behind the ledger's back.
 *
 * @example
 *   verifyLedger(db, { th: nodeTreeHasher, verifier, origin: 'custodian.local/ledger' });
 *   // { ok: true, size: 1000000, root: '5dc9…', checkpoints: 1000 }
 */
export function verifyLedger(
  db: Database.Database,
  options: { th: TreeHasher; verifier: NoteVerifier; origin: string },
): VerifyReport {
  const { th, verifier, origin } = options;
  const page = db
    .prepare<[number, number], Row>(
      'SELECT idx, kind, recorded_at, canonical, leaf_hash FROM entries WHERE idx >= ? ORDER BY idx LIMIT ?',
    )
    .raw();
  const storedNode = db
    .prepare<[number, number], Buffer>('SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?')
    .pluck();
  const checkpoints = db
    .prepare<[], CheckpointRow>('SELECT size, root, note FROM checkpoints ORDER BY size')
    .all();
  // A file of format 2 or older, verified read-only without its upgrade, has no tile rows.
  const hasTiles = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'tile_nodes'").get();
  const tileRow = hasTiles
    ? db.prepare<[number], Buffer>('SELECT hashes FROM tile_nodes WHERE tile = ?').pluck()
    : null;
  const rowsFrom = hasTiles
    ? Number(
        db
          .prepare<[string], string>('SELECT value FROM meta WHERE key = ?')
          .pluck()
          .get(TILE_ROWS_FROM) ?? Infinity,
      )
    : Infinity;
  /** The group hashes of the tile being rebuilt, to hold against its row when it completes. */
  let groups: Uint8Array[] = [];
  const range = CompactRange.empty(th);
  let nextCheckpoint = 0;
  /** Entries [0, pruned) have no payload; the newest of them was recorded at prunedUpTo. */
  let pruned = 0;
  let prunedUpTo = -Infinity;
  /** The prune entries seen so far: the prefix each leaves pruned, its cutoff, its index. */
  const prunes: { to: number; cutoff: number; index: number }[] = [];

  const checkTile = (tile: number) => {
    const row = tileRow?.get(tile);
    const first = tile * 2 ** TILE_LEVEL;
    if (row ? !bytesEqual(row, Buffer.concat(groups)) : tile >= rowsFrom) {
      throw new Broken(
        first,
        `the entries ${first}…${first + 2 ** TILE_LEVEL - 1} do not hash to their stored tile ` +
          'row: one of them was changed together with its leaf hash, or the row was altered or removed',
      );
    }
    groups = [];
  };

  const checkNode = (level: number, index: number, hash: Uint8Array) => {
    if (level === GROUP_LEVEL) groups.push(hash);
    if (level < TILE_LEVEL) return;
    const stored = storedNode.get(level, index);
    if (!stored || !bytesEqual(stored, hash)) {
      const first = index * 2 ** level;
      throw new Broken(
        first,
        `the entries ${first}…${first + 2 ** level - 1} do not hash to their stored subtree hash: ` +
          'one of them was changed together with its leaf hash, or the subtree row was altered',
      );
    }
    // After its subtree row, so a changed entry is named by the older, coarser check.
    if (level === TILE_LEVEL) checkTile(index);
  };

  /** After entryPrefix's kind part, by kind: the few kinds repeat, and this runs per entry. */
  const kindParts = new Map<string, string>();
  /** canonical.startsWith(entryPrefix(index, kind)), without printing the kind each time. */
  const startsAsEntry = (canonical: string, index: number, kind: string) => {
    const head = `{"index":${index}`;
    let kindPart = kindParts.get(kind);
    if (kindPart === undefined) {
      kindPart = entryPrefix(index, kind).slice(head.length);
      // Bounded, as a tampered file could hold any number of kinds.
      if (kindParts.size < 1_000) kindParts.set(kind, kindPart);
    }
    return canonical.startsWith(head) && canonical.startsWith(kindPart, head.length);
  };

  const checkCheckpoints = () => {
    for (; checkpoints[nextCheckpoint]?.size === range.size; nextCheckpoint++) {
      const row = checkpoints[nextCheckpoint]!;
      const cp = openCheckpoint(row.note, verifier);
      const since = nextCheckpoint > 0 ? checkpoints[nextCheckpoint - 1]!.size : 0;
      if (!cp.ok) throw new Broken(since, `the checkpoint of size ${row.size}: ${cp.error}`);
      if (
        cp.value.origin !== origin ||
        cp.value.size !== row.size ||
        !bytesEqual(cp.value.rootHash, row.root)
      ) {
        throw new Broken(
          since,
          `the checkpoint row of size ${row.size} does not match its signed note`,
        );
      }
      if (!bytesEqual(range.root(), row.root)) {
        throw new Broken(
          since,
          `the first ${row.size} entries do not hash to the root signed at that size: ` +
            `an entry from ${since} on was changed, moved or removed`,
        );
      }
    }
  };

  try {
    checkCheckpoints();
    for (;;) {
      const rows = page.all(range.size, PAGE_ROWS);
      for (const [idx, kind, recordedAt, canonical, leafHash] of rows) {
        const index = range.size;
        if (idx !== index) {
          throw new Broken(
            index,
            `entry ${index} is missing (the next stored entry is ${idx}): it was deleted`,
          );
        }
        if (canonical === '') {
          if (pruned !== index) {
            throw new Broken(
              index,
              `entry ${index} has no payload, but entry ${pruned} before it has one: payloads are ` +
                'only pruned oldest first, so this one was removed behind the ledger',
            );
          }
          pruned++;
          prunedUpTo = Math.max(prunedUpTo, recordedAt);
          // The bytes are gone; the stored leaf hash is checked by the tree and the checkpoints.
          range.append(leafHash, checkNode);
          checkCheckpoints();
          continue;
        }
        if (typeof canonical !== 'string') {
          throw new Broken(
            index,
            `entry ${index}'s text was replaced by a ${typeof canonical}: it was changed`,
          );
        }
        if (!startsAsEntry(canonical, index, kind)) {
          const claims = claimedIndex(canonical);
          throw new Broken(
            index,
            claims !== String(index)
              ? `entry ${index} holds the bytes of entry ${claims}: entries were reordered`
              : `entry ${index}'s kind column (${kind}) differs from its bytes: it was changed`,
          );
        }
        const leaf = hashLeafText(canonical);
        if (!bytesEqual(leaf, leafHash)) {
          throw new Broken(
            index,
            `entry ${index}'s bytes do not match its leaf hash: its payload was changed`,
          );
        }
        if (kind === PRUNE_KIND) {
          const record = PruneEntrySchema.safeParse(JSON.parse(canonical));
          if (record.success) {
            const { to, cutoff } = record.data.payload;
            prunes.push({ to, cutoff: Date.parse(cutoff), index });
          }
        }
        range.append(leaf, checkNode);
        checkCheckpoints();
      }
      if (rows.length < PAGE_ROWS) break;
    }
    const latest = prunes.at(-1);
    if (pruned > 0 && (!latest || latest.to < pruned)) {
      const from = latest?.to ?? 0;
      throw new Broken(
        from,
        `entries ${from}…${pruned - 1} have no payload, but no prune entry records removing them: ` +
          'they were removed behind the ledger',
      );
    }
    // Cutoffs need not grow (a clock set back), so the latest of them bounds every pruned entry.
    const cutoff = Math.max(...prunes.map((p) => p.cutoff));
    if (pruned > 0 && prunedUpTo > cutoff) {
      throw new Broken(
        0,
        `a pruned entry was recorded at ${new Date(prunedUpTo).toISOString()}, after every ` +
          "prune's cutoff: a payload younger than retention was removed",
      );
    }
    const beyond = checkpoints[nextCheckpoint];
    if (beyond) {
      throw new Broken(
        range.size,
        `a checkpoint was signed at size ${beyond.size}, but only ${range.size} entries remain: ` +
          'the tail was cut off after the checkpoint (or an entry is missing)',
      );
    }
  } catch (error) {
    if (error instanceof Broken) return { ok: false, index: error.index, reason: error.reason };
    throw error;
  }
  return {
    ok: true,
    size: range.size,
    root: toHex(range.root()),
    checkpoints: checkpoints.length,
    // Only when there are any, so a report on a ledger that was never pruned reads as before.
    ...(pruned > 0 ? { pruned } : {}),
  };
}
