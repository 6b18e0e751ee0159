// Google Consent Mode v2 signals from the purposes granted, through the policy's mapping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
import { ConsentPolicySchema } from '../schema/consent';
import { consentModeSignals } from './consent-mode';

const v1 = ConsentPolicySchema.parse(v1Json);
const denied = {
  ad_storage: 'denied',
  analytics_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
};

describe('consentModeSignals', () => {
  it('denies everything when only the required purpose is granted', () => {
    expect(consentModeSignals(v1, new Set(['orders']))).toEqual(denied);
  });

  it('grants a signal when its purposes are granted', () => {
    expect(consentModeSignals(v1, new Set(['analytics']))).toEqual({
      ...denied,
      analytics_storage: 'granted',
    });
    expect(consentModeSignals(v1, new Set(['marketing']))).toEqual({
      ...denied,
      ad_storage: 'granted',
      ad_personalization: 'granted',
    });
  });

  it('grants a signal mapped to several purposes only when every one is granted', () => {
    // ad_user_data needs marketing and partner-sharing.
    expect(consentModeSignals(v1, new Set(['partner-sharing']))?.ad_user_data).toBe('denied');
    expect(consentModeSignals(v1, new Set(['marketing', 'partner-sharing']))).toEqual({
      ...denied,
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
    });
  });

  it('is null without a mapping', () => {
    const unmapped = { ...v1, googleConsentMode: undefined };
    expect(consentModeSignals(unmapped, new Set(['analytics', 'marketing']))).toBeNull();
  });

  it('never takes back a signal when more purposes are granted', () => {
    const ids = v1.purposes.map((p) => p.id);
    fc.assert(
      fc.property(fc.subarray(ids), fc.subarray(ids), (some, more) => {
        const fewer = consentModeSignals(v1, new Set(some))!;
        const wider = consentModeSignals(v1, new Set([...some, ...more]))!;
        for (const [signal, value] of Object.entries(fewer)) {
          if (value === 'granted') expect(wider[signal as keyof typeof wider]).toBe('granted');
        }
      }),
    );
  });
});
