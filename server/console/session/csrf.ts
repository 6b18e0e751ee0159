// CSRF defence of the console API: a state-changing request must carry `X-Custodian-Console: 1`.
// A cross-site form or image cannot set a custom header, and a cross-site fetch that sets one
// needs a CORS preflight this service never grants; SameSite=Strict on the cookie is the second
// wall.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../app/errors';
import { CSRF_HEADER } from './config';

/** Methods that change nothing: everything else needs the header. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403 `csrf`) a POST, PUT or DELETE without the header, sign-in included.
 *
 * @example
 *   api.use('*', csrfGuard);
 *   // fetch('/admin/api/session', { method: 'POST', headers: { 'X-Custodian-Console': '1' }, … })
 */
export const csrfGuard: MiddlewareHandler = async (c, next) => {
  if (!SAFE.has(c.req.method) && c.req.header(CSRF_HEADER) !== '1') {
    throw new AppError(
      403,
      'csrf',
      `A console request that changes something must carry the header "${CSRF_HEADER}: 1" (the console's pages send it). Use the console at /admin rather than a form or a link.`,
    );
  }
  await next();
};
