// What changed between the policy version a customer decided under and the current one (R7):
// shown on the "we changed our policy" screen, and it decides which purposes are asked again.
import type { ConsentPolicy, ConsentPurpose } from '../schema/consent';

export type PurposeChange =
  | { purpose: string; change: 'added' }
  | { purpose: string; change: 'removed' }
  | { purpose: string; change: 'changed'; keys: (keyof ConsentPurpose)[] };

export interface PolicyChanges {
  /** The policy-wide texts (summary, rights, controller, full policy link) changed. */
  policyText: boolean;
  purposes: PurposeChange[];
}

/** JSON with keys in a fixed order, so equal data compares equal whatever its key order. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * The changes from `before` to `after`, purposes in `after`'s order, removed ones last.
 *
 * @example
 *   policyChanges(v1, v2);
 *   // { policyText: false, purposes: [{ purpose: 'marketing', change: 'changed', keys: ['thirdParties'] }] }
 */
export function policyChanges(before: ConsentPolicy, after: ConsentPolicy): PolicyChanges {
  const old = new Map(before.purposes.map((p) => [p.id, p]));
  const purposes: PurposeChange[] = [];
  for (const p of after.purposes) {
    const was = old.get(p.id);
    if (!was) {
      purposes.push({ purpose: p.id, change: 'added' });
      continue;
    }
    const keys = (Object.keys(p) as (keyof ConsentPurpose)[]).filter(
      (k) => stable(p[k]) !== stable(was[k]),
    );
    if (keys.length > 0) purposes.push({ purpose: p.id, change: 'changed', keys });
  }
  for (const p of before.purposes) {
    if (!after.purposes.some((q) => q.id === p.id))
      purposes.push({ purpose: p.id, change: 'removed' });
  }
  const policyText = (['controller', 'summary', 'rights', 'fullPolicyUrl'] as const).some(
    (k) => stable(before[k]) !== stable(after[k]),
  );
  return { policyText, purposes };
}

/**
 * True when nothing a customer is shown changed (a re-publish of the same text).
 *
 * @example
 *   unchanged(policyChanges(v1, { ...v1, version: 2 })); // true
 */
export const unchanged = (c: PolicyChanges): boolean => !c.policyText && c.purposes.length === 0;
