// The queue's sending side: read a batch without removing it, remove only what the server
// acknowledged, and move what it rejected as invalid to the dead-letter store (never the bin).
import type { StaffEvent } from '../../../shared/schema';
import { database, type QueuedChunk } from './db';

/** Events read for sending, with the keys of the first and last chunk they came from. */
export interface QueueBatch {
  events: StaffEvent[];
  /** Chunk keys (see db.ts); -1 when `events` is empty. */
  from: number;
  to: number;
  /** Whether the first (last) chunk held events that are not in this batch when it was read. */
  fromPartial?: boolean;
  toPartial?: boolean;
}

/**
 * The oldest `limit` events (chunk key order is the order they were queued in), left in the
 * queue. Contract:
 * - with `after`, only events queued after that batch's last one: the rest of the chunk it
 *   ended in, then later chunks (so a batch can be read while the one before is in flight);
 * - reads chunks a few at a time, doubling, so neither many small chunks nor a few large ones
 *   cost much more than the events returned.
 *
 * @example
 *   const first = await readBatch(500);
 *   const second = await readBatch(500, first); // not one event of `first` again
 */
export async function readBatch(limit: number, after?: QueueBatch): Promise<QueueBatch> {
  const db = await database();
  const store = db.transaction('chunks').store;
  const last = after?.events.at(-1);
  const skipUpTo = last && after ? { key: after.to, seq: last.seq } : undefined;
  let range = skipUpTo ? IDBKeyRange.lowerBound(skipUpTo.key) : undefined;
  const batch: QueueBatch = { events: [], from: -1, to: -1 };
  for (let ask = 1; batch.events.length < limit; ask = Math.min(ask * 2, limit)) {
    const [chunks, keys] = await Promise.all([
      store.getAll(range, ask),
      store.getAllKeys(range, ask),
    ]);
    chunks.forEach((chunk, i) => {
      const key = keys[i]!;
      const before = batch.events.length;
      for (const { event } of chunk.events) {
        if (batch.events.length >= limit) break;
        if (key === skipUpTo?.key && event.seq <= skipUpTo.seq) continue;
        batch.events.push(event);
      }
      const taken = batch.events.length - before;
      if (taken === 0) return;
      const partial = taken < chunk.events.length;
      if (batch.from < 0) {
        batch.from = key;
        batch.fromPartial = partial;
      }
      batch.to = key;
      batch.toPartial = partial;
    });
    if (chunks.length < ask) break;
    range = IDBKeyRange.lowerBound(keys.at(-1)!, true);
  }
  return batch;
}

/**
 * Settles a sent batch in one strict transaction. Contract:
 * - acknowledged ids leave the queue; rejected ones move to the dead letters with the server's
 *   reason; an id in neither stays queued;
 * - only the batch's chunks are touched; an emptied chunk is deleted, consecutive emptied chunks
 *   with one ranged delete. A range holds no chunk but those read: keys only grow, so chunks
 *   queued since have keys above the batch's.
 * - when every event of the batch was acknowledged, the chunks it held whole are deleted without
 *   reading them again: a chunk only ever loses events, so it holds nothing acknowledged-not.
 */
export async function settleBatch(
  batch: QueueBatch,
  acked: readonly string[],
  rejected: readonly { id: string; reason: string }[],
  now: number = Date.now(),
): Promise<void> {
  if (batch.events.length === 0 || acked.length + rejected.length === 0) return;
  const db = await database();
  const tx = db.transaction(['chunks', 'dead-letters', 'meta'], 'readwrite', {
    durability: 'strict',
  });
  const chunks = tx.objectStore('chunks');
  const dead = tx.objectStore('dead-letters');
  const gone = new Set(acked);
  const reasons = new Map(rejected.map((r) => [r.id, r.reason]));
  const work: Promise<unknown>[] = [];

  const allAcked = rejected.length === 0 && batch.events.every((e) => gone.has(e.id));
  const { fromPartial = true, toPartial = true } = batch;
  let found: { chunk: QueuedChunk; key: number }[];
  if (allAcked && (batch.from < batch.to || !(fromPartial || toPartial))) {
    work.push(chunks.delete(IDBKeyRange.bound(batch.from, batch.to, fromPartial, toPartial)));
    // Only the partly sent end chunks are left to rewrite.
    const ends = [...new Set([fromPartial ? batch.from : -1, toPartial ? batch.to : -1])].filter(
      (key) => key >= 0,
    );
    const values = await Promise.all(ends.map((key) => chunks.get(key)));
    found = values.flatMap((chunk, i) => (chunk ? [{ chunk, key: ends[i]! }] : []));
  } else {
    const range = IDBKeyRange.bound(batch.from, batch.to);
    const [values, keys] = await Promise.all([chunks.getAll(range), chunks.getAllKeys(range)]);
    found = values.map((chunk, i) => ({ chunk, key: keys[i]! }));
  }
  const removedFromFound = settleChunks(found);
  // All acknowledged: every event of the batch left, the found end chunks' among them.
  await keepCount(allAcked ? batch.events.length : removedFromFound);
  await Promise.all([...work, tx.done]);

  /** The device record's count of queued events, less those removed; 0 once none is left. */
  async function keepCount(removed: number): Promise<void> {
    const meta = await tx.objectStore('meta').get('device');
    if (meta?.queued === undefined) return;
    const empty = (await chunks.count()) === 0;
    const queued = empty ? 0 : Math.max(0, meta.queued - removed);
    work.push(tx.objectStore('meta').put({ ...meta, queued }));
  }

  /**
   * Rewrites or deletes each chunk (in key order); a chunk between two found ones is gone.
   * Returns how many events left the chunks.
   */
  function settleChunks(found: readonly { chunk: QueuedChunk; key: number }[]): number {
    let removed = 0;
    let emptied: { from: number; to: number } | undefined;
    const deleteEmptied = () => {
      if (emptied) work.push(chunks.delete(IDBKeyRange.bound(emptied.from, emptied.to)));
      emptied = undefined;
    };
    for (const { chunk, key } of found) {
      const left = chunk.events.filter(({ event }) => {
        if (gone.has(event.id)) return false;
        const reason = reasons.get(event.id);
        if (reason === undefined) return true;
        work.push(dead.put({ id: event.id, event, reason, at: now }));
        return false;
      });
      removed += chunk.events.length - left.length;
      if (left.length === 0) {
        emptied = { from: emptied?.from ?? key, to: key };
        continue;
      }
      deleteEmptied();
      if (left.length < chunk.events.length) work.push(chunks.put({ events: left }, key));
    }
    deleteEmptied();
    return removed;
  }
}

/** The dead letters, newest first, for the popup. */
export async function deadLetters(
  limit: number,
): Promise<{ id: string; reason: string; at: number }[]> {
  const db = await database();
  const all = await db.getAll('dead-letters');
  return all
    .sort((a, b) => b.at - a.at)
    .slice(0, limit)
    .map(({ id, reason, at }) => ({ id, reason, at }));
}
