// What changed between two policy versions (R7): shown to the customer, and it decides what is asked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../../test/fixtures/consent/shop-policy.v2.json';
import { ConsentPolicySchema, type ConsentPolicy } from '../schema/consent';
import { policyChanges, unchanged } from './diff';
import { policy as anyPolicy } from './test-arbitraries';

const v1 = ConsentPolicySchema.parse(v1Json);
const v2 = ConsentPolicySchema.parse(v2Json);

/** The same data with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).reverse())
      : v,
  ) as T;
}

describe('policyChanges', () => {
  it('v1 → v2: marketing changed (summary, fields), recommendations added', () => {
    expect(policyChanges(v1, v2)).toEqual({
      policyText: false,
      purposes: [
        { purpose: 'marketing', change: 'changed', keys: ['summary', 'fields'] },
        { purpose: 'recommendations', change: 'added' },
      ],
    });
  });

  it('v2 → v1: removed purposes come last', () => {
    expect(policyChanges(v2, v1).purposes).toEqual([
      { purpose: 'marketing', change: 'changed', keys: ['summary', 'fields'] },
      { purpose: 'recommendations', change: 'removed' },
    ]);
  });

  it('sees no change in key order, purpose order or the version number', () => {
    const shuffled: ConsentPolicy = {
      ...reversedKeys(v1),
      version: 7,
      purposes: reversedKeys([...v1.purposes].reverse()),
    };
    expect(unchanged(policyChanges(v1, shuffled))).toBe(true);
  });

  it('sees no change in what the customer is not shown (verification, Consent Mode)', () => {
    const unmapped = { ...v1, googleConsentMode: undefined };
    const quiet = {
      ...unmapped,
      verification: { when: 'always' as const, channels: ['email' as const] },
    };
    expect(policyChanges(v1, quiet)).toEqual({ policyText: false, purposes: [] });
  });

  it.each([
    ['controller', { controller: { ...v1.controller, contact: 'dpo@shop.example' } }],
    ['summary', { summary: { ...v1.summary, 'zh-CN': '新的摘要。' } }],
    ['rights', { rights: { ...v1.rights, en: 'You may object.' } }],
    ['fullPolicyUrl', { fullPolicyUrl: '/privacy-2026.html' }],
  ])('a change of %s is a policy-wide text change', (_name, change) => {
    expect(policyChanges(v1, { ...v1, ...change })).toEqual({ policyText: true, purposes: [] });
  });

  it('names every key of a purpose that changed, in either language', () => {
    const analytics = v1.purposes[1]!;
    const changed = {
      ...v1,
      purposes: v1.purposes.map((p) =>
        p === analytics
          ? {
              ...p,
              title: { ...p.title, 'zh-CN': '流量统计' },
              consentDays: 365,
              thirdParties: [
                {
                  name: { 'zh-CN': '统计公司', en: 'Stats Co.' },
                  location: { 'zh-CN': '新加坡', en: 'Singapore' },
                },
              ],
            }
          : p,
      ),
    };
    expect(policyChanges(v1, changed).purposes).toEqual([
      { purpose: 'analytics', change: 'changed', keys: ['title', 'consentDays', 'thirdParties'] },
    ]);
  });

  it('for any policies: none from itself, and what one adds the other removes', () => {
    fc.assert(
      fc.property(anyPolicy, anyPolicy, (a, b) => {
        expect(unchanged(policyChanges(a, a))).toBe(true);
        expect(unchanged(policyChanges(a, reversedKeys(a)))).toBe(true);
        const ids = (p: ConsentPolicy, change: string) =>
          policyChanges(a, b)
            .purposes.filter((c) => c.change === change)
            .map((c) => c.purpose)
            .filter((id) => p.purposes.some((x) => x.id === id))
            .sort();
        const back = (change: string) =>
          policyChanges(b, a)
            .purposes.filter((c) => c.change === change)
            .map((c) => c.purpose)
            .sort();
        expect(ids(b, 'added')).toEqual(back('removed'));
        expect(ids(a, 'removed')).toEqual(back('added'));
      }),
    );
  });
});
