// Console sessions (issue 7): a random id in the browser's cookie, its SHA-256 in governance.db
// with the operator, when it began and when it was last used.
//
// - A session ends SESSION_IDLE_MS after its last request or SESSION_MAX_MS after sign-in,
//   whichever comes first; an ended session is deleted when next presented.
// - The operator's role is read with the session on every request: a role changed by the command
//   line applies at once, and a new password or authenticator ends the operator's sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { ConsoleSession } from '../../../shared/schema/review';
import type { GovernanceService } from '../../staff';
import type { ConsoleOperator } from '../roles';
import { SESSION_ID_BYTES, SESSION_IDLE_MS, SESSION_MAX_MS } from './config';

/** What a session needs of the governance service: its store of sessions and its clock. */
export type SessionStore = Pick<GovernanceService, 'consoleSessions' | 'now'>;

/** A session in force: who, and until when unless used again. */
export interface ActiveSession {
  operator: ConsoleOperator;
  expiresAt: number;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const idHash = (id: string): string => createHash('sha256').update(id).digest('hex');

const expiry = (createdAt: number, lastSeenAt: number): number =>
  Math.min(lastSeenAt + SESSION_IDLE_MS, createdAt + SESSION_MAX_MS);

/** The answer of `GET /admin/api/session` and of sign-in. */
export const sessionView = (session: ActiveSession): ConsoleSession => ({
  ...session.operator,
  expiresAt: new Date(session.expiresAt).toISOString(),
});

/**
 * Starts a session for an operator who has just signed in; the id goes into the cookie, never
 * anywhere else. Ended sessions of anyone are purged on the way.
 *
 * @example
 *   const { id, session } = startSession(governance, { name: 'li.wei', role: 'admin' });
 */
export function startSession(
  store: SessionStore,
  operator: ConsoleOperator,
): { id: string; session: ActiveSession } {
  const now = store.now();
  store.consoleSessions.purge(now - SESSION_MAX_MS, now - SESSION_IDLE_MS);
  const id = randomBytes(SESSION_ID_BYTES).toString('base64url');
  store.consoleSessions.insert(idHash(id), operator.name);
  return { id, session: { operator, expiresAt: expiry(now, now) } };
}

/**
 * The session a cookie value names, if it is in force, marked as used now; undefined otherwise.
 *
 * @example
 *   resumeSession(governance, getCookie(c, SESSION_COOKIE)); // { operator, expiresAt } | undefined
 */
export function resumeSession(
  store: SessionStore,
  id: string | undefined,
): ActiveSession | undefined {
  if (id === undefined || !SESSION_ID.test(id)) return undefined;
  const hash = idHash(id);
  const row = store.consoleSessions.find(hash);
  if (!row) return undefined;
  const now = store.now();
  if (now >= expiry(row.createdAt, row.lastSeenAt)) {
    store.consoleSessions.remove(hash);
    return undefined;
  }
  store.consoleSessions.touch(hash);
  return { operator: { name: row.name, role: row.role }, expiresAt: expiry(row.createdAt, now) };
}

/**
 * Ends the session a cookie value names (sign-out); nothing happens for an unknown one.
 *
 * @example
 *   endSession(governance, getCookie(c, SESSION_COOKIE));
 */
export function endSession(store: SessionStore, id: string | undefined): void {
  if (id !== undefined && SESSION_ID.test(id)) store.consoleSessions.remove(idHash(id));
}
