// The steps between "the customer chose" and "the decision is recorded": which sensitive purposes
// need their own explicit confirmation (R4) and whether a one-time code must prove it (R5).
import type { Prompt } from '../../shared/consent/state';
import type { Choices, ConsentPolicy } from '../../shared/schema/consent';

/**
 * The sensitive purposes this decision newly grants, in policy order: each is asked on its own
 * screen. One already granted (and not expired) was confirmed then and is not asked again.
 */
export const sensitiveToConfirm = (
  policy: ConsentPolicy,
  choices: Choices,
  granted: ReadonlySet<string>,
): string[] =>
  policy.purposes
    .filter((p) => p.sensitive && choices[p.id] === true && !granted.has(p.id))
    .map((p) => p.id);

/**
 * Whether to prove the decision with a one-time code first (R5): the policy verifies `always`, or
 * `sensitive` and the decision newly grants a sensitive purpose. Only the service can verify, so
 * never in local mode. (Should the service also want a code for a decision that merely keeps an
 * earlier sensitive grant, it answers `verification-required` and the widget verifies then.)
 */
export function needsVerification(
  policy: ConsentPolicy,
  choices: Choices,
  granted: ReadonlySet<string>,
  service: boolean,
): boolean {
  const { when } = policy.verification;
  return (
    service &&
    (when === 'always' ||
      (when === 'sensitive' && sensitiveToConfirm(policy, choices, granted).length > 0))
  );
}

/** `choices` with the sensitive purposes it newly grants off: what a cancelled verification leaves. */
export const withoutNewSensitive = (
  policy: ConsentPolicy,
  choices: Choices,
  granted: ReadonlySet<string>,
): Choices => {
  const drop = sensitiveToConfirm(policy, choices, granted);
  return Object.fromEntries(
    Object.entries(choices).map(([id, on]) => [id, on && !drop.includes(id)]),
  );
};

/** The optional purposes' choices as they stand: granted ones on, the rest off. */
export const currentChoices = (policy: ConsentPolicy, granted: ReadonlySet<string>): Choices =>
  Object.fromEntries(
    policy.purposes.filter((p) => !p.required).map((p) => [p.id, granted.has(p.id)]),
  );

/**
 * Identifies what the notice asks: the prompt and the policy version decided under (which picks
 * between the notice and "what changed"); '' when nothing is to be asked.
 */
export const promptKey = (prompt: Prompt | null, under: ConsentPolicy | null): string =>
  prompt ? [prompt.reason, under?.version, ...prompt.purposes].join() : '';

/**
 * What to do with the notice once the prompt may have changed under it (setSubject brought the
 * subject's receipts, a grant expired): 'close' it when nothing is left to ask, 'show' it anew
 * for what is asked now, or nothing. Only the notice, or no screen, gives way: a screen the
 * customer opened or reached by deciding (privacy center, sensitive, verify) stays.
 */
export function noticeUpdate(
  asked: string | undefined,
  key: string,
  screen: string | undefined,
): 'show' | 'close' | null {
  if (key === asked) return null;
  const notice = screen === 'choices' || screen === 'changes';
  if (!key) return notice ? 'close' : null;
  return notice || !screen ? 'show' : null;
}
