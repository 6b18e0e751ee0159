// The consent service's secret (R20): created on first start in the data directory (mode 0600),
// refused if others can read it. Two keys are derived from it: AES-256-GCM for the contact
// addresses the service keeps, and HMAC-SHA-256 for codes and address look-ups.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { aesGcmBox, loadOrCreateSecretFile } from '../secrets';

/** The consent key cannot be used as it is; the message says how to fix it. */
export class ConsentKeyError extends Error {
  override name = 'ConsentKeyError';
}

export interface ConsentSecrets {
  /** Encrypts `plain` with AES-256-GCM; `context` (a record id) is authenticated, not stored. */
  seal(plain: string, context: string): string;
  /** Decrypts a sealed value of the same `context`; throws if it was changed or moved. */
  unseal(sealed: string, context: string): string;
  /** HMAC-SHA-256 in hex: a value's stand-in that only this service can compute. */
  mac(text: string): string;
  /** Compares a value's MAC with a stored one in constant time. */
  macEquals(text: string, stored: string): boolean;
}

/** The two working keys of a 32-byte secret, each for one use (HKDF-SHA-256, RFC 5869). */
export function secretsFrom(secret: Uint8Array): ConsentSecrets {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', secret, new Uint8Array(), info, 32));
  const encKey = derive('custodian consent aes-256-gcm');
  const macKey = derive('custodian consent hmac-sha-256');
  const mac = (text: string) => createHmac('sha256', macKey).update(text).digest('hex');
  return {
    ...aesGcmBox(encKey),
    mac,
    macEquals(text, stored) {
      const a = Buffer.from(mac(text), 'hex');
      const b = Buffer.from(stored, 'hex');
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}

/**
 * Loads the secret at `path`, creating it when the file does not exist.
 *
 * @example
 *   const secrets = loadOrCreateConsentKey('data/consent-key');
 *   secrets.unseal(secrets.seal('a@b.cn', 'row-1'), 'row-1'); // 'a@b.cn'
 */
export function loadOrCreateConsentKey(path: string): ConsentSecrets {
  return secretsFrom(
    loadOrCreateSecretFile(path, {
      header: 'custodian-consent-key/1',
      name: 'consent key',
      loss: 'the stored addresses cannot be read',
      error: (message) => new ConsentKeyError(message),
    }),
  );
}
