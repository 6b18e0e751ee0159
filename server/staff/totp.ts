// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, HMAC-SHA-1) for unlocking reveals
// (R13): a secret per staff member, the otpauth:// URI their authenticator app scans, and the check.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../shared/ledger/result';
import { base32Decode, base32Encode } from './base32';

/** RFC 6238's default step; authenticator apps ignore any other value in practice. */
export const TOTP_PERIOD_SECONDS = 30;
/** What every authenticator app shows; 8-digit support is patchy. */
export const TOTP_DIGITS = 6;
/** Steps of clock skew accepted either way (RFC 6238 §5.2): a phone a few seconds off still works,
 * and a code stays usable for the 30 s after it changes on screen while the person types. */
export const TOTP_SKEW_STEPS = 1;
/** RFC 4226 §4 asks for at least 128 bits and recommends 160: SHA-1's block of key material. */
export const TOTP_SECRET_BYTES = 20;
/** Shown as the account's owner in the authenticator app. */
export const TOTP_ISSUER = 'Custodian';

const CODE_PATTERN = new RegExp(`^\\d{${TOTP_DIGITS}}$`);

/**
 * A new random secret, base32 without padding (32 characters), to store for the staff member and
 * put in their otpauth:// URI.
 *
 * @example
 *   generateTotpSecret(); // 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' (random)
 */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/**
 * The otpauth:// URI an authenticator app scans from a QR code (Google's Key URI format), with
 * the issuer both as the label's prefix and as a parameter, as the format asks. The label is
 * usually the staff number; a `:` would split it in the app, so it is refused.
 *
 * @example
 *   totpUri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'CS-0420');
 *   // { ok: true, value: 'otpauth://totp/Custodian:CS-0420?secret=GEZD…&issuer=Custodian&algorithm=SHA1&digits=6&period=30' }
 */
export function totpUri(secret: string, label: string): Result<string> {
  const name = label.trim();
  if (name === '' || name.includes(':')) {
    return err(
      'The authenticator label must be non-empty and have no ":" (apps split issuer and account there); use the staff number, e.g. "CS-0420".',
    );
  }
  const key = base32Decode(secret);
  if (!key.ok) return err(`The TOTP secret is not base32: ${key.error}`);
  const query = `secret=${base32Encode(key.value)}&issuer=${TOTP_ISSUER}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
  return ok(`otpauth://totp/${TOTP_ISSUER}:${encodeURIComponent(name)}?${query}`);
}

/**
 * HOTP (RFC 4226 §5.3): HMAC-SHA-1 of the 8-byte big-endian counter, dynamic truncation, then the
 * last `digits` decimal digits, zero-padded. TOTP is this with counter = the time step.
 *
 * @example
 *   hotp(new TextEncoder().encode('12345678901234567890'), 0, 6); // '755224' (RFC 4226 Appendix D)
 */
export function hotp(key: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The time step of `now` (milliseconds since the epoch): whole periods since 1970.
 *
 * @example
 *   totpStep(59_000); // 1
 */
export const totpStep = (now: number): number => Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);

/** Why a code was refused; `message` is for the staff member, `reason` for the caller's logic. */
export type TotpRefusal = {
  ok: false;
  reason: 'malformed-code' | 'wrong-code' | 'replayed' | 'bad-secret' | 'bad-time';
  message: string;
};
/** A code accepted: store `step` as the staff member's last used step, so it cannot be replayed. */
export type TotpCheck = { ok: true; step: number } | TotpRefusal;

/**
 * Checks a 6-digit code against the base32 `secret` at `now` (milliseconds since the epoch).
 *
 * - Accepts the code of the current step or of one step either side (clock skew).
 * - Refuses a code whose step is at or before `lastUsedStep` (RFC 6238 §5.2: each code is accepted
 *   once, and never an older one after a newer): pass null before the first unlock.
 * - Spaces are ignored and full-width digits (a Chinese input method's １２３) read as digits.
 * - Compares in constant time and checks all three steps whatever matches, so timing tells nothing.
 * - Does not limit attempts: one guess in ~333,000 succeeds, so the caller must (e.g. 5 per 15 min).
 *
 * @example
 *   const result = checkTotp(secret, '287082', Date.now(), staff.lastTotpStep);
 *   if (result.ok) staff.lastTotpStep = result.step; else show(result.message);
 */
export function checkTotp(
  secret: string,
  code: string,
  now: number,
  lastUsedStep: number | null,
): TotpCheck {
  const typed = code.normalize('NFKC').replace(/\s+/g, '');
  if (!CODE_PATTERN.test(typed)) {
    return refuse(
      'malformed-code',
      `A code is the ${TOTP_DIGITS} digits your authenticator app shows for ${TOTP_ISSUER}, e.g. 123456; type them without letters or other signs.`,
    );
  }
  const key = base32Decode(secret);
  if (!key.ok) {
    return refuse(
      'bad-secret',
      `The stored authenticator secret is damaged (${key.error}); an administrator must re-enrol the authenticator.`,
    );
  }
  if (!Number.isFinite(now) || now < 0) {
    return refuse('bad-time', `The server's time (${String(now)}) is not valid; check its clock.`);
  }
  const current = totpStep(now);
  const given = Buffer.from(typed);
  let matched: number | null = null;
  let replayed = false;
  // Oldest first, so a code that by chance matches two steps settles on the later of them.
  for (let step = current - TOTP_SKEW_STEPS; step <= current + TOTP_SKEW_STEPS; step += 1) {
    if (step < 0) continue;
    const equal = timingSafeEqual(given, Buffer.from(hotp(key.value, step, TOTP_DIGITS)));
    if (!equal) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) replayed = true;
    else matched = step;
  }
  if (matched !== null) return { ok: true, step: matched };
  if (replayed) {
    return refuse(
      'replayed',
      'This code has already been used. Wait for the next one in your authenticator app (a new code every 30 seconds).',
    );
  }
  return refuse(
    'wrong-code',
    'The code does not match. Type the code your authenticator app shows now for Custodian; if it keeps failing, check that the phone sets its clock automatically.',
  );
}

const refuse = (reason: TotpRefusal['reason'], message: string): TotpRefusal => ({
  ok: false,
  reason,
  message,
});
