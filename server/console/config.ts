// The review console's constants (STYLE.md, "Habits"): its file, its ledger kind, and the limits
// that keep every answer a page rather than a table.

/** The console's own SQLite file in the data directory: spot checks, incidents, the last verify. */
export const CONSOLE_DB_FILE = 'console.db';

/** The ledger kind of every console action (ConsoleEntry). */
export const CONSOLE_KIND = 'console';

/** How far ahead of the server's clock `discoveredAt` may be: clocks of laptops drift a little. */
export const DISCOVERY_CLOCK_SKEW_MS = 5 * 60_000;

/** Verify runs kept in console.db: enough history to see when the ledger last checked out. */
export const VERIFY_RUNS_KEPT = 100;
