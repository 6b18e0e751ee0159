// The console session's constants (STYLE.md, "Habits"): the cookie, the CSRF header and how long a
// session lives.

/** The session cookie; its Path is /admin, so no other route of the service ever receives it. */
export const SESSION_COOKIE = 'custodian_console';

/** The cookie's path: the console's pages and its API, nothing else. */
export const SESSION_COOKIE_PATH = '/admin';

/** A session left alone this long ends: a console left open on an unattended desk. */
export const SESSION_IDLE_MS = 30 * 60_000;

/** A session ends this long after sign-in whatever happens: a working day, then a new code. */
export const SESSION_MAX_MS = 12 * 3_600_000;

/** The header every state-changing console request carries: a cross-site form cannot set it. */
export const CSRF_HEADER = 'X-Custodian-Console';

/** Random bytes of a session id: 256 bits, beyond guessing; only their SHA-256 is stored. */
export const SESSION_ID_BYTES = 32;
