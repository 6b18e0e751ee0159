// Bulk reveals: more than `max` reveals within `seconds` looks like copying a list, not serving one
// customer (issue 6: "many within a minute").
import type { Activity, BehaviourRules, RuleFiring } from '../schema/rules';
import { REVIEW_NEXT } from './messages';

export type BulkRevealsFiring = Extract<RuleFiring, { rule: 'bulk-reveals' }>;

/**
 * Fires when a candidate reveal would make more than `max` reveals within the last `seconds`,
 * counting it: reveals stamped after `candidate.at - seconds`, exclusive, so one exactly
 * `seconds` earlier has left the window. Views never count, and a view is never stopped by this
 * rule. An entry stamped after the candidate (two devices' clocks disagree) counts: the rule errs
 * on the side of a review.
 *
 * @example
 *   checkBulkReveals(rules, tenRevealsInTheLastMinute, { at: Date.now(), kind: 'reveal' });
 *   // { rule: 'bulk-reveals', count: 11, max: 10, seconds: 60, … }
 */
export function checkBulkReveals(
  rules: BehaviourRules,
  history: readonly Activity[],
  candidate: Activity,
): BulkRevealsFiring | null {
  if (candidate.kind !== 'reveal') return null;
  const { max, seconds } = rules.bulkReveals;
  const since = candidate.at - seconds * 1000;
  let count = 1;
  for (const entry of history) if (entry.kind === 'reveal' && entry.at > since) count += 1;
  if (count <= max) return null;
  return {
    rule: 'bulk-reveals',
    message: `This would be reveal number ${count} within ${seconds} seconds; at most ${max} are allowed in that time. ${REVIEW_NEXT}`,
    count,
    max,
    seconds,
  };
}
