// Counts the PII findings a page shows, per type, by running the detection engine on its text.
import { scan as engineScan } from '../../../shared/pii';
import type { Finding, FindingCounts } from '../../../shared/schema';
import { textNodesUnder } from './text-nodes';

/** The engine's signature; a parameter so tests can count with a stub. */
export type Scan = (text: string) => Finding[];

/**
 * Scans every text node under `root` and counts the findings by type. A type with no finding is
 * absent from the result. Only counts leave this function: never a value or its position.
 *
 * @example
 *   countFindings(document); // { phone: 6, cn_id: 5, email: 5, bank_card: 5 }
 */
export function countFindings(root: Node, scan: Scan = engineScan): FindingCounts {
  const counts: FindingCounts = {};
  for (const node of textNodesUnder(root)) {
    for (const finding of scan(node.data)) {
      counts[finding.type] = (counts[finding.type] ?? 0) + 1;
    }
  }
  return counts;
}

/** A canonical form of counts: types sorted, zero counts dropped. */
const canonical = (counts: FindingCounts): string =>
  Object.entries(counts)
    .filter(([, n]) => n !== undefined && n > 0)
    .map(([type, n]) => `${type}:${n}`)
    .sort()
    .join(',');

/** True when both hold the same count for every type (a missing type counts as 0). */
export function sameCounts(a: FindingCounts, b: FindingCounts): boolean {
  return canonical(a) === canonical(b);
}
