// The rules of a consent policy that a JSON Schema cannot state. The zod schema's refinement and
// the widget (for a `data-policy` file no service has checked) both run this one function.
import type { ConsentPolicy } from '../schema/consent';

/**
 * Every cross-field problem of a structurally valid policy, each naming the field and the fix.
 *
 * @example
 *   policyProblems(policy); // [] when the policy is sound
 *   // ['purposes[1].id "ads" appears twice: give each purpose its own id', …]
 */
export function policyProblems(policy: ConsentPolicy): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  policy.purposes.forEach((p, i) => {
    const at = `purposes[${i}]`;
    if (seen.has(p.id))
      problems.push(`${at}.id "${p.id}" appears twice: give each purpose its own id`);
    seen.add(p.id);
    if (p.required !== (p.category === 'necessary')) {
      problems.push(
        `${at}: a purpose is required exactly when its category is "necessary" (R3: nothing optional may be forced on)`,
      );
    }
    if (p.required && p.sensitive) {
      problems.push(
        `${at}: a sensitive purpose cannot be required; R4 asks for its own explicit consent`,
      );
    }
    if (p.category === 'sharing' && p.thirdParties.length === 0) {
      problems.push(`${at}: a sharing purpose must name its third parties (R8)`);
    }
  });
  if (!policy.purposes.some((p) => !p.required)) {
    problems.push(
      'purposes: there is no optional purpose to ask about; add one or drop the widget',
    );
  }
  if (new Set(policy.verification.channels).size !== policy.verification.channels.length) {
    problems.push('verification.channels lists a channel twice');
  }
  for (const [signal, ids] of Object.entries(policy.googleConsentMode ?? {})) {
    for (const id of ids) {
      const purpose = policy.purposes.find((p) => p.id === id);
      if (!purpose) problems.push(`googleConsentMode.${signal} names "${id}", which is no purpose`);
      else if (purpose.required)
        problems.push(
          `googleConsentMode.${signal} names "${id}", a required purpose; name optional ones`,
        );
    }
  }
  return problems;
}
