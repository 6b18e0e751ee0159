// Base32 as RFC 4648 §6 spells it (A–Z, 2–7), without padding: the form authenticator apps expect
// for a TOTP secret in an otpauth:// URI and for typing it in by hand.
import { err, ok, type Result } from '../../shared/ledger/result';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Encodes bytes as upper-case base32 without `=` padding.
 *
 * @example
 *   base32Encode(new TextEncoder().encode('foobar')); // 'MZXW6YTBOI'
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // at most 12 bits are ever pending
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes base32, in either case, with or without trailing `=` padding. Refuses any other
 * character, and lengths no whole number of bytes encodes to (1, 3 or 6 characters past a
 * multiple of 8), with a message that says where the text is wrong.
 *
 * @example
 *   base32Decode('mzxw6ytboi'); // { ok: true, value: bytes of 'foobar' }
 */
export function base32Decode(text: string): Result<Uint8Array> {
  const body = text.replace(/=+$/, '').toUpperCase();
  if ([1, 3, 6].includes(body.length % 8)) {
    return err(
      `A base32 text of ${body.length} characters cannot be whole bytes; check that it was copied completely.`,
    );
  }
  const out = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < body.length; i += 1) {
    const value = ALPHABET.indexOf(body[i]!);
    if (value < 0) {
      return err(
        `Character ${i + 1} of the base32 text is not A–Z or 2–7 (0, 1, 8 and 9 are never used); check the copy.`,
      );
    }
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return ok(out);
}
