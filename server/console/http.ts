// What the console's routes share at the HTTP edge: refusals (values in the services) turned into
// AppErrors, query strings parsed with zod into 400s that name the field, and line-by-line
// downloads streamed a chunk at a time.
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../app/errors';
import { issuesText, type Outcome } from '../consent/problems';
import { DOWNLOAD_LINES_PER_CHUNK } from './config';

/** The value of an outcome, or the AppError its refusal becomes (status, code and message kept). */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new AppError(outcome.status, outcome.code, outcome.message);
}

/**
 * The query string parsed by `schema`, or a 400 `bad_query` naming the bad parameters and showing
 * a good request.
 *
 * @example
 *   const { limit, offset } = parseQuery(c, PageQuerySchema, '/admin/api/incidents?limit=50&offset=0');
 */
export function parseQuery<S extends z.ZodType>(
  c: Context,
  schema: S,
  example: string,
): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  throw new AppError(
    400,
    'bad_query',
    `The query is not valid (${issuesText(parsed.error.issues)}). Example: ${example}`,
  );
}

/**
 * A byte stream of `lines`, pulled a chunk at a time: a download of any length holds neither the
 * whole text in memory nor a database statement open between chunks it has not been asked for.
 *
 * @example
 *   return c.body(streamLines(ledger.exportRange(0, 10).value), 200, { 'content-type': '…' });
 */
export function streamLines(lines: Iterable<string>): ReadableStream<Uint8Array> {
  const it = lines[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = '';
      for (let i = 0; i < DOWNLOAD_LINES_PER_CHUNK; i++) {
        const next = it.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      // The client went away: let the generator release its statement.
      it.return?.();
    },
  });
}

/** An instant as the console's records write it. */
export const isoAt = (ms: number): string => new Date(ms).toISOString();
