// The queue's sending side: read a batch without removing it, remove only what the server
// acknowledged, and move what it rejected as invalid to the dead-letter store (never the bin).
import type { StaffEvent } from '../../../shared/schema';
import { database } from './db';

/** The oldest `limit` events (ids are UUIDv7, so key order is time order), left in the queue. */
export async function readBatch(limit: number): Promise<StaffEvent[]> {
  const db = await database();
  return (await db.getAll('events', null, limit)).map((queued) => queued.event);
}

/**
 * Settles a sent batch in one strict transaction: acknowledged ids leave the queue; rejected
 * ones move to the dead letters with the server's reason. An id in neither stays queued.
 */
export async function settleBatch(
  acked: readonly string[],
  rejected: readonly { id: string; reason: string }[],
  now: number = Date.now(),
): Promise<void> {
  const db = await database();
  const tx = db.transaction(['events', 'dead-letters'], 'readwrite', { durability: 'strict' });
  const events = tx.objectStore('events');
  const dead = tx.objectStore('dead-letters');
  const work: Promise<unknown>[] = acked.map((id) => events.delete(id));
  for (const { id, reason } of rejected) {
    work.push(
      events.get(id).then(async (queued) => {
        if (!queued) return;
        await dead.put({ id, event: queued.event, reason, at: now });
        await events.delete(id);
      }),
    );
  }
  await Promise.all([...work, tx.done]);
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
