// Checks and normalizes the address a one-time code goes to (R5), per channel. The messages never
// repeat the address: it is a customer's contact detail.
import type { VerificationChannel } from '../../shared/schema';

/** A normalized address, or why it is not one (a message safe to show and log). */
export type AddressCheck = { ok: true; address: string } | { ok: false; message: string };

/** The everyday shape of an e-mail address: one `@`, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** A mainland China mobile number: 1[3-9] and 9 digits, optionally after +86 or 0086. */
const CN_MOBILE = /^(?:\+86|0086)?(1[3-9]\d{9})$/;
/** E.164: '+', a country code not starting with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The address in one canonical form (so the hourly limit counts `+86 138…` and `138…` as one),
 * or a message saying what form is expected.
 *
 * @example
 *   normalizeAddress('sms', '+86 138-1234-5678'); // { ok: true, address: '+8613812345678' }
 *   normalizeAddress('email', 'Li.Lei@Example.CN'); // { ok: true, address: 'li.lei@example.cn' }
 *   normalizeAddress('sms', '12345').ok; // false
 */
export function normalizeAddress(channel: VerificationChannel, raw: string): AddressCheck {
  if (channel === 'email') {
    const address = raw.trim().toLowerCase();
    return EMAIL.test(address)
      ? { ok: true, address }
      : {
          ok: false,
          message:
            'The address for channel "email" must be an e-mail address such as name@example.com.',
        };
  }
  const compact = raw.replace(/[\s\-()]/g, '');
  const cn = CN_MOBILE.exec(compact);
  if (cn) return { ok: true, address: `+86${cn[1]}` };
  if (E164.test(compact)) return { ok: true, address: compact };
  return {
    ok: false,
    message:
      'The address for channel "sms" must be a mainland China mobile number (11 digits starting ' +
      '13 to 19, optionally after +86) or an international number in E.164 form (+ and up to 15 digits).',
  };
}
