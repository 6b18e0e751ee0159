// Writes staff events to the local queue before the action they record completes: one strict-
// durability transaction assigns the device's next sequence number and stores the event.
import { uuidv7 } from '../../../shared/ids';
import { StaffEventSchema, type StaffEvent } from '../../../shared/schema';
import { database, type DeviceMeta } from './db';

/** An event as the caller describes it; identity fields are filled in here. */
export type NewEvent = StaffEvent extends infer E
  ? E extends StaffEvent
    ? Omit<E, 'schema' | 'id' | 'deviceId' | 'seq' | 'at'>
    : never
  : never;

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

const enqueuedListeners = new Set<() => void>();

/** Calls `listener` after each event is stored (the sync scheduler sends soon after). */
export function onEnqueued(listener: () => void): () => void {
  enqueuedListeners.add(listener);
  return () => enqueuedListeners.delete(listener);
}

/**
 * Stores an event and resolves with it once it is on disk (`durability: 'strict'`). Contract:
 * - resolves only after the transaction committed; rejects (and stores nothing) when the event
 *   fails its schema or the write fails, so the caller can refuse the action;
 * - sequence numbers are gap-free per device: assigned inside the same transaction.
 *
 * @example
 *   await enqueueEvent({ kind: 'pause', staffId: 'CS-0420', role: 'support',
 *     policyVersion: '1', page: { origin: 'https://crm.example.com', path: '/' } });
 */
export async function enqueueEvent(input: NewEvent, now: number = Date.now()): Promise<StaffEvent> {
  const db = await database();
  const tx = db.transaction(['events', 'meta'], 'readwrite', { durability: 'strict' });
  const meta: DeviceMeta = (await tx.objectStore('meta').get('device')) ?? {
    key: 'device',
    id: uuidv7(now, randomBytes(10)),
    nextSeq: 0,
  };
  const parsed = StaffEventSchema.safeParse({
    ...input,
    schema: 1,
    id: uuidv7(now, randomBytes(10)),
    deviceId: meta.id,
    seq: meta.nextSeq,
    at: new Date(now).toISOString(),
  });
  if (!parsed.success) {
    tx.abort();
    await tx.done.catch(() => undefined); // The abort is the expected outcome here.
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new Error(`Event not recorded: invalid ${fields}. This is a bug in the extension.`);
  }
  const event = parsed.data;
  await Promise.all([
    tx.objectStore('meta').put({ ...meta, nextSeq: meta.nextSeq + 1 }),
    tx.objectStore('events').put({ event, queuedAt: now }, event.id),
    tx.done,
  ]);
  for (const listener of enqueuedListeners) listener();
  return event;
}

/** How many events wait to be sent, and the time the oldest was queued. */
export async function queueStatus(): Promise<{ length: number; deadLetters: number }> {
  const db = await database();
  const [length, deadLetters] = await Promise.all([db.count('events'), db.count('dead-letters')]);
  return { length, deadLetters };
}

/** The most recent queued events, newest first (for the popup and tests). */
export async function recentEvents(limit: number): Promise<StaffEvent[]> {
  const db = await database();
  const out: StaffEvent[] = [];
  let cursor = await db.transaction('events').store.openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value.event);
    cursor = await cursor.continue();
  }
  return out;
}
