// The console API's gate: every route but sign-in and sign-out needs a session in force, and finds
// the signed-in operator in the `operator` variable (roles.ts) for requireRole and the ledger's `by`.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../app/errors';
import type { ConsoleEnv } from '../roles';
import { SESSION_COOKIE } from './config';
import { resumeSession, type SessionStore } from './sessions';

/** The console routes' environment with the session's expiry, for `GET /admin/api/session`. */
export interface SessionEnv {
  Variables: ConsoleEnv['Variables'] & { sessionExpiresAt: number };
}

/**
 * Sets `operator` from the session cookie, or refuses with 401 `signed-out`.
 *
 * @example
 *   api.use('*', requireSession(governance));
 *   api.get('/reviews', (c) => c.json({ by: c.var.operator.name }));
 */
export function requireSession(store: SessionStore): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const session = resumeSession(store, getCookie(c, SESSION_COOKIE));
    if (!session) {
      throw new AppError(
        401,
        'signed-out',
        'You are not signed in, or your session ended (30 minutes without use, or 12 hours after sign-in). Sign in again at /admin.',
      );
    }
    c.set('operator', session.operator);
    c.set('sessionExpiresAt', session.expiresAt);
    await next();
  };
}
