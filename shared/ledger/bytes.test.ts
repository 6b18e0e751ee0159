// Tests of the byte helpers and the pure SHA-256, against the platform's own implementations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, fromBase64, fromHex, toBase64, toHex, utf8Encode } from './bytes';
import { sha256 } from './sha256';

describe('utf8Encode', () => {
  it('matches TextEncoder on well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Encode(s)).toEqual(new TextEncoder().encode(s));
      }),
    );
  });

  it('refuses lone surrogates', () => {
    expect(utf8Encode('a\ud800b')).toBeNull();
    expect(utf8Encode('\udc00')).toBeNull();
    expect(utf8Encode('\ud83d\ude00')).toEqual(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]));
  });
});

describe('hex and base64', () => {
  it('round-trip any bytes, and base64 matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('accept one spelling only', () => {
    expect(fromHex('0g')).toBeNull();
    expect(fromHex('abc')).toBeNull();
    expect(fromBase64('AQI')).toBeNull(); // missing padding
    expect(fromBase64('AQJ=')).toBeNull(); // non-zero bits after the last byte
    expect(fromBase64('AQ-_')).toBeNull(); // URL alphabet
    expect(fromBase64('AQI=')).toEqual(new Uint8Array([1, 2]));
  });

  it('compares bytes', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
  });
});

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    const ascii = (s: string) => utf8Encode(s)!;
    expect(toHex(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(toHex(sha256(ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches Web Crypto on any input, across block boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        expect(sha256(bytes)).toEqual(expected);
      }),
    );
  });
});
