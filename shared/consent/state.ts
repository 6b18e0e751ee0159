// What counts as granted now, and whether the widget must ask (first visit, new policy version,
// expired grants). Pure: the widget passes its stored record and the clock.
import type { ConsentPolicy, PurposeDecision } from '../schema/consent';
import { policyChanges, unchanged } from './diff';

/** What the widget knows about a customer's decisions on this site. */
export interface DecidedState {
  /** The policy version last decided under; null on a first visit. */
  policy: ConsentPolicy | null;
  /** The latest decision per purpose that is in force (confirmed, or a refusal not yet sent). */
  decisions: readonly PurposeDecision[];
}

export type PromptReason = 'first-visit' | 'policy-changed' | 'expired';

export interface Prompt {
  reason: PromptReason;
  /** The optional purposes to decide again; the others keep their decision. */
  purposes: string[];
}

/** Purposes of `policy` whose terms are not the ones decided under (new or changed). */
function changedPurposes(policy: ConsentPolicy, decidedUnder: ConsentPolicy | null): Set<string> {
  if (!decidedUnder) return new Set(policy.purposes.map((p) => p.id));
  if (decidedUnder.version === policy.version) return new Set();
  return new Set(
    policyChanges(decidedUnder, policy)
      .purposes.filter((c) => c.change !== 'removed')
      .map((c) => c.purpose),
  );
}

/**
 * The purposes granted now: every required purpose, and each optional one whose latest decision
 * granted it, has not expired, and was made under the terms now in force.
 *
 * @example
 *   grantedPurposes(policy, { policy, decisions }, new Date()).has('analytics'); // true or false
 */
export function grantedPurposes(
  policy: ConsentPolicy,
  state: DecidedState,
  now: Date,
): Set<string> {
  const stale = changedPurposes(policy, state.policy);
  const granted = new Set<string>();
  for (const p of policy.purposes) {
    if (p.required) {
      granted.add(p.id);
      continue;
    }
    const d = state.decisions.find((x) => x.purpose === p.id);
    if (
      d?.granted &&
      !stale.has(p.id) &&
      d.expiresAt !== null &&
      Date.parse(d.expiresAt) > now.getTime()
    ) {
      granted.add(p.id);
    }
  }
  return granted;
}

/**
 * Whether to ask, why, and about which purposes; null when every decision is current.
 *
 * @example
 *   promptFor(policy, { policy: null, decisions: [] }, now); // { reason: 'first-visit', purposes: [...] }
 */
export function promptFor(policy: ConsentPolicy, state: DecidedState, now: Date): Prompt | null {
  const optional = policy.purposes.filter((p) => !p.required).map((p) => p.id);
  if (!state.policy) return { reason: 'first-visit', purposes: optional };
  if (state.policy.version !== policy.version) {
    const changes = policyChanges(state.policy, policy);
    if (!unchanged(changes)) {
      const stale = changedPurposes(policy, state.policy);
      const undecided = optional.filter(
        (id) => stale.has(id) || !state.decisions.some((d) => d.purpose === id),
      );
      // A policy-wide text change asks about every purpose: the terms they were given under moved.
      return { reason: 'policy-changed', purposes: changes.policyText ? optional : undecided };
    }
  }
  const expired = optional.filter((id) => {
    const d = state.decisions.find((x) => x.purpose === id);
    return d?.granted === true && d.expiresAt !== null && Date.parse(d.expiresAt) <= now.getTime();
  });
  const undecided = optional.filter((id) => !state.decisions.some((d) => d.purpose === id));
  if (expired.length > 0) return { reason: 'expired', purposes: [...expired, ...undecided] };
  if (undecided.length > 0) return { reason: 'policy-changed', purposes: undecided };
  return null;
}
