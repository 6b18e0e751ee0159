// Choices under a policy: what starts off (R3), what Global Privacy Control refuses, and the
// per-purpose decisions with their expiry (R4) that a receipt states.
import type {
  Choices,
  ConsentPolicy,
  ConsentPurpose,
  PurposeCategory,
  PurposeDecision,
} from '../schema/consent';

const DAY_MS = 86_400_000;

/** Categories a Global Privacy Control signal refuses (selling and sharing, targeted marketing). */
export const GPC_REFUSES: readonly PurposeCategory[] = ['marketing', 'sharing'];

/**
 * Whether Global Privacy Control refuses this purpose.
 *
 * @example
 *   isGpcRefused({ ...purpose, category: 'marketing' }); // true
 */
export const isGpcRefused = (purpose: ConsentPurpose): boolean =>
  GPC_REFUSES.includes(purpose.category);

/**
 * The purposes the customer decides: every one that is not required.
 *
 * @example
 *   optionalPurposes(policy).map((p) => p.id); // ['analytics', 'marketing', …]
 */
export const optionalPurposes = (policy: ConsentPolicy): ConsentPurpose[] =>
  policy.purposes.filter((p) => !p.required);

/**
 * Every optional purpose off (R3: nothing pre-ticked).
 *
 * @example
 *   initialChoices(policy); // { analytics: false, marketing: false, … }
 */
export function initialChoices(policy: ConsentPolicy): Choices {
  return Object.fromEntries(optionalPurposes(policy).map((p) => [p.id, false]));
}

/**
 * Accept all (or reject all, `granted` false): every optional purpose on, except those GPC refuses
 * when the signal is on.
 *
 * @example
 *   allChoices(policy, true, true); // { analytics: true, marketing: false, … }
 */
export function allChoices(policy: ConsentPolicy, granted: boolean, gpc: boolean): Choices {
  return Object.fromEntries(
    optionalPurposes(policy).map((p) => [p.id, granted && !(gpc && isGpcRefused(p))]),
  );
}

/**
 * Checks choices against the policy: one per optional purpose, none for others, GPC respected.
 * Returns the first problem, naming the choice, or null.
 *
 * @example
 *   choicesProblem(policy, { analytics: true }, false);
 *   // 'choices.marketing is missing: decide every optional purpose (R3: no bundled consent)'
 */
export function choicesProblem(
  policy: ConsentPolicy,
  choices: Choices,
  gpc: boolean,
): string | null {
  for (const id of Object.keys(choices)) {
    const purpose = policy.purposes.find((p) => p.id === id);
    if (!purpose) return `choices.${id}: version ${policy.version} has no purpose "${id}"`;
    if (purpose.required)
      return `choices.${id}: "${id}" is required and is not chosen; leave it out`;
    if (gpc && choices[id] && isGpcRefused(purpose)) {
      return `choices.${id}: the browser sent Global Privacy Control, which refuses "${id}"`;
    }
  }
  // Own keys: a purpose called "constructor" must not count as chosen through Object.prototype.
  const missing = optionalPurposes(policy).find((p) => !Object.hasOwn(choices, p.id));
  return missing
    ? `choices.${missing.id} is missing: decide every optional purpose (R3: no bundled consent)`
    : null;
}

/**
 * The receipt's decisions: required purposes granted, each grant lapsing after its consentDays.
 *
 * @example
 *   decisionsFor(policy, { analytics: true }, new Date('2026-01-01T00:00:00Z'));
 *   // [{ purpose: 'account', granted: true, expiresAt: '2027-01-01T…' }, { purpose: 'analytics', … }]
 */
export function decisionsFor(policy: ConsentPolicy, choices: Choices, at: Date): PurposeDecision[] {
  return policy.purposes.map((p) => {
    const granted = p.required || choices[p.id] === true;
    return {
      purpose: p.id,
      granted,
      expiresAt: granted ? new Date(at.getTime() + p.consentDays * DAY_MS).toISOString() : null,
    };
  });
}
