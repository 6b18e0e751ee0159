// Writes staff events to the local queue before the action they record completes: a strict-
// durability transaction assigns the device's next sequence numbers and stores the events.
import { uuidv7 } from '../../../shared/ids';
import { StaffEventSchema, type StaffEvent } from '../../../shared/schema';
import { database, type DeviceMeta } from './db';

/** An event as the caller describes it; identity fields are filled in here. */
export type NewEvent = StaffEvent extends infer E
  ? E extends StaffEvent
    ? Omit<E, 'schema' | 'id' | 'deviceId' | 'seq' | 'at'>
    : never
  : never;

/** Random bytes for `n` ids at once: one call per transaction instead of one per event. */
const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

const enqueuedListeners = new Set<() => void>();

/** Calls `listener` after each event is stored (the sync scheduler sends soon after). */
export function onEnqueued(listener: () => void): () => void {
  enqueuedListeners.add(listener);
  return () => enqueuedListeners.delete(listener);
}

/** Most events written in one transaction: bounds a transaction's size during a burst. */
const MAX_GROUP = 500;

interface Pending {
  input: NewEvent;
  now: number;
  resolve(event: StaffEvent): void;
  reject(error: Error): void;
}

let pending: Pending[] = [];
let flushing = false;

/**
 * Stores an event and resolves with it once it is on disk (`durability: 'strict'`). Contract:
 * - resolves only after the transaction holding it committed; rejects (and stores nothing) when
 *   the event fails its schema or the write fails, so the caller can refuse the action;
 * - sequence numbers are gap-free per device: assigned inside the transaction that stores them;
 * - events arriving while a write is under way share the next transaction (group commit): a
 *   strict commit waits for the disk (~5 ms here), so one transaction per event would cap a
 *   burst at a couple of hundred events a second; the group is stored as one record (a chunk,
 *   see db.ts), since a record per event costs more than the commit.
 *
 * @example
 *   await enqueueEvent({ kind: 'pause', staffId: 'CS-0420', role: 'support',
 *     policyVersion: '1', page: { origin: 'https://crm.example.com', path: '/' } });
 */
export function enqueueEvent(input: NewEvent, now: number = Date.now()): Promise<StaffEvent> {
  return new Promise((resolve, reject) => {
    pending.push({ input, now, resolve, reject });
    if (!flushing) {
      flushing = true;
      // After this task, so calls made in the same task join the first transaction.
      queueMicrotask(() => void flush());
    }
  });
}

async function flush(): Promise<void> {
  try {
    while (pending.length > 0) {
      // Taken whole, then cut: slicing what is left after each group was quadratic in a burst.
      const waiting = pending;
      pending = [];
      for (let from = 0; from < waiting.length; from += MAX_GROUP) {
        const group = waiting.slice(from, from + MAX_GROUP);
        try {
          await writeGroup(group);
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const p of group) p.reject(failure);
        }
      }
    }
  } finally {
    flushing = false;
  }
}

async function writeGroup(group: readonly Pending[]): Promise<void> {
  const db = await database();
  const tx = db.transaction(['chunks', 'meta'], 'readwrite', { durability: 'strict' });
  const first = group[0]!.now;
  const random = randomBytes(10 * (group.length + 1));
  const meta: DeviceMeta = (await tx.objectStore('meta').get('device')) ?? {
    key: 'device',
    id: uuidv7(first, random.subarray(10 * group.length)),
    nextSeq: 0,
    queued: 0,
  };
  let seq = meta.nextSeq;
  const stored: { p: Pending; event: StaffEvent }[] = [];
  group.forEach((p, i) => {
    const parsed = StaffEventSchema.safeParse({
      ...p.input,
      schema: 1,
      id: uuidv7(p.now, random.subarray(10 * i, 10 * i + 10)),
      deviceId: meta.id,
      seq,
      at: new Date(p.now).toISOString(),
    });
    if (!parsed.success) {
      // Refused alone, and before it takes a sequence number, so the others still go in.
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      p.reject(new Error(`Event not recorded: invalid ${fields}. This is a bug in the extension.`));
      return;
    }
    seq++;
    stored.push({ p, event: parsed.data });
  });
  const queued = meta.queued === undefined ? {} : { queued: meta.queued + stored.length };
  const writes: Promise<unknown>[] = [
    tx.objectStore('meta').put({ ...meta, nextSeq: seq, ...queued }),
  ];
  if (stored.length > 0) {
    const events = stored.map(({ p, event }) => ({ event, queuedAt: p.now }));
    writes.push(tx.objectStore('chunks').add({ events }));
  }
  await Promise.all([...writes, tx.done]);
  for (const { p, event } of stored) p.resolve(event);
  if (stored.length > 0) for (const listener of enqueuedListeners) listener();
}

/**
 * How many events wait to be sent, and how many dead letters are kept. Contract:
 * - costs a few reads however long the queue: the count is kept in the device record (db.ts);
 * - a count that is unknown, or cannot be right (fewer events than chunks, none when there are
 *   chunks), is counted again from the chunks, once, and kept.
 */
export async function queueStatus(): Promise<{ length: number; deadLetters: number }> {
  const db = await database();
  const tx = db.transaction(['chunks', 'meta', 'dead-letters']);
  const [meta, chunks, deadLetters] = await Promise.all([
    tx.objectStore('meta').get('device'),
    tx.objectStore('chunks').count(),
    tx.objectStore('dead-letters').count(),
  ]);
  if (chunks === 0) return { length: 0, deadLetters };
  const known = meta?.queued;
  if (known !== undefined && known >= chunks) return { length: known, deadLetters };
  return { length: await recount(), deadLetters };
}

/** Counts the queued events from the chunks and keeps the count, in one transaction. */
async function recount(): Promise<number> {
  const db = await database();
  const tx = db.transaction(['chunks', 'meta'], 'readwrite');
  const [chunks, meta] = await Promise.all([
    tx.objectStore('chunks').getAll(),
    tx.objectStore('meta').get('device'),
  ]);
  const queued = chunks.reduce((n, chunk) => n + chunk.events.length, 0);
  await Promise.all([meta && tx.objectStore('meta').put({ ...meta, queued }), tx.done]);
  return queued;
}

/** The most recent queued events, newest first (for the popup and tests). */
export async function recentEvents(limit: number): Promise<StaffEvent[]> {
  const db = await database();
  const out: StaffEvent[] = [];
  let cursor = await db.transaction('chunks').store.openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    const { events } = cursor.value;
    for (let i = events.length - 1; i >= 0 && out.length < limit; i--) out.push(events[i]!.event);
    cursor = await cursor.continue();
  }
  return out;
}
