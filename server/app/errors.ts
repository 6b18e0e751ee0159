// The server's errors: one error type with a status, a stable code and a message that says how to
// fix it, and the single place (`onError`/`notFound`) that turns any error into a JSON response.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * An error meant for the client. Rules for the message:
 * - it says what was wrong and how to fix it;
 * - it never contains a customer value (nor the request path or body, which may hold one).
 */
export class AppError extends HTTPException {
  readonly code: string;

  constructor(status: ContentfulStatusCode, code: string, message: string, cause?: unknown) {
    super(status, { message, cause });
    this.name = 'AppError';
    this.code = code;
  }
}

/** The routes a lost client is pointed to. Keep in step with `createApp`. */
const KNOWN_ROUTES = [
  'GET /healthz',
  'GET /openapi.json',
  'GET /demo/',
  'POST /v1/events',
  'GET /v1/ledger/checkpoint',
  'GET /v1/ledger/proof/inclusion?index=&size=',
  'GET /v1/ledger/proof/consistency?from=&to=',
  'GET /v1/ledger/verify',
  'GET /v1/ledger/export?from=&to=',
  'GET /v1/consent/sites/:site/policy',
  'POST /v1/consent/sites/:site/decisions',
  'GET /v1/consent/sites/:site/subjects/:subjectId',
  'POST /v1/consent/sites/:site/subjects/:subjectId/requests',
  'POST /v1/consent/sites/:site/verifications',
  'POST /v1/consent/sites/:site/verifications/:id/confirm',
  'POST /v1/enroll',
  'GET /v1/staff/status',
  'GET /v1/staff/policy',
  'POST /v1/staff/totp/confirm',
  'POST /v1/staff/unlock',
  'POST /v1/staff/reveals',
  '/v1/admin/staff, /v1/admin/staff/:staffId/totp/reset, /v1/admin/grants, /v1/admin/policy, /v1/admin/reviews (operator token; see /openapi.json)',
  'GET /admin (the review console; its API is /admin/api/*)',
  'GET /widget/custodian-consent.js',
  'GET /widget/custodian-consent.mjs',
  'GET /dev/outbox (development)',
].join(', ');

const errorResponse = (c: Context, status: ContentfulStatusCode, code: string, message: string) =>
  c.json<ErrorBody>({ error: { code, message } }, status);

/**
 * Parses the request body as JSON; a body that does not parse becomes a 400 `malformed_json`.
 *
 * @example
 *   app.post('/events', async (c) => { const body = await readJson(c); ... });
 */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json<unknown>();
  } catch (cause) {
    throw new AppError(
      400,
      'malformed_json',
      'The request body is not valid JSON. Send a JSON document with the header ' +
        'Content-Type: application/json (check it with e.g. `jq . body.json`).',
      cause,
    );
  }
}

/** The one error handler: AppError and Hono's HTTPException keep their status; the rest is a 500. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof AppError) {
    return errorResponse(c, err.status, err.code, err.message);
  }
  if (err instanceof HTTPException) {
    // Raised by Hono itself, e.g. its validators: "Malformed JSON in request body".
    const malformed = /malformed json/i.test(err.message);
    return errorResponse(
      c,
      malformed ? 400 : err.status,
      malformed ? 'malformed_json' : `http_${err.status}`,
      malformed
        ? 'The request body is not valid JSON. Send a JSON document with Content-Type: application/json.'
        : err.message || 'The request was refused; check the method, headers and body.',
    );
  }
  // Unexpected: log the stack for the operator (our own errors never carry customer values),
  // and tell the client nothing about internals.
  console.error('[server] unhandled error', err);
  return errorResponse(
    c,
    500,
    'internal',
    'The server failed on this request. Retry; if it keeps failing, see the server log for the error.',
  );
};

/** Unknown route: a JSON 404 that lists the routes, without echoing the path (it may hold a value). */
export const notFound: NotFoundHandler = (c) =>
  errorResponse(
    c,
    404,
    'not_found',
    `No ${c.req.method} route at this path. The routes are: ${KNOWN_ROUTES}.`,
  );
