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
 *   stays settled. Events left unacknowledged by an answer are sent again by the next call.
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
    if (more) answering = send(next);
    await ports.settleBatch(batch, answer.acked, answer.rejected);
    total.acked += answer.acked.length;
    total.rejected += answer.rejected.length;
    await options.onSent?.();
    if (!more) return { kind: 'sent', ...total, more: false };
    batch = next;
  }
}
