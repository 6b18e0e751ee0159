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
