// scanAppended must find exactly what scan finds on the whole text, however the text grew.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPEND_REWIND, scanAppended } from './append';
import { scan } from './scanner';
import { cnId, luhnComplete, uscc } from './test-values';

/** PII, near-PII and the characters the scanner and the restart search care about. */
const fragment = fc.constantFrom(
  '13812345678',
  '+86 138 1234 5678',
  '010-62345678',
  '(010) 6234 5678',
  '１３８１２３４５６７８',
  cnId(),
  '身份证 ' + cnId('110105', '19491231', '002').slice(0, 15),
  luhnComplete('621700123456789012'),
  '4111 1111 1111 1111',
  'li.lei@example.com',
  uscc(),
  '护照 E12345678',
  '姓名：张三',
  '收货地址：上海市浦东新区世纪大道100号',
  'Name: Li Lei',
  'Address: 12 Main St, Springfield',
  '卡号',
  ':',
  '\n',
  ', ',
  '，',
  ' ',
  '-',
  '😀',
);
/** Filler, some of it long: runs of digit groups and e-mail domains longer than the rewind. */
const filler = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.stringMatching(/^[0-9 +\-@.:_Xx,]{1,30}$/),
  fc.integer({ min: 1, max: 400 }).map((n) => '000 '.repeat(n)),
  fc.integer({ min: 1, max: 900 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 900 }).map((n) => `a@example.${'c'.repeat(n)}`),
);
const textArb = fc
  .array(fc.oneof(fragment, filler), { minLength: 1, maxLength: 80 })
  .map((parts) => parts.join(''));

describe('scanAppended', () => {
  it('equals scan of the whole text for one append at any point', () => {
    fc.assert(
      fc.property(textArb, fc.double({ min: 0, max: 1, noNaN: true }), (whole, at) => {
        const prefix = whole.slice(0, Math.floor(whole.length * at));
        expect(scanAppended(whole, scan(prefix), prefix.length)).toEqual(scan(whole));
      }),
      { numRuns: 400 },
    );
  });

  it('equals scan of the whole text after many small appends', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 10 }),
        (whole, sizes) => {
          let findings = scan('');
          let length = 0;
          for (let i = 0; length < whole.length; i++) {
            const next = Math.min(whole.length, length + sizes[i % sizes.length]!);
            findings = scanAppended(whole.slice(0, next), findings, length);
            length = next;
          }
          expect(findings).toEqual(scan(whole));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds a phone inside a run of more than 64 digit groups that crosses the rewind', () => {
    // Chains are cut every 64 groups counted from where scanning began: rewinding a fixed
    // distance into such a run cut it elsewhere and lost this phone.
    for (const pad of [18, 19, 40]) {
      const whole = 'x '.repeat(pad) + '000 '.repeat(300) + '138 1234 5678 ' + '000 '.repeat(100);
      const old = 1500;
      const want = scan(whole);
      expect(want.map((f) => f.type)).toEqual(['phone']);
      expect(scanAppended(whole, scan(whole.slice(0, old)), old)).toEqual(want);
    }
  });

  it('drops an e-mail whose unbounded domain the append turned invalid', () => {
    const whole = `${'y'.repeat(598)} a@example.${'c'.repeat(800)}5 tail`;
    const old = 1300;
    expect(scan(whole.slice(0, old)).map((f) => f.type)).toEqual(['email']);
    expect(scanAppended(whole, scan(whole.slice(0, old)), old)).toEqual([]);
  });

  it('keeps the earlier findings it was given instead of scanning the old text again', () => {
    const old = `订单，${'x'.repeat(5000)}。`;
    const marker = { type: 'name' as const, start: 10, end: 12, level: 3 as const, confidence: 1 };
    const found = scanAppended(`${old} 13812345678`, [marker], old.length);
    expect(found[0]).toEqual(marker);
    const phone = scan(' 13812345678').map((f) => ({
      ...f,
      start: f.start + old.length,
      end: f.end + old.length,
    }));
    expect(phone.map((f) => f.type)).toEqual(['phone']);
    expect(found.slice(1)).toEqual(phone);
  });

  it('scans the whole text when it is short or has no restart point near its end', () => {
    const marker = { type: 'name' as const, start: 0, end: 2, level: 3 as const, confidence: 1 };
    expect(scanAppended('ab 13812345678', [marker], 2)).toEqual(scan('ab 13812345678'));
    const word = 'x'.repeat(4 * APPEND_REWIND);
    expect(scanAppended(`${word} 13812345678`, [marker], word.length)).toEqual(
      scan(`${word} 13812345678`),
    );
  });
});
