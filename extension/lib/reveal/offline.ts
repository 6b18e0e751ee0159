// The extension's own decision on a reveal by an enrolled staff member (issue 6): the same
// decideGovernedReveal the service runs, on the cached status and the local history. It stops
// a reveal at once (locked, review open, rule fired) and, while the service cannot be reached,
// allows one only for types the policy marks revealable offline.
import { decideGovernedReveal, rolesAt, type GovernedRevealInput } from '../../../shared/access';
import type { Result } from '../../../shared/ledger';
import { revealRight } from '../../../shared/policy';
import type {
  Activity,
  PiiType,
  RevealAccess,
  RevealVerdict,
  StaffPolicy,
  StaffStatus,
} from '../../../shared/schema';
import { unlockedUntil } from '../staff-status/cache';

/** The refusals the extension makes itself, without waiting for the service (R16: stop at once). */
export const STOP_AT_ONCE: ReadonlySet<string> = new Set(['locked', 'review-open', 'rule-fired']);

export interface LocalInput {
  policy: StaffPolicy;
  status: StaffStatus;
  now: number;
  type: PiiType;
  url: string;
  history: readonly Activity[];
  reason?: string | undefined;
}

/**
 * decideGovernedReveal's input from the cached status: grants, this browser's unlock, the open
 * case and the recent approvals.
 *
 * @example
 *   decideGovernedReveal(governedInput({ policy, status, now, type: 'phone', url, history }));
 */
export function governedInput(input: LocalInput): GovernedRevealInput {
  const { status, now } = input;
  return {
    policy: input.policy,
    grants: status.grants,
    now,
    type: input.type,
    url: input.url,
    unlockedUntil: unlockedUntil(status, now),
    openCase: status.openCase,
    cases: status.approvals,
    history: input.history,
    reason: input.reason,
  };
}

/** The local verdict. */
export const localVerdict = (input: LocalInput): Result<RevealVerdict> =>
  decideGovernedReveal(governedInput(input));

/** What the extension may do while the service cannot be reached. */
export type OfflineDecision =
  | { status: 'allowed'; seconds: number; access: RevealAccess }
  | { status: 'reason-required' }
  | { status: 'refused'; why: string };

/**
 * The offline decision: allowed only when the local verdict allows (so the cached unlock is still
 * valid, no case is open, no rule fires) and the right that allows it is marked `offline`.
 * Without a cached status nothing is allowed.
 *
 * @example
 *   decideOffline({ policy, status, now, type: 'phone', url, history }, 'server unreachable');
 *   // { status: 'allowed', seconds: 30, access: 'partial' } when phone is { offline: true }
 */
export function decideOffline(input: LocalInput | null, reason: string): OfflineDecision {
  const unreachable = `无法连接审计服务。${capitalise(reason)}; `;
  if (!input) {
    return {
      status: 'refused',
      why: `${unreachable}this browser has no status from it yet, so nothing can be revealed offline. Try again when the service is back.`,
    };
  }
  const verdict = localVerdict(input);
  if (!verdict.ok) return { status: 'refused', why: `${unreachable}${verdict.error}` };
  if (verdict.value.status === 'refused') return { status: 'refused', why: verdict.value.why };
  const right = revealRight(
    input.policy,
    rolesAt(input.status.grants, input.now),
    input.type,
    input.url,
  );
  if (!right.ok || !right.right.offline) {
    return {
      status: 'refused',
      why: `${unreachable}policy ${input.policy.version} does not allow revealing ${input.type} values while it is unreachable. Try again when the service is back.`,
    };
  }
  return verdict.value;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
