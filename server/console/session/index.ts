// The review console's sessions (issue 7): sign-in with password and authenticator code, the
// session cookie, the CSRF header check, and the middleware that puts the signed-in operator on
// every console request.
export {
  CSRF_HEADER,
  SESSION_COOKIE,
  SESSION_COOKIE_PATH,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
} from './config';
export { csrfGuard } from './csrf';
export { requireSession, type SessionEnv } from './middleware';
export { sessionRoutes, signInRoutes, type SessionDeps } from './routes';
export {
  endSession,
  resumeSession,
  sessionView,
  startSession,
  type ActiveSession,
  type SessionStore,
} from './sessions';
