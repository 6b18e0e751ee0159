// Sign-in, the current session and sign-out of the review console (issue 7, R13 for reviewers):
// name, password and an authenticator code open a session held in an HttpOnly, SameSite=Strict
// cookie; every sign-in and every failed one is a ledger entry (kind `console`), the failures of
// a flood counted in fewer entries (failure-budget.ts).
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ConsoleEntry, ConsoleSession } from '../../../shared/schema/review';
import { readJson } from '../../app/errors';
import { unwrap } from '../../app/staff-routes';
import type { Ledger } from '../../ledger';
import type { GovernanceService } from '../../staff';
import { record } from '../record';
import { SESSION_COOKIE, SESSION_COOKIE_PATH, SESSION_MAX_MS } from './config';
import { failureBudget } from './failure-budget';
import type { SessionEnv } from './middleware';
import { endSession, sessionView, startSession } from './sessions';

export interface SessionDeps {
  governance: Pick<GovernanceService, 'signIn' | 'consoleSessions' | 'now'>;
  ledger: Ledger;
}

const isoAt = (ms: number): string => new Date(ms).toISOString();

/** Secure when the request came over https: a plain-http loopback console still works. */
const secure = (c: Context): boolean => new URL(c.req.url).protocol === 'https:';

/**
 * Sign-in and sign-out, relative to /admin/api; mount before the session middleware (they work
 * without a session).
 * - `POST /session` SignInBody → 200 ConsoleSession and the cookie; 400 `bad_request`; 401
 *   `sign-in-failed` (one message whatever was wrong); 429 `sign-in-locked` with Retry-After
 *   after 5 failures for the name within 15 minutes
 * - `DELETE /session` → 204, the session ended and the cookie cleared (also when none was open)
 *
 * @example
 *   await app.request('/admin/api/session', {
 *     method: 'POST',
 *     headers: { 'content-type': 'application/json', 'x-custodian-console': '1' },
 *     body: JSON.stringify({ name: 'li.wei', password: '…', code: '287082' }),
 *   }); // 200 { name: 'li.wei', role: 'admin', expiresAt: '…' }, Set-Cookie: custodian_console=…
 */
export function signInRoutes(deps: SessionDeps): Hono<SessionEnv> {
  const { governance, ledger } = deps;
  const app = new Hono<SessionEnv>();
  const budget = failureBudget();
  let flushing: ReturnType<typeof setTimeout> | undefined;
  const write = (entries: readonly ConsoleEntry[]) => {
    for (const entry of entries) record(ledger, entry);
  };
  /** Records what was counted when the window ends, if no failure comes after it to do so. */
  const flushLater = () => {
    const until = budget.pendingUntil();
    if (until === null || flushing) return;
    flushing = setTimeout(
      () => {
        flushing = undefined;
        write(budget.flush(governance.now()));
      },
      Math.max(0, until - governance.now()),
    );
    flushing.unref();
  };

  app.post('/session', async (c) => {
    const { outcome, failedName } = await governance.signIn(await readJson(c));
    if (failedName !== null) {
      write(budget.failed(failedName, governance.now()));
      flushLater();
    }
    const operator = unwrap(c, outcome);
    record(ledger, { kind: 'signed-in', by: operator.name, at: isoAt(governance.now()) });
    const { id, session } = startSession(governance, operator);
    setCookie(c, SESSION_COOKIE, id, {
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      maxAge: SESSION_MAX_MS / 1000,
    });
    c.header('Cache-Control', 'no-store');
    return c.json<ConsoleSession>(sessionView(session));
  });

  app.delete('/session', (c) => {
    endSession(governance, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: SESSION_COOKIE_PATH, secure: secure(c) });
    return c.body(null, 204);
  });

  return app;
}

/**
 * `GET /session` → ConsoleSession (who is signed in, until when unless used again); mount after
 * the session middleware.
 *
 * @example
 *   await app.request('/admin/api/session', { headers: { cookie } }); // { name, role, expiresAt }
 */
export function sessionRoutes(): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/session', (c) =>
    c.json<ConsoleSession>(
      sessionView({ operator: c.var.operator, expiresAt: c.var.sessionExpiresAt }),
    ),
  );
  return app;
}
