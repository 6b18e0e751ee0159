// The one way a console action reaches the ledger (issue 7: every console action that changes
// something or takes data out is an entry of kind `console`).
import { ConsoleEntrySchema, type ConsoleEntry } from '../../shared/schema/review';
import type { Ledger } from '../ledger';
import { CONSOLE_KIND } from './config';

/**
 * Appends one console entry to the ledger and returns its index. The entry is parsed first (a
 * payload that fails its schema is a bug here, never something to record). Tried a second time
 * once: the ledger has one writer, and when a command-line tool (`npm run staff`, `npm run
 * consent`) wrote to it while the server runs, the server's next append fails after re-reading
 * the tree, so the retry succeeds; a real fault (a full disk) fails the retry too.
 *
 * @example
 *   record(ledger, { kind: 'signed-in', by: 'li.wei', at: new Date().toISOString() }); // 1234
 */
export function record(ledger: Ledger, entry: ConsoleEntry): number {
  const payload = ConsoleEntrySchema.parse(entry);
  const append = () => ledger.append(CONSOLE_KIND, [payload])[0]!;
  try {
    return append();
  } catch (error) {
    console.warn(
      `[console] ledger append of ${entry.kind} failed, retrying once:`,
      error instanceof Error ? error.message : 'unknown error',
    );
    return append();
  }
}
