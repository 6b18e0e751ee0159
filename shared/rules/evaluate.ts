// All behaviour rules (R16) for one action about to happen: the extension calls this to stop at
// once, the server to decide. Same code, same verdict, given the same history.
import type { Result } from '../ledger/result';
import { err, ok } from '../ledger/result';
import type { Activity, BehaviourRules, RuleFiring, RulesVerdict } from '../schema/rules';
import { checkBulkReveals } from './bulk-reveals';
import { checkDailyLimit } from './daily-limit';
import { isKnownTimeZone } from './local-time';
import { checkWorkingHours } from './working-hours';

/** The largest time a Date can hold: beyond it Intl cannot say what day it is. */
const MAX_TIME_MS = 8.64e15;

/**
 * Which rules fire if `candidate` happens now, given the staff member's `history` (their views and
 * reveals, in any order; only the candidate's day and the last bulk window matter, so a day and a
 * bit is enough). Every rule that fires is listed, in a fixed order: daily limit, working hours,
 * bulk reveals.
 *
 * Errors (as values, never thrown): a time zone the runtime does not know, or a time that is not a
 * whole number of milliseconds a Date can hold. Rules from `BehaviourRulesSchema` and activity from
 * `ActivitySchema` never produce them.
 *
 * @example
 *   const rules = BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai' });
 *   evaluateRules(rules, [], { at: Date.parse('2026-03-06T02:00:00Z'), kind: 'reveal' });
 *   // { ok: true, value: { allowed: true } }   (10:00 on a Friday in Shanghai)
 */
export function evaluateRules(
  rules: BehaviourRules,
  history: readonly Activity[],
  candidate: Activity,
): Result<RulesVerdict> {
  if (!isKnownTimeZone(rules.timeZone)) {
    return err(
      `The rules' time zone "${rules.timeZone}" is unknown to this runtime; use an IANA name such as "Asia/Shanghai".`,
    );
  }
  const bad = badTime(candidate.at, 'candidate.at');
  if (bad) return err(bad);
  for (let i = 0; i < history.length; i += 1) {
    const badEntry = badTime(history[i]!.at, `history[${i}].at`);
    if (badEntry) return err(badEntry);
  }
  const fired = [
    checkDailyLimit(rules, history, candidate),
    checkWorkingHours(rules, candidate.at),
    checkBulkReveals(rules, history, candidate),
  ].filter((firing): firing is RuleFiring => firing !== null);
  return ok(fired.length === 0 ? { allowed: true } : { allowed: false, fired });
}

/** Why `at` cannot be placed on a calendar, or null when it can. */
function badTime(at: number, name: string): string | null {
  if (Number.isInteger(at) && at >= 0 && at <= MAX_TIME_MS) return null;
  return `${name} is ${String(at)}, not a time; pass milliseconds since 1970-01-01T00:00:00Z, e.g. Date.parse(event.at).`;
}
