// Every entry of a ledger, parsed, read back through its export: what tests and tools use to see
// what was recorded, without reaching into the database.
import { LedgerEntrySchema, type LedgerEntry } from '../../shared/ledger';
import { ExportLineSchema } from '../../shared/schema';
import type { Ledger } from './index';

/**
 * The entries [0, size), oldest first.
 *
 * @example
 *   ledgerEntries(ledger).filter((e) => e.kind === 'consent-decision');
 */
export function ledgerEntries(ledger: Ledger): LedgerEntry[] {
  const lines = ledger.exportRange(0, ledger.size());
  if (!lines.ok) throw new Error(lines.error);
  return [...lines.value]
    .map((line) => ExportLineSchema.parse(JSON.parse(line)))
    .flatMap((line) =>
      line.type === 'entry' ? [LedgerEntrySchema.parse(JSON.parse(line.canonical))] : [],
    );
}
