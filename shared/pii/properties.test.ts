// Properties over arbitrary input: scan never throws and returns well-formed findings; masking
// never shows more than its rule allows; chunked scanning equals scanning the whole text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiiType } from '../schema/pii';
import { mask } from './mask';
import { scan } from './scanner';
import { createStreamScanner } from './stream';
import { cnId, luhnComplete, uscc } from './test-values';

/** Pieces that exercise every path of the scanner when glued together at random. */
const piece = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[0-9 +\-@.:：_Xx]{1,30}$/),
  fc.constantFrom(
    '13812345678',
    '+86 138 1234 5678',
    '0086',
    '010-62345678',
    '+44 20 7946 0958',
    '(010) 6234 5678',
    '１３８１２３４５６７８',
    '７',
    '(+86) 138 1234 5678',
    '(',
    ')',
    cnId(),
    luhnComplete('621700123456789012'),
    '4111 1111 1111 1111',
    'li.lei@example.com',
    uscc(),
    '护照 E12345678',
    '姓名：张三',
    '收货地址：上海市浦东新区世纪大道100号',
    'Name: Li Lei',
    'Address: 12 Main St, Springfield',
    '身份证',
    '卡号',
    '\n',
    ' ',
    '-',
    '😀',
    '\ud800',
  ),
);
const textArb = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('scan on any string', () => {
  it('never throws, and findings are in bounds, ordered and disjoint', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const findings = scan(text);
        let last = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          last = f.end;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** How many characters each rule may leave readable (letters and digits; separators aside). */
const VISIBLE: Record<Exclude<PiiType, 'phone' | 'email' | 'address'>, number> = {
  cn_id: 2,
  passport: 2,
  bank_card: 8,
  uscc: 6,
  name: 1,
};

function visibleCount(raw: string, masked: string): number {
  let n = 0;
  for (let i = 0; i < masked.length; i++) {
    if (masked[i] !== '*' && /[\p{L}\p{N}]/u.test(masked[i]!) && masked[i] === raw[i]) n++;
  }
  return n;
}

describe('mask on any value', () => {
  const raw = fc.oneof(
    fc.string({ minLength: 1 }),
    fc.stringMatching(/^[+0-9 -]{1,24}$/),
    fc.stringMatching(/^[+0-9０-９ -]{1,24}$/),
  );

  it('keeps length and shows only characters of the value in place (all but e-mail)', () => {
    const types: PiiType[] = ['phone', 'cn_id', 'passport', 'bank_card', 'uscc', 'name', 'address'];
    fc.assert(
      fc.property(fc.constantFrom(...types), raw, (type, value) => {
        const masked = mask(type, value);
        expect(masked.length).toBe(value.length);
        for (let i = 0; i < masked.length; i++) {
          expect([value[i], '*']).toContain(masked[i]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never shows more characters than the rule allows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(VISIBLE) as (keyof typeof VISIBLE)[])),
        raw,
        (type, value) => {
          expect(visibleCount(value, mask(type, value))).toBeLessThanOrEqual(VISIBLE[type]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('hides at least the middle of every phone number: 4 digits of 11, 1 of anything', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9０-９][0-9０-９ -]{0,22}$/), (value) => {
        const digits = value.replace(/[^0-9０-９]/g, '').length;
        const masked = mask('phone', value);
        const hidden = [...masked].filter((c) => c === '*').length;
        if (digits >= 11) expect(hidden).toBeGreaterThanOrEqual(4);
        else if (digits >= 6) expect(hidden).toBeGreaterThanOrEqual(1);
        // digits shown: at most country code or 0086 (4), area code or mobile head (4), last 4
        expect(digits - hidden).toBeLessThanOrEqual(12);
      }),
      { numRuns: 3000 },
    );
  });

  it('shows at most the first character of an e-mail’s local part', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const masked = mask('email', email);
        const at = email.lastIndexOf('@');
        expect(masked).toBe(email[0] + '***' + email.slice(at));
      }),
    );
  });
});

describe('createStreamScanner', () => {
  it('finds exactly what scan finds on the whole text, however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 200 }).map((p) => p.join('')),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 20 }),
        (text, sizes) => {
          const scanner = createStreamScanner();
          const got = [];
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length]!;
            got.push(...scanner.push(text.slice(at, at + size)));
            at += size;
          }
          got.push(...scanner.end());
          const want = scan(text).map((f) => ({
            ...f,
            masked: mask(f.type, text.slice(f.start, f.end)),
          }));
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });
});
