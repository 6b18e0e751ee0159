// Removing payloads past retention (R17, issue 4): an entry's canonical bytes go, its index, leaf
// hash and the tree stay, so checkpoints, proofs and verify keep working. The database's trigger
// (database.ts, PRUNE_GUARD) refuses anything else, and anything younger than the retention.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PRUNE_ROWS } from './config';

/**
 * What one prune removed, as its ledger entry records it (kind PRUNE_KIND):
 * - `from`…`to` (exclusive): the entries whose payloads were removed; pruned entries are always a
 *   prefix of the log, so after this prune [0, to) hold only their leaf hashes;
 * - `count`: how many payloads this prune removed (to − from);
 * - `cutoff`: entries recorded at or before this instant were past retention;
 * - `retentionYears`: the retention configured when it ran.
 */
export interface PruneRecord {
  from: number;
  to: number;
  count: number;
  cutoff: string;
  retentionYears: number;
}

/** A prune record as read back from the ledger (verify checks pruned entries against it). */
export const PruneRecordSchema = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  cutoff: z.iso.datetime(),
  retentionYears: z.number().int(),
});

/** The outcome of `Ledger.prune()`: every prune recorded (one per PRUNE_ROWS), or none. */
export interface PruneResult {
  removed: number;
  records: { index: number; record: PruneRecord }[];
}

/**
 * The instant `years` calendar years before `now`, as SQLite's `'-N years'` modifier computes it
 * (the guard uses that), so both sides agree on which entries are past retention.
 *
 * @example
 *   retentionCutoff(Date.parse('2026-06-01T00:00:00Z'), 3); // Date.parse('2023-06-01T00:00:00Z')
 */
export function retentionCutoff(now: number, years: number): number {
  const at = new Date(now);
  // Like SQLite, 29 February overflows into 1 March of a common year.
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return at.getTime();
}

export interface PruneStore {
  /** How many entries at the start of the log have no payload (the pruned prefix). */
  prunedTo(): number;
  /**
   * The end of the next run of prunable entries from `from`: entries recorded at or before
   * `cutoff`, at most PRUNE_ROWS, stopping at the first younger one (the prefix stays a prefix).
   */
  prunableTo(from: number, cutoff: number): number;
  /** Removes the payloads of [from, to); the guard refuses if any is younger than retention. */
  remove(from: number, to: number): number;
}

/**
 * @example
 *   const store = pruneStore(db);
 *   const from = store.prunedTo();
 *   store.remove(from, store.prunableTo(from, retentionCutoff(Date.now(), 3)));
 */
export function pruneStore(db: Database.Database): PruneStore {
  const isPruned = db
    .prepare<[number], number>("SELECT canonical = '' FROM entries WHERE idx = ?")
    .pluck();
  const size = db.prepare<[], number>('SELECT COALESCE(MAX(idx), -1) + 1 FROM entries').pluck();
  const ages = db
    .prepare<[number, number], [number, number]>(
      'SELECT idx, recorded_at FROM entries WHERE idx >= ? ORDER BY idx LIMIT ?',
    )
    .raw();
  const update = db.prepare(
    "UPDATE entries SET canonical = '' WHERE idx >= ? AND idx < ? AND canonical <> ''",
  );

  return {
    prunedTo() {
      // Pruned entries are a prefix, so the boundary is found by bisection in O(log n) reads.
      let low = 0;
      let high = size.get()!;
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        if (isPruned.get(mid) === 1) low = mid + 1;
        else high = mid;
      }
      return low;
    },
    prunableTo(from, cutoff) {
      let to = from;
      for (const [idx, recordedAt] of ages.all(from, PRUNE_ROWS)) {
        if (idx !== to || recordedAt > cutoff) break;
        to = idx + 1;
      }
      return to;
    },
    remove: (from, to) => update.run(from, to).changes,
  };
}
