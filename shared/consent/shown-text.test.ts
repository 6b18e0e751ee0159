// The text a receipt's textHash covers: one language's texts only, so a receipt proves exactly
// what the customer read, and an edit of the other language does not touch it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../../test/fixtures/consent/shop-policy.v2.json';
import { canonicalize, sha256, toHex, utf8Encode } from '../ledger';
import {
  ConsentPolicySchema,
  LANGUAGES,
  type ConsentPolicy,
  type Language,
} from '../schema/consent';
import { shownText } from './shown-text';
import {
  applyMutation,
  pathsOf,
  policy as anyPolicy,
  type Json,
  type JsonPath,
} from './test-arbitraries';

const v1 = ConsentPolicySchema.parse(v1Json);
const v2 = ConsentPolicySchema.parse(v2Json);

/** The receipt's textHash: SHA-256 of the RFC 8785 canonical JSON of the shown text. */
function textHash(policy: ConsentPolicy, language: Language): string {
  const canonical = canonicalize(shownText(policy, language));
  if (!canonical.ok) throw new Error(`not JSON: ${canonical.error.path}`);
  return toHex(sha256(utf8Encode(canonical.text)!));
}

const asJson = (policy: ConsentPolicy): Json => JSON.parse(JSON.stringify(policy));
const isLocalized = (node: unknown): node is Record<Language, string> =>
  typeof node === 'object' && node !== null && 'zh-CN' in node && 'en' in node;
const nodeAt = (value: Json, path: JsonPath): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);

/** Where the policy holds a text in both languages. */
const localizedPaths = (policy: ConsentPolicy): JsonPath[] =>
  pathsOf(asJson(policy)).filter((path) => isLocalized(nodeAt(asJson(policy), path)));

/** Every string in a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(strings)
      : [];

describe('shownText', () => {
  it.each(LANGUAGES)(
    'holds every %s text of the policy and none of the other language',
    (language) => {
      const other = language === 'en' ? 'zh-CN' : 'en';
      const shown = strings(shownText(v2, language));
      const texts = localizedPaths(v2).map(
        (p) => nodeAt(asJson(v2), p) as Record<Language, string>,
      );
      expect(texts.length).toBeGreaterThan(30);
      for (const text of texts) {
        expect(shown).toContain(text[language]);
        expect(shown).not.toContain(text[other]);
      }
    },
  );

  it('shows the purposes in the policy order, with their terms', () => {
    const shown = shownText(v1, 'en');
    expect(shown).toMatchObject({ site: 'shop', version: 1, language: 'en' });
    expect(shown.controller).toEqual({
      name: 'Example Shop (Shanghai) Co., Ltd.',
      contact: 'privacy@shop.example',
    });
    expect(shown.purposes.map((p) => p.id)).toEqual(v1.purposes.map((p) => p.id));
    expect(shown.purposes[4]).toEqual({
      id: 'id-verification',
      category: 'functional',
      title: 'ID check for cross-border orders',
      summary: v1.purposes[4]!.summary.en,
      fields: ['Name', 'Resident ID number'],
      level: 1,
      retentionDays: 90,
      consentDays: 90,
      thirdParties: [{ name: 'China Customs', location: 'Mainland China' }],
      required: false,
      sensitive: true,
    });
  });
});

describe('the text hash', () => {
  it('is pinned for the demo fixtures: a change of shownText changes every receipt', () => {
    expect(textHash(v1, 'zh-CN')).toBe(
      'e0ff7e9e3225e1398b325e52450d65b3518e1743cae11a39de279cc430f6b173',
    );
    expect(textHash(v1, 'en')).toBe(
      '8b84089c32101ad56b55cc435fe8b95da4a2c0e3bf799e3f5fc3575daf3c27d8',
    );
    expect(textHash(v2, 'zh-CN')).toBe(
      'c39ef17b1482e2adb70101979ad736a1222bb5a1e8b872ec5528a84f88619528',
    );
    expect(textHash(v2, 'en')).toBe(
      'e92347283f046bf445189d87c9f32a9d066ccf6adaa021da39e87ad805120a46',
    );
  });

  it('changes with a text of its language, and only with that language', () => {
    fc.assert(
      fc.property(
        anyPolicy.chain((policy) =>
          fc.tuple(fc.constant(policy), fc.constantFrom(...localizedPaths(policy))),
        ),
        fc.constantFrom(...LANGUAGES),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /\S/.test(s)),
        ([policy, path], language, text) => {
          const before = nodeAt(asJson(policy), path) as Record<Language, string>;
          fc.pre(before[language] !== text);
          const edited = ConsentPolicySchema.parse(
            applyMutation(asJson(policy), path, {
              kind: 'replace',
              value: { ...before, [language]: text },
            }),
          );
          const other = language === 'en' ? 'zh-CN' : 'en';
          expect(textHash(edited, language)).not.toBe(textHash(policy, language));
          expect(textHash(edited, other)).toBe(textHash(policy, other));
        },
      ),
    );
  });

  it('changes in both languages with a term shown in both (days, level, contact, url)', () => {
    const changes: Partial<ConsentPolicy>[] = [
      { version: 2 },
      { fullPolicyUrl: '/privacy-2026.html' },
      { controller: { ...v1.controller, contact: 'dpo@shop.example' } },
      { purposes: v1.purposes.map((p, i) => (i === 1 ? { ...p, consentDays: 90 } : p)) },
      { purposes: v1.purposes.map((p, i) => (i === 1 ? { ...p, level: 2 as const } : p)) },
      { purposes: [...v1.purposes].reverse() },
    ];
    for (const change of changes) {
      for (const language of LANGUAGES)
        expect(textHash({ ...v1, ...change }, language)).not.toBe(textHash(v1, language));
    }
  });

  it('does not change with what is not shown, nor with key order', () => {
    const unmapped = { ...v1, googleConsentMode: undefined };
    const reordered = ConsentPolicySchema.parse(
      JSON.parse(JSON.stringify(v1), (_k, v: unknown) =>
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ),
    );
    for (const language of LANGUAGES) {
      expect(textHash(unmapped, language)).toBe(textHash(v1, language));
      expect(
        textHash({ ...v1, verification: { when: 'always', channels: ['email'] } }, language),
      ).toBe(textHash(v1, language));
      expect(textHash(reordered, language)).toBe(textHash(v1, language));
    }
  });
});
