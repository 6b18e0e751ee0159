// Sealing short secrets the service must keep but never show (R20: AES-256): authenticator
// secrets, customers' contact addresses. One format for every store that seals something.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Prefix of a sealed value: the format, then base64url(iv ‖ tag ‖ ciphertext). */
const SEALED_PREFIX = 'aesgcm1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens short secrets; `context` (a record id) is authenticated, not stored. */
export interface SecretBox {
  seal(plain: string, context: string): string;
  /** Throws when the value was changed, or moved to another context. */
  unseal(sealed: string, context: string): string;
}

/**
 * AES-256-GCM with a random 96-bit IV per value, under a 32-byte key.
 *
 * @example
 *   const box = aesGcmBox(key);
 *   box.unseal(box.seal('a@b.cn', 'row-1'), 'row-1'); // 'a@b.cn'
 */
export function aesGcmBox(key: Buffer): SecretBox {
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    unseal(sealed, context) {
      if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('not a sealed value of this format');
      const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(context))
        .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
