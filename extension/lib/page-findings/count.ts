// Compares a frame's finding counts, so an unchanged recount is not reported again.
import type { FindingCounts } from '../../../shared/schema';

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
