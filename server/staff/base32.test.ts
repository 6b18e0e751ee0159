// Base32 against RFC 4648 §10's vectors, and round trips of any bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('base32', () => {
  // RFC 4648 §10, with the padding removed.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  it.each(vectors)('encodes %j as %j and back', (plain, encoded) => {
    expect(base32Encode(utf8(plain))).toBe(encoded);
    expect(base32Decode(encoded)).toEqual({ ok: true, value: utf8(plain) });
  });

  it('reads lower case and the RFC’s padding', () => {
    expect(base32Decode('mzxw6ytboi======')).toEqual({ ok: true, value: utf8('foobar') });
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(bytes);
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect(base32Decode(encoded)).toEqual({ ok: true, value: bytes });
      }),
    );
  });

  it('refuses characters outside the alphabet and impossible lengths, saying where', () => {
    expect(base32Decode('MZXW1YTB')).toEqual({
      ok: false,
      error: expect.stringContaining('Character 5 of the base32 text is not A–Z or 2–7'),
    });
    expect(base32Decode('MZX')).toEqual({
      ok: false,
      error: expect.stringContaining('3 characters cannot be whole bytes'),
    });
  });
});
