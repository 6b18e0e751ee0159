// What the console's routes share at the HTTP edge: refusals (values in the services) turned into
// AppErrors, query strings parsed with zod into 400s that name the field, and line-by-line
// downloads streamed a chunk at a time (server/app/stream-lines).
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../app/errors';
export { streamLines } from '../app/stream-lines';
import { issuesText, type Outcome } from '../consent/problems';

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

/** An instant as the console's records write it. */
export const isoAt = (ms: number): string => new Date(ms).toISOString();
