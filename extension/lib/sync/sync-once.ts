// One sync round: send the oldest batch, settle what the server answered, and say when to come
// back. The queue is only ever shortened by what the server acknowledged (store first, delete
// only what is confirmed), so a crash at any point loses nothing and at worst resends.
import { EventBatchResultSchema, MAX_BATCH_EVENTS, type StaffEvent } from '../../../shared/schema';
import type { QueueBatch } from '../queue';
import { eventsEndpoint } from './endpoint';

export interface SyncPorts {
  /** The oldest `limit` queued events, or those queued after `after` (lib/queue readBatch). */
  readBatch(limit: number, after?: QueueBatch): Promise<QueueBatch>;
  settleBatch(
    batch: QueueBatch,
    acked: string[],
    rejected: { id: string; reason: string }[],
  ): Promise<void>;
  fetch: typeof fetch;
}

export type SyncOutcome =
  /** Nothing queued. */
  | { kind: 'idle' }
  /** Batches were settled; `more` when a full batch went last, so the queue may hold more. */
  | { kind: 'sent'; acked: number; rejected: number; more: boolean }
  /** Try again later; `retryAfter` is the server's Retry-After header, when it sent one. */
  | { kind: 'retry'; reason: string; retryAfter?: string }
  /** Will not work until someone changes the settings (bad URL, token refused). */
  | { kind: 'blocked'; reason: string };

/** What the server made of one batch: which events to remove, which to dead-letter. */
export type BatchAnswer =
  | { kind: 'answered'; acked: string[]; rejected: { id: string; reason: string }[] }
  | Extract<SyncOutcome, { kind: 'retry' | 'blocked' }>;

/** Longest a request may take before it counts as failed: the server may be stuck, not down. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Posts `events` to the audit service and reads its answer; never rejects. Contract:
 * - `answered` only for a well-formed 200 answer, and then only with ids that were sent;
 * - 401/403 block until the settings change; 413 halves nothing here: batches are capped at
 *   MAX_BATCH_EVENTS, which the server accepts; other statuses, network errors and a request
 *   taking longer than REQUEST_TIMEOUT_MS retry.
 */
export async function sendBatch(
  fetcher: typeof fetch,
  url: string,
  deviceToken: string,
  events: readonly StaffEvent[],
): Promise<BatchAnswer> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    return { kind: 'retry', reason: `server ${reason}` };
  }
  if (response.status === 401 || response.status === 403) {
    return {
      kind: 'blocked',
      reason: `server refused the device token (HTTP ${response.status}); enrol this browser again`,
    };
  }
  if (!response.ok) {
    const retryAfter = response.headers.get('retry-after');
    return {
      kind: 'retry',
      reason: `server answered HTTP ${response.status}`,
      ...(retryAfter !== null ? { retryAfter } : {}),
    };
  }
  let body: unknown;
  try {
    // The time-out covers the body too: a server that sends headers and then stalls is stuck.
    body = await response.json();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { kind: 'retry', reason: 'server timed out' };
    }
    return { kind: 'retry', reason: 'server answered with a body that is not JSON' };
  }
  const result = EventBatchResultSchema.safeParse(body);
  if (!result.success) return { kind: 'retry', reason: 'server answer does not match the schema' };
  const sent = new Set(events.map((e) => e.id));
  const acked = result.data.acks.map((a) => a.id).filter((id) => sent.has(id));
  const rejected = result.data.rejected
    .map((r) => ({ id: r.id ?? events[r.position]?.id, reason: r.reason }))
    .filter((r): r is { id: string; reason: string } => r.id !== undefined && sent.has(r.id));
  return { kind: 'answered', acked, rejected };
}

/**
 * Sends one batch and settles it. Contract:
 * - events leave the queue only when acknowledged in a well-formed 200 answer;
 * - events the server rejects as invalid go to the dead letters, nothing else does;
 * - failures keep the whole batch (see sendBatch).
 */
export async function syncOnce(
  ports: SyncPorts,
  settings: { serverUrl: string; deviceToken: string },
  batchSize: number = MAX_BATCH_EVENTS,
): Promise<SyncOutcome> {
  const endpoint = eventsEndpoint(settings.serverUrl);
  if (!endpoint.ok) return { kind: 'blocked', reason: endpoint.message };
  const limit = Math.min(batchSize, MAX_BATCH_EVENTS);
  const batch = await ports.readBatch(limit);
  if (batch.events.length === 0) return { kind: 'idle' };
  const answer = await sendBatch(ports.fetch, endpoint.url, settings.deviceToken, batch.events);
  if (answer.kind !== 'answered') return answer;
  await ports.settleBatch(batch, answer.acked, answer.rejected);
  return {
    kind: 'sent',
    acked: answer.acked.length,
    rejected: answer.rejected.length,
    more: batch.events.length === limit,
  };
}
