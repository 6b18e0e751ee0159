// The consent service's secret (R20): created on first start in the data directory (mode 0600),
// refused if others can read it. Two keys are derived from it: AES-256-GCM for the contact
// addresses the service keeps, and HMAC-SHA-256 for codes and address look-ups.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/** First word of the key file, so the file says what it is and which format. */
const FILE_HEADER = 'custodian-consent-key/1';
/** Prefix of a sealed value: the format, then base64url(iv ‖ tag ‖ ciphertext). */
const SEALED_PREFIX = 'aesgcm1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

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
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv).setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    unseal(sealed, context) {
      if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('not a sealed value of this format');
      const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, bytes.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(context))
        .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
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
  if (!existsSync(path)) {
    // 'wx': never overwrite a key that appeared meanwhile; 0600: only the service's user reads it.
    writeFileSync(path, `${FILE_HEADER} ${randomBytes(32).toString('base64url')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new ConsentKeyError(
      `The consent key ${path} can be read by other users. Restrict it: chmod 600 ${path}`,
    );
  }
  const match = /^custodian-consent-key\/1 ([A-Za-z0-9_-]{43})\n?$/.exec(
    readFileSync(path, 'utf8'),
  );
  const secret = match ? Buffer.from(match[1]!, 'base64url') : undefined;
  if (!secret || secret.length !== 32) {
    throw new ConsentKeyError(
      `The consent key ${path} is damaged (expected "${FILE_HEADER} " and 43 base64url ` +
        'characters). Restore it from backup; without it the stored addresses cannot be read.',
    );
  }
  return secretsFrom(secret);
}
