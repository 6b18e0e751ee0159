// The one way a console action reaches the ledger (issue 7: every console action that changes
// something or takes data out is an entry of kind `console`).
import { ConsoleEntrySchema, type ConsoleEntry } from '../../shared/schema/review';
import { appendRetryingOnce, type Ledger } from '../ledger';
import { CONSOLE_KIND } from './config';

/**
 * Appends one console entry to the ledger and returns its index. The entry is parsed first (a
 * payload that fails its schema is a bug here, never something to record), retried once when a
 * command-line tool wrote to the ledger meanwhile (see appendRetryingOnce).
 *
 * @example
 *   record(ledger, { kind: 'signed-in', by: 'li.wei', at: new Date().toISOString() }); // 1234
 */
export function record(ledger: Ledger, entry: ConsoleEntry): number {
  const payload = ConsoleEntrySchema.parse(entry);
  return appendRetryingOnce(
    'console',
    entry.kind,
    () => ledger.append(CONSOLE_KIND, [payload])[0]!,
  );
}
