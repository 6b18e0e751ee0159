// The governance service's secret (R20): created on first start in the data directory (mode 0600),
// refused if others can read it. It seals the staff members' TOTP secrets with AES-256-GCM, so a
// copy of governance.db alone cannot mint unlock codes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/** First word of the key file, so the file says what it is and which format. */
const FILE_HEADER = 'custodian-governance-key/1';
/** Prefix of a sealed value: the format, then base64url(iv ‖ tag ‖ ciphertext). */
const SEALED_PREFIX = 'aesgcm1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens short secrets; `context` (e.g. the staff id) is authenticated, not stored. */
export interface SecretBox {
  seal(plain: string, context: string): string;
  /** Throws when the value was changed, or moved to another context. */
  unseal(sealed: string, context: string): string;
}

/** The AES-256-GCM box of a 32-byte secret (key derived with HKDF-SHA-256, RFC 5869). */
export function secretBox(secret: Uint8Array): SecretBox {
  const key = Buffer.from(
    hkdfSync('sha256', secret, new Uint8Array(), 'custodian governance aes-256-gcm', 32),
  );
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

/**
 * Loads the secret at `path`, creating it when the file does not exist.
 *
 * @example
 *   const box = loadOrCreateGovernanceKey('data/governance-key');
 *   box.unseal(box.seal('JBSWY3DP', 'CS-0420'), 'CS-0420'); // 'JBSWY3DP'
 */
export function loadOrCreateGovernanceKey(path: string): SecretBox {
  if (!existsSync(path)) {
    // 'wx': never overwrite a key that appeared meanwhile; 0600: only the service's user reads it.
    writeFileSync(path, `${FILE_HEADER} ${randomBytes(32).toString('base64url')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new Error(
      `The governance key ${path} can be read by other users. Restrict it: chmod 600 ${path}`,
    );
  }
  const match = /^custodian-governance-key\/1 ([A-Za-z0-9_-]{43})\n?$/.exec(
    readFileSync(path, 'utf8'),
  );
  const secret = match ? Buffer.from(match[1]!, 'base64url') : undefined;
  if (!secret || secret.length !== 32) {
    throw new Error(
      `The governance key ${path} is damaged (expected "${FILE_HEADER} " and 43 base64url ` +
        'characters). Restore it from backup: without it no registered authenticator can unlock reveals.',
    );
  }
  return secretBox(secret);
}
