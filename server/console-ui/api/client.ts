// The console's one way to the server: JSON in and out, every answer parsed with its schema, the
// CSRF header on every state-changing request, and a signed-out session reported to the app.
import type { z } from 'zod';
import { ErrorBodySchema } from './answers';

/** Every console route lives here; the session cookie's Path is /admin. */
export const API_BASE = '/admin/api';

/** The header a cross-site form cannot set: the server refuses POST/PUT/DELETE without it (403 `csrf`). */
export const CSRF_HEADER = 'X-Custodian-Console';

/** What went wrong, with the server's own code and message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ClientOptions {
  fetch: typeof fetch;
  /** Called when the server says the session is gone (401): the app returns to sign-in. */
  onSignedOut: (message: string) => void;
}

export interface Client {
  /**
   * Sends `body` (when given) as JSON to `API_BASE + path` and parses the answer with `schema`;
   * a 204 answers undefined. Throws ApiError (server errors, network, an answer that does not parse).
   */
  request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>>;
}

/**
 * A client over `fetch`.
 *
 * @example
 *   const client = createClient({ fetch: window.fetch.bind(window), onSignedOut: showSignIn });
 *   const session = await client.request('GET', '/session', ConsoleSessionSchema);
 */
export function createClient({ fetch: send, onSignedOut }: ClientOptions): Client {
  return {
    async request(method, path, schema, body) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (method !== 'GET') headers[CSRF_HEADER] = '1';
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await send(API_BASE + path, {
          method,
          headers,
          credentials: 'same-origin',
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (e) {
        throw new ApiError(
          0,
          'network',
          `无法连接服务器 Could not reach the server (${e instanceof Error ? e.message : String(e)}); check the connection and try again.`,
        );
      }
      if (!response.ok) {
        const error = await errorOf(response);
        // A failed sign-in is a 401 too, but it is the sign-in form's to show, not a lost session.
        const signingIn = method === 'POST' && path === '/session';
        if (response.status === 401 && !signingIn) onSignedOut(error.message);
        throw error;
      }
      if (response.status === 204) return schema.parse(undefined);
      let json: unknown;
      try {
        json = await response.json();
      } catch (e) {
        // The body is not JSON: say so rather than report a schema mismatch on `undefined`.
        throw new ApiError(
          response.status,
          'bad-answer',
          `The server's answer to ${method} ${path} is not JSON (${e instanceof Error ? e.message : String(e)}); reload the page, and if it persists check the server's log.`,
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : '';
        throw new ApiError(
          response.status,
          'bad-answer',
          `The server's answer to ${method} ${path} is not what this console expects (${where}); reload the page: the console and the server may be different versions.`,
        );
      }
      return parsed.data;
    },
  };
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = ErrorBodySchema.safeParse(JSON.parse(text));
    if (body.success)
      return new ApiError(response.status, body.data.error.code, body.data.error.message);
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall through to the status line.
  }
  return new ApiError(
    response.status,
    'http',
    `服务器错误 The server answered ${response.status} ${response.statusText}; try again, and if it persists check the server's log.`,
  );
}
