// Counts queued events of one kind in a time window (the popup's "reveals today"), reading only
// the window's keys: event ids are UUIDv7, so the store's key order is the order of their times.
import { uuidv7 } from '../../../shared/ids';
import type { StaffEvent } from '../../../shared/schema';
import { database } from './db';

/** The smallest UUIDv7 of a millisecond: its random bits all zero. */
const firstIdOf = (ms: number) => uuidv7(ms, new Uint8Array(10));

/**
 * How many queued events of `kind` have `at` in [fromMs, toMs). Contract:
 * - counts only what is still queued: events the server has acknowledged have left the queue;
 * - reads the keys from `fromMs` to `toMs` only, then checks each event's own `at`.
 *
 * @example
 *   const midnight = new Date().setHours(0, 0, 0, 0);
 *   await countEvents('reveal', midnight, midnight + 86_400_000); // 2
 */
export async function countEvents(
  kind: StaffEvent['kind'],
  fromMs: number,
  toMs: number,
): Promise<number> {
  if (!(fromMs < toMs)) return 0;
  const db = await database();
  const range = IDBKeyRange.bound(firstIdOf(Math.max(0, fromMs)), firstIdOf(toMs), false, true);
  let n = 0;
  let cursor = await db.transaction('events').store.openCursor(range);
  while (cursor) {
    const { event } = cursor.value;
    const at = Date.parse(event.at);
    if (event.kind === kind && at >= fromMs && at < toMs) n++;
    cursor = await cursor.continue();
  }
  return n;
}
