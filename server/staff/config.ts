// The governance service's tunable constants, in one place (STYLE.md, "Habits"): file names,
// lifetimes of enrollment codes, the TOTP attempt limit, and how far back the rules look.

/** The governance store's SQLite file in the data directory. */
export const GOVERNANCE_DB_FILE = 'governance.db';

/** The secret that seals TOTP secrets at rest (R20), beside the database. */
export const GOVERNANCE_KEY_FILE = 'governance-key';

/** The ledger kind of every governance entry (payload: GovernanceEntry). */
export const GOVERNANCE_KIND = 'governance';

/** The operator named in the ledger for what `npm run staff` does (a shell on the server). */
export const CLI_OPERATOR = 'cli';

/** An enrollment code works for 7 days: time to reach a staff member on leave, short enough that a
 * code lost in a chat is stale before anyone finds it. */
export const ENROLLMENT_TTL_MS = 7 * 86_400_000;

/** Wrong TOTP codes allowed per staff member within TOTP_LOCK_WINDOW_MS: 5 guesses in 10^6 (×3
 * steps of skew) is a 1-in-67,000 chance per window, and a person's typos fit comfortably. */
export const MAX_WRONG_TOTP = 5;
export const TOTP_LOCK_WINDOW_MS = 15 * 60_000;

/** The rules' history: the candidate's calendar day (≤ 26 h) and the bulk window fit in 50 hours,
 * with room for a device whose clock is a day off. */
export const HISTORY_MS = 50 * 3_600_000;

/** Activity and reveal verdicts are kept 8 days, then purged: the rules look back HISTORY_MS, an
 * offline backlog of a week still finds its own day's history, and a resend comes within minutes. */
export const ACTIVITY_KEEP_MS = 8 * 86_400_000;

/** How often the purge runs, at most: it is a cheap indexed delete, but not worth every request. */
export const PURGE_EVERY_MS = 3_600_000;

/** Approvals the status lists, for the extension's own rule check: the contract's "48 hours". */
export const APPROVALS_MS = 48 * 3_600_000;

/** Review cases one list answers at most, newest first: older ones stay in the store and the ledger. */
export const MAX_CASES_LISTED = 500;

/** Largest request body of the governance routes: a staff policy with many sites fits in 256 KiB. */
export const MAX_GOVERNANCE_BODY_BYTES = 256 * 1024;

/** The demo CRM's staff policy, relative to the checkout (npm scripts run from there): start-up
 * suggests publishing it while none is. */
export const DEMO_STAFF_POLICY_FILE = 'test/fixtures/staff/crm-policy.json';

/** Failed console sign-ins allowed per operator name within SIGN_IN_LOCK_WINDOW_MS (issue 7): a
 * password and a TOTP code both have to be guessed, and 5 covers an operator's typos. */
export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_LOCK_WINDOW_MS = 15 * 60_000;
