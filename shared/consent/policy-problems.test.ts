// The cross-field rules of a consent policy, one by one, and the demo fixtures pass them all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../../test/fixtures/consent/shop-policy.v2.json';
import { ConsentPolicySchema, type ConsentPolicy, type ConsentPurpose } from '../schema/consent';
import { policyProblems } from './policy-problems';
import { policy as anyPolicy } from './test-arbitraries';

const v1 = ConsentPolicySchema.parse(v1Json);
const v2 = ConsentPolicySchema.parse(v2Json);

/** v1 with purpose `i` changed. */
const withPurpose = (i: number, change: Partial<ConsentPurpose>): ConsentPolicy => ({
  ...v1,
  purposes: v1.purposes.map((p, j) => (j === i ? { ...p, ...change } : p)),
});

describe('policyProblems', () => {
  it('finds none in the demo shop fixtures', () => {
    expect(policyProblems(v1)).toEqual([]);
    expect(policyProblems(v2)).toEqual([]);
  });

  it('finds none in generated sound policies', () => {
    fc.assert(
      fc.property(anyPolicy, (policy) => {
        expect(policyProblems(policy)).toEqual([]);
      }),
    );
  });

  it('a purpose id used twice', () => {
    expect(policyProblems(withPurpose(2, { id: 'analytics' }))).toContain(
      'purposes[2].id "analytics" appears twice: give each purpose its own id',
    );
  });

  it('required exactly when necessary, both ways (R3)', () => {
    const rule = /a purpose is required exactly when its category is "necessary"/;
    // Forcing analytics on also puts a required purpose into Consent Mode's mapping.
    expect(policyProblems(withPurpose(1, { required: true }))).toEqual([
      expect.stringMatching(/^purposes\[1\]: /),
      'googleConsentMode.analytics_storage names "analytics", a required purpose; name optional ones',
    ]);
    expect(policyProblems(withPurpose(1, { required: true }))[0]).toMatch(rule);
    expect(policyProblems(withPurpose(0, { required: false }))).toEqual([
      expect.stringMatching(/^purposes\[0\]: a purpose is required exactly/),
    ]);
  });

  it('a sensitive purpose that is required (R4)', () => {
    expect(policyProblems(withPurpose(0, { sensitive: true }))).toEqual([
      'purposes[0]: a sensitive purpose cannot be required; R4 asks for its own explicit consent',
    ]);
  });

  it('a sharing purpose that names no third party (R8)', () => {
    expect(policyProblems(withPurpose(3, { thirdParties: [] }))).toEqual([
      'purposes[3]: a sharing purpose must name its third parties (R8)',
    ]);
  });

  it('no optional purpose at all', () => {
    const unmapped = { ...v1, googleConsentMode: undefined };
    const onlyOrders = { ...unmapped, purposes: [v1.purposes[0]!] };
    expect(policyProblems(onlyOrders)).toEqual([
      'purposes: there is no optional purpose to ask about; add one or drop the widget',
    ]);
  });

  it('a verification channel listed twice', () => {
    const twice = {
      ...v1,
      verification: { when: 'always' as const, channels: ['sms' as const, 'sms' as const] },
    };
    expect(policyProblems(twice)).toEqual(['verification.channels lists a channel twice']);
  });

  it('a Consent Mode signal naming no purpose, or a required one', () => {
    const gcm = v1.googleConsentMode!;
    expect(policyProblems({ ...v1, googleConsentMode: { ...gcm, ad_storage: ['ads'] } })).toEqual([
      'googleConsentMode.ad_storage names "ads", which is no purpose',
    ]);
    expect(
      policyProblems({ ...v1, googleConsentMode: { ...gcm, analytics_storage: ['orders'] } }),
    ).toEqual([
      'googleConsentMode.analytics_storage names "orders", a required purpose; name optional ones',
    ]);
  });

  it('reports every problem, not only the first', () => {
    const bad = {
      ...withPurpose(3, { thirdParties: [], id: 'marketing' }),
      verification: { when: 'never' as const, channels: ['email' as const, 'email' as const] },
    };
    expect(policyProblems(bad)).toEqual([
      'purposes[3].id "marketing" appears twice: give each purpose its own id',
      'purposes[3]: a sharing purpose must name its third parties (R8)',
      'verification.channels lists a channel twice',
      'googleConsentMode.ad_user_data names "partner-sharing", which is no purpose',
    ]);
  });
});
