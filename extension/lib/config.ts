// The extension's tunable constants, in one place (see STYLE.md, "Habits"), each with its why.

/**
 * After a DOM change, wait this long before recounting, and fold all changes in the window into
 * one recount: an app rendering a table fires hundreds of mutations within a frame or two, while
 * a quarter second still feels immediate on the badge.
 */
export const RECOUNT_DELAY_MS = 250;

/** The badge has room for about four characters; beyond this total it shows `999+`. */
export const BADGE_MAX_COUNT = 999;

/** Red: the badge says customer information is on screen, which calls for care. */
export const BADGE_COLOR = '#b91c1c';

// ---- Access governance (issue 6) ----------------------------------------------------------------

/** A reveal waits this long for the audit service before the offline rules apply: a person is
 * waiting with the mouse on the value, and four seconds is already a long pause. */
export const REVEAL_TIMEOUT_MS = 4000;

/** Other calls to the audit service (enrol, unlock, status, policy): nobody is blocked meanwhile,
 * so a slow service gets longer than a reveal does. */
export const SERVICE_TIMEOUT_MS = 10_000;

/** The staff status (grants, unlock, review case) is fetched again this often: a revoked grant or
 * a reviewer's decision reaches the browser within five minutes even when nobody clicks. */
export const STATUS_PERIOD_MINUTES = 5;

/** The signed policy is fetched again this often; the status's policyVersion brings a new one
 * sooner, so this only bounds how long a missed change can go unnoticed. */
export const POLICY_PERIOD_MINUTES = 15;

/** A cached status younger than this is trusted to refuse a reveal (open case, rule fired)
 * without asking again; an older one is refreshed first, so a reviewer's approval takes effect
 * on the next click rather than at the next alarm. */
export const STATUS_FRESH_MS = 60_000;

/** The local activity history spans the rules' longest reach: today in the rules' zone (up to
 * 26 h of wall time with daylight saving) plus yesterday's approvals window; 50 hours covers both. */
export const ACTIVITY_KEEP_MS = 50 * 3_600_000;
