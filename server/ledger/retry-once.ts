// Appending to the ledger from a service (consent, governance, console), tried a second time
// once. The ledger has one writer; when a command (`npm run consent`, `npm run staff`) wrote to it
// while the server runs, the server's next append fails after the ledger has re-read its tree from
// the file, so the retry succeeds. Keyed appends are idempotent, and a real fault (a full disk)
// fails the retry too. The message logged carries no entry content.

/**
 * Runs `append`, and once more if it throws; `service` and `what` name it in the warning.
 *
 * @example
 *   appendRetryingOnce('governance', 'grant-issued', () => ledger.append('governance', [payload]));
 */
export function appendRetryingOnce<T>(service: string, what: string, append: () => T): T {
  try {
    return append();
  } catch (error) {
    console.warn(
      `[${service}] ledger append of ${what} failed, retrying once:`,
      error instanceof Error ? error.message : 'unknown error',
    );
    return append();
  }
}
