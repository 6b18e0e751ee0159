// The consent contract's schemas: the demo fixtures are valid policies, bad ones are refused with a
// message naming the field, and what a decision request may hold.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../../test/fixtures/consent/shop-policy.v2.json';
import {
  ConsentPolicySchema,
  DecisionRequestSchema,
  SubjectCredentialsSchema,
  ValidConsentPolicySchema,
  type ConsentPolicy,
  type ConsentPurpose,
} from './consent';

const v1 = ConsentPolicySchema.parse(v1Json);

/** Each issue as `path: message`, the way an error answer would state it. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

const withPurpose = (i: number, change: Partial<ConsentPurpose> | object): object => ({
  ...v1,
  purposes: v1.purposes.map((p, j) => (j === i ? { ...p, ...change } : p)),
});

describe('ValidConsentPolicySchema', () => {
  it('accepts the demo shop policy, version 1 and 2', () => {
    expect(problems(ValidConsentPolicySchema, v1Json)).toEqual([]);
    expect(problems(ValidConsentPolicySchema, v2Json)).toEqual([]);
    const v2: ConsentPolicy = ValidConsentPolicySchema.parse(v2Json);
    expect(v2.version).toBe(2);
    expect(v2.purposes.map((p) => p.id)).toContain('recommendations');
  });

  it.each([
    [
      'a blank title',
      withPurpose(2, { title: { 'zh-CN': '优惠推送', en: ' \n' } }),
      'purposes.2.title.en: must not be blank',
    ],
    [
      'a site id with capitals',
      { ...v1, site: 'Shop' },
      'site: must be lower-case words joined by "-", e.g. "shop"',
    ],
    [
      'a purpose id ending in "-"',
      withPurpose(1, { id: 'analytics-' }),
      'purposes.1.id: must be lower-case words joined by "-", e.g. "marketing-email"',
    ],
    [
      'a full policy link that is no address',
      { ...v1, fullPolicyUrl: 'privacy.html' },
      'fullPolicyUrl: must be an http(s) address or a path starting with "/"',
    ],
    [
      'a javascript: link',
      { ...v1, fullPolicyUrl: 'javascript:alert(1)' },
      'fullPolicyUrl: must be an http(s) address or a path starting with "/"',
    ],
    ['an unknown field', { ...v1, colour: 'red' }, ': Unrecognized key: "colour"'],
    ['a level of 4', withPurpose(0, { level: 4 }), 'purposes.0.level: '],
    [
      'consent that lasts 11 years',
      withPurpose(1, { consentDays: 4015 }),
      'purposes.1.consentDays: ',
    ],
    ['no fields', withPurpose(1, { fields: [] }), 'purposes.1.fields: '],
    [
      'a missing summary in one language',
      { ...v1, summary: { en: v1.summary.en } },
      'summary.zh-CN: ',
    ],
    ['schema 2', { ...v1, schema: 2 }, 'schema: '],
  ])('refuses %s, naming the field', (_name, value, expected) => {
    expect(problems(ValidConsentPolicySchema, value)[0]).toMatch(
      new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });

  it('refuses a policy that breaks a cross-field rule, the message naming the field', () => {
    expect(problems(ValidConsentPolicySchema, withPurpose(2, { id: 'analytics' }))).toContain(
      ': purposes[2].id "analytics" appears twice: give each purpose its own id',
    );
    expect(problems(ValidConsentPolicySchema, withPurpose(3, { thirdParties: [] }))).toEqual([
      ': purposes[3]: a sharing purpose must name its third parties (R8)',
    ]);
    // The structural schema alone lets it through: the service publishes only valid policies.
    expect(problems(ConsentPolicySchema, withPurpose(3, { thirdParties: [] }))).toEqual([]);
  });

  it('answers a structurally broken policy with issues, without running the cross-field rules', () => {
    for (const value of [null, {}, [], { ...v1, purposes: 'x' }, { ...v1, purposes: [null] }]) {
      expect(() => ValidConsentPolicySchema.safeParse(value)).not.toThrow();
      expect(ValidConsentPolicySchema.safeParse(value).success).toBe(false);
    }
  });
});

describe('DecisionRequestSchema', () => {
  const request = {
    decisionId: '01890a5d-ac96-774b-bcce-b302099a8057',
    policyVersion: 2,
    language: 'en',
    textHash: 'e92347283f046bf445189d87c9f32a9d066ccf6adaa021da39e87ad805120a46',
    choices: {
      analytics: true,
      marketing: false,
      'partner-sharing': false,
      recommendations: true,
      'id-verification': false,
    },
    method: 'banner',
    gpc: false,
    decidedAt: '2026-01-31T08:00:00.000Z',
  };

  it('accepts a decision, with or without a verification token', () => {
    expect(problems(DecisionRequestSchema, request)).toEqual([]);
    expect(
      problems(DecisionRequestSchema, { ...request, verificationToken: 'v'.repeat(43) }),
    ).toEqual([]);
    expect(
      problems(DecisionRequestSchema, { ...request, choices: {}, method: 'gpc', gpc: true }),
    ).toEqual([]);
    expect(
      problems(DecisionRequestSchema, { ...request, decidedAt: '2026-01-31T08:00:00Z' }),
    ).toEqual([]);
  });

  it.each([
    [
      'an upper-case decision id',
      { decisionId: '01890A5D-AC96-774B-BCCE-B302099A8057' },
      'decisionId: must be a lower-case UUID',
    ],
    ['a version 0', { policyVersion: 0 }, 'policyVersion: '],
    ['a fractional version', { policyVersion: 1.5 }, 'policyVersion: '],
    ['a language the policy is not written in', { language: 'fr' }, 'language: '],
    [
      'an upper-case hash',
      { textHash: 'E'.repeat(64) },
      'textHash: a SHA-256 hash in lowercase hex',
    ],
    [
      'a choice of a purpose id with capitals',
      { choices: { Marketing: true } },
      'choices.Marketing: ',
    ],
    ['a choice that is not yes or no', { choices: { marketing: 'yes' } }, 'choices.marketing: '],
    ['an unknown method', { method: 'popup' }, 'method: '],
    ['a short verification token', { verificationToken: 'short' }, 'verificationToken: '],
    ['a local time', { decidedAt: '2026-01-31T16:00:00+08:00' }, 'decidedAt: '],
    ['a date without a time', { decidedAt: '2026-01-31' }, 'decidedAt: '],
    [
      'an unknown field',
      { subjectId: 'sub_0123456789abcdefghijklmnop' },
      ': Unrecognized key: "subjectId"',
    ],
  ])('refuses %s', (_name, change, expected) => {
    const issues = problems(DecisionRequestSchema, { ...request, ...change });
    expect(issues[0]?.startsWith(expected), issues.join('\n')).toBe(true);
  });

  it('refuses a request without a decision time or without choices', () => {
    const without = (key: string) =>
      Object.fromEntries(Object.entries(request).filter(([k]) => k !== key));
    expect(problems(DecisionRequestSchema, without('decidedAt'))[0]).toMatch(/^decidedAt: /);
    expect(problems(DecisionRequestSchema, without('choices'))[0]).toMatch(/^choices: /);
  });
});

describe('SubjectCredentialsSchema', () => {
  it('takes a pseudonymous id and a 256-bit base64url token', () => {
    const credentials = {
      subjectId: 'sub_0123456789abcdefghijklmnop',
      token: `cst_${'A-_9'.repeat(10)}abc`,
    };
    expect(problems(SubjectCredentialsSchema, credentials)).toEqual([]);
    expect(problems(SubjectCredentialsSchema, { ...credentials, token: 'cst_short' })[0]).toMatch(
      /^token: /,
    );
    expect(problems(SubjectCredentialsSchema, { ...credentials, subjectId: 'sub_X' })[0]).toMatch(
      /^subjectId: /,
    );
  });
});
