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

/**
 * Purposes of `policy` whose terms are not the ones decided under: new or changed ones, and all of
 * them when the policy-wide text (controller, summary, rights, full policy) changed.
 */
function changedPurposes(policy: ConsentPolicy, decidedUnder: ConsentPolicy | null): Set<string> {
  const all = new Set(policy.purposes.map((p) => p.id));
  if (!decidedUnder) return all;
  if (decidedUnder.version === policy.version) return new Set();
  const changes = policyChanges(decidedUnder, policy);
  if (changes.policyText) return all;
  return new Set(changes.purposes.filter((c) => c.change !== 'removed').map((c) => c.purpose));
}

/** A grant whose time is up: `expiresAt` itself is already too late. */
const isExpired = (d: PurposeDecision | undefined, now: Date): boolean =>
  d?.granted === true && d.expiresAt !== null && Date.parse(d.expiresAt) <= now.getTime();

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
    // `>` and not `!isExpired`: an unreadable expiry (NaN) must not count as granted.
    const current =
      d?.granted === true && d.expiresAt !== null && Date.parse(d.expiresAt) > now.getTime();
    if (current && !stale.has(p.id)) {
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
  const latest = (id: string) => state.decisions.find((d) => d.purpose === id);
  const expired = (id: string) => isExpired(latest(id), now);
  const undecided = (id: string) => latest(id) === undefined;
  if (state.policy.version !== policy.version && !unchanged(policyChanges(state.policy, policy))) {
    // Expired grants are asked too: the answer renews every purpose's decision at once.
    const stale = changedPurposes(policy, state.policy);
    const ask = optional.filter((id) => stale.has(id) || undecided(id) || expired(id));
    return { reason: 'policy-changed', purposes: ask };
  }
  if (optional.some(expired)) {
    return { reason: 'expired', purposes: optional.filter((id) => expired(id) || undecided(id)) };
  }
  const missing = optional.filter(undecided);
  return missing.length > 0 ? { reason: 'policy-changed', purposes: missing } : null;
}
