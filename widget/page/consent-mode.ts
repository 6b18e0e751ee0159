// Google Consent Mode v2 on the host page: `gtag('consent', 'default' | 'update', signals)`, only
// when the page has set up gtag or its dataLayer; the widget never creates either.
import { GCM_WAIT_FOR_UPDATE_MS } from '../constants';
import type { ConsentModeSignals } from '../../shared/consent/consent-mode';

/** Every signal denied, until the customer's choices are known. */
export const CONSENT_MODE_DEFAULT = {
  ad_storage: 'denied',
  analytics_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  wait_for_update: GCM_WAIT_FOR_UPDATE_MS,
} as const;

/** gtag queues its Arguments object, not an array; Google's tag tells the two apart. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- typed here, read as `arguments`.
function argumentsOf(..._values: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params -- the Arguments object itself is what gtag queues.
  return arguments;
}

/**
 * Sends a consent command through the page's `gtag`, or pushes it to its `dataLayer` as gtag would.
 * Returns whether the page had either.
 */
export function sendConsentMode(
  win: object,
  command: 'default' | 'update',
  signals: ConsentModeSignals | typeof CONSENT_MODE_DEFAULT,
): boolean {
  const gtag = 'gtag' in win ? win.gtag : undefined;
  const dataLayer = 'dataLayer' in win ? win.dataLayer : undefined;
  if (typeof gtag === 'function') gtag('consent', command, signals);
  else if (Array.isArray(dataLayer)) dataLayer.push(argumentsOf('consent', command, signals));
  else return false;
  return true;
}
