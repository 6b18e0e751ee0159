// The daily limit (R16: "more than 50 customer-information queries in a day"): views and reveals
// on the candidate's calendar day, in the rules' time zone, counting the candidate.
import type { Activity, BehaviourRules, RuleFiring } from '../schema/rules';
import { localTime } from './local-time';
import { REVIEW_NEXT } from './messages';

export type DailyLimitFiring = Extract<RuleFiring, { rule: 'daily-limit' }>;

// No calendar day is longer than 26 hours (25 with daylight saving; the odd historical offset
// change adds less), so anything further away cannot share the candidate's date: skip the Intl call.
const SAME_DAY_REACH_MS = 26 * 3_600_000;

/**
 * Fires when the candidate would be view-or-reveal number `max + 1` (or later) of its local
 * calendar day. History is counted whatever its order and whatever its time within that day: an
 * entry stamped after the candidate (two devices' clocks disagree) still happened that day.
 * History and candidate times must be valid (evaluateRules checks them).
 *
 * @example
 *   checkDailyLimit(rules, fiftyViewsToday, { at: Date.now(), kind: 'reveal' });
 *   // { rule: 'daily-limit', count: 51, max: 50, date: '2026-03-06', timeZone: 'Asia/Shanghai', … }
 */
export function checkDailyLimit(
  rules: BehaviourRules,
  history: readonly Activity[],
  candidate: Activity,
): DailyLimitFiring | null {
  const { timeZone } = rules;
  const { max } = rules.dailyLimit;
  const { date } = localTime(candidate.at, timeZone);
  let count = 1;
  for (const entry of history) {
    if (Math.abs(entry.at - candidate.at) >= SAME_DAY_REACH_MS) continue;
    if (localTime(entry.at, timeZone).date === date) count += 1;
  }
  if (count <= max) return null;
  return {
    rule: 'daily-limit',
    message: `This would be customer-record view or reveal number ${count} today (${date}, ${timeZone} time); the limit is ${max} a day. ${REVIEW_NEXT}`,
    count,
    max,
    date,
    timeZone,
  };
}
