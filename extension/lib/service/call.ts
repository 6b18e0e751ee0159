// One call to the audit service's device API: the URL checked (TLS except loopback, R19), the
// device token sent, a time limit, and the answer sorted into ok / refused / unreachable, the
// last being what the offline rules of a reveal depend on.
import { z } from 'zod';
import { serviceEndpoint } from '../sync/endpoint';

/** `fetch`, injected so tests answer for the service. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CallOptions {
  method: 'GET' | 'POST';
  /** Under the service's base URL, e.g. `/v1/staff/status`. */
  path: string;
  /** The device token (`cdt_…`); absent for enrollment, where the code is the credential. */
  token?: string;
  body?: unknown;
  timeoutMs: number;
}

export type ServiceReply =
  /** A 2xx answer with a JSON body (not yet parsed against a schema: the caller does that). */
  | { kind: 'ok'; status: number; body: unknown }
  /**
   * A 4xx answer: the service understood and said no. `message` is the service's own, which says
   * how to fix the problem; `code` its machine-readable code. Also a base URL we will not call.
   */
  | { kind: 'refused'; status: number; code: string; message: string; retryAfter: string | null }
  /** No usable answer: network error, time-out, 5xx or a body that is not JSON. */
  | { kind: 'unreachable'; reason: string };

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string().min(1).max(100), message: z.string().min(1).max(2000) }),
});

/**
 * Calls the service. Never throws.
 *
 * @example
 *   await callService(fetch, 'https://audit.example.com', {
 *     method: 'GET', path: '/v1/staff/status', token, timeoutMs: 10_000 });
 *   // { kind: 'ok', status: 200, body: { staffId: 'CS-0420', … } }
 */
export async function callService(
  fetchFn: FetchLike,
  base: string,
  options: CallOptions,
): Promise<ServiceReply> {
  const endpoint = serviceEndpoint(base, options.path);
  if (!endpoint.ok) {
    return {
      kind: 'refused',
      status: 0,
      code: 'bad-server-url',
      message: endpoint.message,
      retryAfter: null,
    };
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchFn(endpoint.url, {
      method: options.method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      kind: 'unreachable',
      reason: timedOut
        ? `the audit service did not answer within ${options.timeoutMs / 1000} s`
        : 'the audit service cannot be reached (network error)',
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, an empty answer): the status code alone says what happened.
    body = undefined;
  }
  if (response.status >= 500) {
    const detail = ErrorBodySchema.safeParse(body);
    return {
      kind: 'unreachable',
      reason: `the audit service answered HTTP ${response.status}${detail.success ? `: ${detail.data.error.message}` : ''}`,
    };
  }
  if (response.ok) {
    if (body === undefined) {
      return {
        kind: 'unreachable',
        reason: 'the audit service answered with a body that is not JSON',
      };
    }
    return { kind: 'ok', status: response.status, body };
  }
  const error = ErrorBodySchema.safeParse(body);
  return {
    kind: 'refused',
    status: response.status,
    code: error.success ? error.data.error.code : `http-${response.status}`,
    message: error.success
      ? error.data.error.message
      : `The audit service answered HTTP ${response.status}; check the server address, or tell your administrator.`,
    retryAfter: response.headers.get('retry-after'),
  };
}
