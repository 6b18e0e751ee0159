// Google Consent Mode v2 signals from the purposes granted, through the policy's mapping.
import type { ConsentPolicy, GCM_SIGNALS } from '../schema/consent';

export type ConsentModeSignals = Record<(typeof GCM_SIGNALS)[number], 'granted' | 'denied'>;

/**
 * Each signal is granted when every purpose mapped to it is granted; null without a mapping.
 *
 * @example
 *   consentModeSignals(policy, new Set(['analytics']));
 *   // { ad_storage: 'denied', analytics_storage: 'granted', ad_user_data: 'denied', ad_personalization: 'denied' }
 */
export function consentModeSignals(
  policy: ConsentPolicy,
  granted: ReadonlySet<string>,
): ConsentModeSignals | null {
  const map = policy.googleConsentMode;
  if (!map) return null;
  const signal = (ids: readonly string[]) =>
    ids.every((id) => granted.has(id)) ? 'granted' : 'denied';
  return {
    ad_storage: signal(map.ad_storage),
    analytics_storage: signal(map.analytics_storage),
    ad_user_data: signal(map.ad_user_data),
    ad_personalization: signal(map.ad_personalization),
  };
}
