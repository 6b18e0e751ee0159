// The scanner's closing line on stderr: how many findings of which type, in how many inputs.
import type { PiiType } from '../../shared/pii';

/**
 * @example summarize(new Map([['phone', 2], ['email', 1]]), 1)
 *   // 'custodian scan: 3 findings in 1 input (phone 2, email 1)'
 */
export function summarize(counts: ReadonlyMap<PiiType, number>, inputs: number): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const where = `${inputs} input${inputs === 1 ? '' : 's'}`;
  if (total === 0) return `custodian scan: no PII found in ${where}`;
  const byType = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return `custodian scan: ${total} finding${total === 1 ? '' : 's'} in ${where} (${byType})`;
}
