// What the action badge says about a tab's findings: the total as text, the counts by type as title.
import { PiiTypeSchema, type FindingCounts } from '../../../shared/schema';
import { BADGE_MAX_COUNT } from '../config';

export interface BadgeView {
  /** The badge text: the total, `999+` past the cap, empty when nothing was found. */
  text: string;
  /** The tooltip, e.g. "Custodian: 3 phone, 2 cn_id on this page". */
  title: string;
}

const PII_TYPES = PiiTypeSchema.options;

/** Adds up the counts of several frames, type by type; types with no finding stay absent. */
export function sumCounts(all: Iterable<FindingCounts>): FindingCounts {
  const total: FindingCounts = {};
  for (const counts of all) {
    for (const type of PII_TYPES) {
      const n = counts[type] ?? 0;
      if (n > 0) total[type] = (total[type] ?? 0) + n;
    }
  }
  return total;
}

/**
 * The badge for a tab's counts. Types are listed most frequent first, ties in the order of
 * `PiiTypeSchema`, so the title is stable from one recount to the next.
 *
 * @example
 *   badgeFor({ cn_id: 2, phone: 3 });
 *   // { text: '5', title: 'Custodian: 3 phone, 2 cn_id on this page' }
 */
export function badgeFor(counts: FindingCounts): BadgeView {
  const listed = PII_TYPES.map((type) => ({ type, n: counts[type] ?? 0 }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => b.n - a.n); // Stable sort: ties keep the schema's order.
  const total = listed.reduce((sum, { n }) => sum + n, 0);
  if (total === 0) {
    return { text: '', title: 'Custodian: no customer information found on this page' };
  }
  return {
    text: total > BADGE_MAX_COUNT ? `${BADGE_MAX_COUNT}+` : String(total),
    title: `Custodian: ${listed.map(({ type, n }) => `${n} ${type}`).join(', ')} on this page`,
  };
}
