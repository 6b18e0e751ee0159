// Counts queued events of one kind in a time window (the popup's "reveals today").
import type { StaffEvent } from '../../../shared/schema';
import { database } from './db';

/**
 * How many queued events of `kind` have `at` in [fromMs, toMs). Contract:
 * - counts only what is still queued: events the server has acknowledged have left the queue;
 * - reads every chunk: chunks are keyed by the order they were queued in, not by time, and the
 *   queue is short whenever syncing works.
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
  let n = 0;
  for (const { events } of await db.getAll('chunks')) {
    for (const { event } of events) {
      const at = Date.parse(event.at);
      if (event.kind === kind && at >= fromMs && at < toMs) n++;
    }
  }
  return n;
}
