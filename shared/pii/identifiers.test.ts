// The validators read a range of a longer string (the scanner passes its text and an offset instead
// of a substring): reading a value in place must answer as reading it alone; the issuer table must
// answer as the walk over the issuer ranges it replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, usccValid } from './checksums';
import {
  cnAreaCodeLength,
  countryCodeLength,
  isCnId15,
  isCnId18,
  isCnMobile,
  isCnSubscriber,
  isUscc,
  knownIssuer,
} from './identifiers';
import { cnId, luhnComplete, uscc } from './test-values';

/** Strings the validators see: digits with an X or a USCC letter now and then. */
const value = fc.oneof(
  fc.stringMatching(/^[0-9]{0,20}$/),
  fc.stringMatching(/^[0-9]{10,19}[0-9Xx]$/),
  fc.stringMatching(/^[0-9A-Z]{18}$/),
  fc.constantFrom(cnId(), cnId('440304', '20000229', '001'), '110105491231002', uscc()),
  fc.constantFrom('91110000710925462X', '13812345678', '6222021234567890123', '442079460958'),
  fc.constantFrom(luhnComplete('621700123456789012'), '4111111111111111', '378282246310005'),
);
const around = fc.stringMatching(/^[0-9A-Za-z ]{0,8}$/);

describe('validators read in place', () => {
  it('answer for a value inside a longer string as for the value alone', () => {
    fc.assert(
      fc.property(around, value, around, (before, v, after) => {
        const text = before + v + after;
        const at = before.length;
        const n = v.length;
        expect(isCnId18(text, at, n)).toBe(isCnId18(v));
        expect(isCnId15(text, at, n)).toBe(isCnId15(v));
        expect(isUscc(text, at, n)).toBe(isUscc(v));
        expect(usccValid(text, at, n)).toBe(usccValid(v));
        expect(isCnMobile(text, at, n)).toBe(isCnMobile(v));
        expect(isCnSubscriber(text, at, n)).toBe(isCnSubscriber(v));
        expect(luhnValid(text, at, n)).toBe(luhnValid(v));
        expect(countryCodeLength(text, at, n)).toBe(countryCodeLength(v));
        if (n >= 4) expect(knownIssuer(text, at, n)).toBe(knownIssuer(v));
        if (n >= 2) expect(cnAreaCodeLength(text, at)).toBe(cnAreaCodeLength(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('keep the known answers', () => {
    expect(isCnId18(cnId())).toBe(true);
    expect(isCnId18('11010519491231002x')).toBe(true);
    expect(isUscc('91110000802100433B')).toBe(true);
    expect(isUscc('91110000802100433b')).toBe(false);
    expect(isUscc('I1110000802100433B')).toBe(false);
    expect(countryCodeLength('442079460958')).toBe(2);
  });
});

/** The issuer ranges as the walk before the table read them (from, to, prefix digits, lengths). */
const RANGES: readonly [number, number, number, readonly number[]][] = [
  [62, 62, 2, [16, 17, 18, 19]],
  [81, 81, 2, [16, 17, 18, 19]],
  [4, 4, 1, [13, 16, 19]],
  [51, 55, 2, [16]],
  [2221, 2720, 4, [16]],
  [34, 34, 2, [15]],
  [37, 37, 2, [15]],
  [3528, 3589, 4, [16, 17, 18, 19]],
  [6011, 6011, 4, [16, 17, 18, 19]],
  [644, 649, 3, [16, 17, 18, 19]],
  [65, 65, 2, [16, 17, 18, 19]],
  [36, 36, 2, [14, 15, 16, 17, 18, 19]],
  [300, 305, 3, [14, 15, 16, 17, 18, 19]],
  [38, 39, 2, [14, 15, 16, 17, 18, 19]],
  [2200, 2204, 4, [16, 17, 18, 19]],
];

function knownIssuerByWalk(digits: string): boolean {
  const first4 = Number(digits.slice(0, 4));
  return RANGES.some(([from, to, prefixDigits, lengths]) => {
    const prefix = Math.floor(first4 / 10 ** (4 - prefixDigits));
    return prefix >= from && prefix <= to && lengths.includes(digits.length);
  });
}

describe('knownIssuer', () => {
  it('answers as the walk over the ranges for every 4-digit prefix and card length', () => {
    for (let first4 = 0; first4 < 10_000; first4++) {
      for (let length = 12; length <= 20; length++) {
        const digits = String(first4).padStart(4, '0').padEnd(length, '0');
        if (knownIssuer(digits) !== knownIssuerByWalk(digits)) {
          expect.fail(`knownIssuer('${digits}') differs from the walk over the issuer ranges`);
        }
      }
    }
  });
});
