// A service secret in the data directory (R20): 32 random bytes, created on first start with mode
// 0600, refused when others can read it or it is damaged. Each service names its own file.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export interface SecretFileOptions {
  /** First word of the file, `custodian-<name>-key/1`: says what the file is and its format. */
  header: string;
  /** How people call it in messages, e.g. "consent key". */
  name: string;
  /** What is lost without it, for the "damaged" message, e.g. "the stored addresses cannot be read". */
  loss: string;
  /** The error to throw (a service may have its own class); a plain Error by default. */
  error?: (message: string) => Error;
}

/**
 * The 32-byte secret at `path`, created when the file does not exist.
 *
 * @example
 *   loadOrCreateSecretFile('data/consent-key', { header: 'custodian-consent-key/1',
 *     name: 'consent key', loss: 'the stored addresses cannot be read' }); // 32 bytes
 */
export function loadOrCreateSecretFile(path: string, options: SecretFileOptions): Buffer {
  const fail = options.error ?? ((message: string) => new Error(message));
  if (!existsSync(path)) {
    // 'wx': never overwrite a key that appeared meanwhile; 0600: only the service's user reads it.
    writeFileSync(path, `${options.header} ${randomBytes(32).toString('base64url')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw fail(
      `The ${options.name} ${path} can be read by other users. Restrict it: chmod 600 ${path}`,
    );
  }
  const text = readFileSync(path, 'utf8');
  const prefix = `${options.header} `;
  const encoded = text.startsWith(prefix) ? text.slice(prefix.length).replace(/\n$/, '') : '';
  const secret = /^[A-Za-z0-9_-]{43}$/.test(encoded)
    ? Buffer.from(encoded, 'base64url')
    : undefined;
  if (!secret || secret.length !== 32) {
    throw fail(
      `The ${options.name} ${path} is damaged (expected "${prefix}" and 43 base64url ` +
        `characters). Restore it from backup; without it ${options.loss}.`,
    );
  }
  return secret;
}
