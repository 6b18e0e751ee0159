// Behaviour rules after second-level review (R16): a reviewer's approval lets the staff member go
// on, without the same rule firing again at the very next action. An approved daily limit grants
// another day's allowance on that date; approved out-of-hours work covers the rest of that date;
// an approval starts the bulk window afresh. A rejection waives nothing.
import { err, ok, type Result } from '../ledger/result';
import { checkBulkReveals } from '../rules/bulk-reveals';
import { evaluateRules } from '../rules/evaluate';
import { localTime } from '../rules/local-time';
import type { Activity, BehaviourRules, RuleFiring, RulesVerdict } from '../schema/rules';
import type { ReviewCase } from '../schema/staff';

/**
 * `evaluateRules`, with the staff member's approved review cases taken into account. Cases of
 * other statuses are ignored, so callers may pass every recent case.
 *
 * @example
 *   evaluateWithApprovals(rules, fiftyViewsToday, { at: now, kind: 'reveal' }, [approvedToday]);
 *   // { ok: true, value: { allowed: true } }   (the approval allows another 50 today)
 */
export function evaluateWithApprovals(
  rules: BehaviourRules,
  history: readonly Activity[],
  candidate: Activity,
  cases: readonly ReviewCase[],
): Result<RulesVerdict> {
  const approved = cases.filter((c) => c.status === 'approved');
  if (approved.length === 0) return evaluateRules(rules, history, candidate);
  // evaluateRules checks the zone and the times; localTime below needs both valid.
  const plain = evaluateRules(rules, history, candidate);
  if (!plain.ok) return plain;
  const { date } = localTime(candidate.at, rules.timeZone);
  const approvedOn = (rule: RuleFiring['rule']) =>
    approved.filter((c) =>
      c.fired.some((f) => f.rule === rule && (!('date' in f) || f.date === date)),
    ).length;

  const dailyApprovals = approvedOn('daily-limit');
  const widened: BehaviourRules = {
    ...rules,
    dailyLimit: { ...rules.dailyLimit, max: rules.dailyLimit.max * (1 + dailyApprovals) },
  };
  const verdict = dailyApprovals > 0 ? evaluateRules(widened, history, candidate) : plain;
  if (!verdict.ok) return err(verdict.error);
  const lastApproval = Math.max(...approved.map((c) => Date.parse(c.decidedAt ?? c.openedAt)));
  const hoursWaived = approvedOn('working-hours') > 0;
  const fired = verdict.value.allowed ? [] : verdict.value.fired;
  const kept = fired.filter(
    (f) => f.rule === 'daily-limit' || (f.rule === 'working-hours' && !hoursWaived),
  );
  const bulk = checkBulkReveals(
    rules,
    history.filter((a) => a.at > lastApproval),
    candidate,
  );
  if (bulk) kept.push(bulk);
  return ok(kept.length === 0 ? { allowed: true } : { allowed: false, fired: kept });
}
