// Operators' console passwords (issue 7, R13): random passwords the command line prints, stored as
// scrypt hashes with a salt of their own, checked in constant time and, at sign-in, off the event
// loop (ingest keeps flowing while a hash is computed).
//
// - The stored text names its parameters (`scrypt$N$r$p$salt$hash`), so raising the cost later
//   still checks older hashes.
// - An unknown name is checked against a dummy hash: a sign-in takes as long whether or not the
//   name exists, so timing does not tell which names are operators.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's N as a power of two: 2^15 with r = 8 is 32 MiB and ~150 ms here. Sign-ins are rare;
 * a stolen governance.db's offline guessing is not. Tests pass a lower one (GovernanceOptions). */
export const DEFAULT_PASSWORD_COST = 15;
const BLOCK_SIZE = 8;
/** Node refuses scrypt above 32 MiB by default; 128·N·r is exactly that at the default cost. */
const MAX_MEM = 64 * 1024 * 1024;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** 18 random bytes: 24 base64url characters, 144 bits: beyond guessing, copied from a terminal once. */
const PASSWORD_BYTES = 18;

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Hashes and checks operator passwords at one cost. */
export interface PasswordHasher {
  /** The stored form of `password`, with a fresh salt (synchronous: the command line sets them). */
  hash(password: string): string;
  /** Whether `password` made `stored`; false for null (no password set), after the same work. */
  verify(password: string, stored: string | null): Promise<boolean>;
}

const deriveAsync = (password: string, salt: Buffer, options: ScryptOptions, length: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: MAX_MEM }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );

/**
 * A new random password for an operator (base64url, 24 characters).
 *
 * @example
 *   newPassword(); // 'q3Jx8_Vd0mK2…' (random)
 */
export const newPassword = (): string => randomBytes(PASSWORD_BYTES).toString('base64url');

/**
 * The hasher at scrypt cost N = 2^`log2Cost`.
 *
 * @example
 *   const passwords = passwordHasher();
 *   const stored = passwords.hash('q3Jx8_Vd0mK2…'); // 'scrypt$32768$8$1$<salt>$<hash>'
 *   await passwords.verify('q3Jx8_Vd0mK2…', stored); // true
 */
export function passwordHasher(log2Cost = DEFAULT_PASSWORD_COST): PasswordHasher {
  const cost = { N: 2 ** log2Cost, r: BLOCK_SIZE, p: 1 };
  const hash = (password: string): string => {
    const salt = randomBytes(SALT_BYTES);
    const key = scryptSync(password.normalize('NFC'), salt, HASH_BYTES, {
      ...cost,
      maxmem: MAX_MEM,
    });
    return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  };
  let dummy: string | undefined;
  return {
    hash,
    async verify(password, stored) {
      const match = STORED.exec(stored ?? (dummy ??= hash(newPassword())));
      if (!match) {
        throw new Error(
          'governance.db: an operator password hash is damaged; set a new one: npm run staff -- operator password NAME.',
        );
      }
      const [, n, r, p, salt, expectedText] = match;
      const expected = Buffer.from(expectedText!, 'base64url');
      const actual = await deriveAsync(
        password,
        Buffer.from(salt!, 'base64url'),
        { N: Number(n), r: Number(r), p: Number(p) },
        expected.length,
      );
      return timingSafeEqual(actual, expected) && stored !== null;
    },
  };
}
