// The exact text a customer is shown for one policy version in one language: what a receipt's
// `textHash` covers (SHA-256 of its RFC 8785 canonical JSON), so the text can be proven later.
import type { ConsentPolicy, Language } from '../schema/consent';

/** The shown text as a plain JSON value. */
export type ShownText = ReturnType<typeof shownText>;

/**
 * Projects a policy onto what the widget displays in `language`.
 *
 * @example
 *   sha256(utf8Encode(canonicalize(shownText(policy, 'en')).text)); // the receipt's textHash
 */
export function shownText(policy: ConsentPolicy, language: Language) {
  return {
    site: policy.site,
    version: policy.version,
    language,
    controller: { name: policy.controller.name[language], contact: policy.controller.contact },
    summary: policy.summary[language],
    rights: policy.rights[language],
    fullPolicyUrl: policy.fullPolicyUrl,
    purposes: policy.purposes.map((p) => ({
      id: p.id,
      category: p.category,
      title: p.title[language],
      summary: p.summary[language],
      fields: p.fields.map((f) => f[language]),
      level: p.level,
      retentionDays: p.retentionDays,
      consentDays: p.consentDays,
      thirdParties: p.thirdParties.map((t) => ({
        name: t.name[language],
        location: t.location[language],
      })),
      required: p.required,
      sensitive: p.sensitive,
    })),
  };
}
