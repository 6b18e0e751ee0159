// The decision on a reveal by an enrolled staff member (R12, R13, R14, R16): the server makes it
// for every reveal; the extension makes the same one from its cache to stop at once, and offline.
import { err, ok, type Result } from '../ledger/result';
import { revealRight } from '../policy/reveal-right';
import type { PiiType } from '../schema/pii';
import type { StaffPolicy } from '../schema/policy';
import type { Activity } from '../schema/rules';
import type { Grant, ReviewCase, RevealVerdict } from '../schema/staff';
import { evaluateWithApprovals } from './approvals';
import { rolesAt } from './grants';

/** Everything the decision depends on; times in ms since the epoch. */
export interface GovernedRevealInput {
  policy: StaffPolicy;
  /** The staff member's grants, in force or not (expired and revoked ones are skipped). */
  grants: readonly Grant[];
  now: number;
  type: PiiType;
  /** The page: origin and path. */
  url: string;
  /** End of the current unlock, or null when locked. */
  unlockedUntil: number | null;
  /** The review case blocking reveals, if one is open. */
  openCase: ReviewCase | null;
  /** Recent review cases (approved ones widen the rules; see evaluateWithApprovals). */
  cases: readonly ReviewCase[];
  /** The staff member's views and reveals of the last two days, from every device. */
  history: readonly Activity[];
  /** The reason the staff member gave, if any. */
  reason?: string | undefined;
}

/**
 * Checks, in order: a role in force gives the right for this type and page; the session is
 * unlocked; no review case is open; no behaviour rule fires; a reason is given if needed. The
 * first that fails is the answer. A `rule-fired` refusal lists what fired: the server opens the
 * review case, the extension stops. Errors (as values) only for an unknown time zone.
 *
 * @example
 *   decideGovernedReveal({ policy, grants, now: Date.now(), type: 'phone',
 *     url: 'https://crm.example.com/c/18', unlockedUntil, openCase: null, cases: [], history: [] });
 *   // { ok: true, value: { status: 'allowed', seconds: 30, access: 'full' } }
 */
export function decideGovernedReveal(input: GovernedRevealInput): Result<RevealVerdict> {
  const { policy, now } = input;
  const right = revealRight(policy, rolesAt(input.grants, now), input.type, input.url);
  if (!right.ok) return ok({ status: 'refused', ...right.refusal });
  if (input.unlockedUntil === null || now >= input.unlockedUntil) {
    return ok({
      status: 'refused',
      code: 'locked',
      why: 'Reveals are locked. Unlock them for today with the 6-digit code from your authenticator app (extension options, or the popup).',
    });
  }
  if (input.openCase) {
    return ok({
      status: 'refused',
      code: 'review-open',
      why: `Reveals are paused while a reviewer looks at your activity (case opened ${input.openCase.openedAt}). You will be able to reveal again once it is decided.`,
      case: input.openCase,
    });
  }
  const verdict = evaluateWithApprovals(
    policy.rules,
    input.history,
    { at: now, kind: 'reveal' },
    input.cases,
  );
  if (!verdict.ok) return err(verdict.error);
  if (!verdict.value.allowed) {
    return ok({
      status: 'refused',
      code: 'rule-fired',
      why: verdict.value.fired.map((f) => f.message).join(' '),
      fired: verdict.value.fired,
    });
  }
  if (right.right.reasonRequired && !input.reason) return ok({ status: 'reason-required' });
  return ok({ status: 'allowed', seconds: policy.revealSeconds, access: right.right.access });
}
