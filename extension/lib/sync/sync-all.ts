// Sends the queue until it is empty or the server fails, keeping the server busy: the next batch
// is read while one is in flight, and sent before the previous one is settled.
import { MAX_BATCH_EVENTS } from '../../../shared/schema';
import { eventsEndpoint } from './endpoint';
import { sendBatch, type SyncOutcome, type SyncPorts } from './sync-once';

/**
 * Drains the queue, one request at a time, in queue order. Contract:
 * - each batch is settled exactly as syncOnce settles it: only acknowledged events leave;
 * - never two requests in flight: the server sees batches in sequence order;
 * - the next batch is read while the current one is in flight, and sent as soon as the current
 *   one is answered, while that answer is settled: a 100,000-event backlog spent half its time
 *   in the browser's storage while the server waited, and the other half the other way round;
 * - stops at the first failure (retry or blocked) and returns it; what was acknowledged before
 *   stays settled. Events left unacknowledged by an answer are sent again by the next call, and
 *   an answer that leaves one unanswered ends the call (with `more`), so nothing queued after it
 *   is sent first.
 *
 * @example
 *   await syncAll(ports, { serverUrl, deviceToken }, { onSent: () => saveStatus() });
 *   // { kind: 'sent', acked: 100000, rejected: 0, more: false }
 */
export async function syncAll(
  ports: SyncPorts,
  settings: { serverUrl: string; deviceToken: string },
  options: { batchSize?: number; onSent?: () => Promise<void> } = {},
): Promise<SyncOutcome> {
  const endpoint = eventsEndpoint(settings.serverUrl);
  if (!endpoint.ok) return { kind: 'blocked', reason: endpoint.message };
  const limit = Math.min(options.batchSize ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
  const send = (batch: Awaited<ReturnType<SyncPorts['readBatch']>>) =>
    sendBatch(ports.fetch, endpoint.url, settings.deviceToken, batch.events);
  let batch = await ports.readBatch(limit);
  if (batch.events.length === 0) return { kind: 'idle' };
  let answering = send(batch);
  const total = { acked: 0, rejected: 0 };
  for (;;) {
    // sendBatch never rejects, so `answering` cannot fail unobserved if this read throws.
    const next = batch.events.length === limit ? await ports.readBatch(limit, batch) : undefined;
    const answer = await answering;
    if (answer.kind !== 'answered') return answer;
    const more = next !== undefined && next.events.length > 0;
    // An event the server left unanswered is sent again before any later one, by the next run:
    // sending `next` first would show the server a gap in the device's sequence numbers.
    const whole = answersAll(batch, answer);
    if (more && whole) answering = send(next);
    await ports.settleBatch(batch, answer.acked, answer.rejected);
    total.acked += answer.acked.length;
    total.rejected += answer.rejected.length;
    await options.onSent?.();
    if (!more || !whole) return { kind: 'sent', ...total, more: more || !whole };
    batch = next;
  }
}

/** Whether the server acknowledged or rejected every event of `batch`. */
function answersAll(
  batch: { events: readonly { id: string }[] },
  answer: { acked: readonly string[]; rejected: readonly { id: string }[] },
): boolean {
  const answered = new Set([...answer.acked, ...answer.rejected.map((r) => r.id)]);
  return batch.events.every((e) => answered.has(e.id));
}
