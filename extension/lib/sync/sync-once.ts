// One sync round: send the oldest batch, settle what the server answered, and say when to come
// back. The queue is only ever shortened by what the server acknowledged (store first, delete
// only what is confirmed), so a crash at any point loses nothing and at worst resends.
import { EventBatchResultSchema, MAX_BATCH_EVENTS, type StaffEvent } from '../../../shared/schema';
import { eventsEndpoint } from './endpoint';

export interface SyncPorts {
  readBatch(limit: number): Promise<StaffEvent[]>;
  settleBatch(acked: string[], rejected: { id: string; reason: string }[]): Promise<void>;
  fetch: typeof fetch;
}

export type SyncOutcome =
  /** Nothing queued. */
  | { kind: 'idle' }
  /** A batch was settled; `more` when a full batch went, so the queue may hold more. */
  | { kind: 'sent'; acked: number; rejected: number; more: boolean }
  /** Try again later; `retryAfter` is the server's Retry-After header, when it sent one. */
  | { kind: 'retry'; reason: string; retryAfter?: string }
  /** Will not work until someone changes the settings (bad URL, token refused). */
  | { kind: 'blocked'; reason: string };

/** Longest a request may take before it counts as failed: the server may be stuck, not down. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends one batch. Contract:
 * - events leave the queue only when acknowledged in a well-formed 200 answer;
 * - events the server rejects as invalid go to the dead letters, nothing else does;
 * - 401/403 block until the settings change; 413 halves nothing here: batches are capped at
 *   MAX_BATCH_EVENTS, which the server accepts; other statuses and network errors retry.
 */
export async function syncOnce(
  ports: SyncPorts,
  settings: { serverUrl: string; deviceToken: string },
  batchSize: number = MAX_BATCH_EVENTS,
): Promise<SyncOutcome> {
  const endpoint = eventsEndpoint(settings.serverUrl);
  if (!endpoint.ok) return { kind: 'blocked', reason: endpoint.message };
  const events = await ports.readBatch(Math.min(batchSize, MAX_BATCH_EVENTS));
  if (events.length === 0) return { kind: 'idle' };

  let response: Response;
  try {
    response = await ports.fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${settings.deviceToken}`,
      },
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
    body = await response.json();
  } catch {
    return { kind: 'retry', reason: 'server answered with a body that is not JSON' };
  }
  const result = EventBatchResultSchema.safeParse(body);
  if (!result.success) return { kind: 'retry', reason: 'server answer does not match the schema' };
  const sent = new Set(events.map((e) => e.id));
  const acked = result.data.acks.map((a) => a.id).filter((id) => sent.has(id));
  const rejected = result.data.rejected
    .map((r) => ({ id: r.id ?? events[r.position]?.id, reason: r.reason }))
    .filter((r): r is { id: string; reason: string } => r.id !== undefined && sent.has(r.id));
  await ports.settleBatch(acked, rejected);
  return {
    kind: 'sent',
    acked: acked.length,
    rejected: rejected.length,
    more: events.length === Math.min(batchSize, MAX_BATCH_EVENTS),
  };
}
