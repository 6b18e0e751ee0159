import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldPii } from './may-hold-pii';
import { scan } from './scanner';
import { cnId, luhnComplete, uscc } from './test-values';

/** Values of every type, and their labels and context words. */
const PII = [
  '13812345678',
  '+86 138 1234 5678',
  '0086 13812345678',
  '010-62345678',
  '+44 20 7946 0958',
  '(010) 6234 5678',
  '１３８１２３４５６７８',
  cnId(),
  '身份证 110105491231002',
  luhnComplete('621700123456789012'),
  '4111 1111 1111 1111',
  'li.lei@example.com',
  uscc(),
  '护照 E12345678',
  '护照 EA1234567',
  '姓名：张三',
  '收货地址：上海市浦东新区世纪大道100号',
  'Name: Li Lei',
  'Address: 12 Main St, Springfield',
];

/**
 * Edits that take away what `mayHoldPii` looks for while keeping most of the text: a value's
 * digits spaced out, @ and colons replaced, + dropped.
 */
const defuse = fc.constantFrom(
  (s: string) => s.replace(/([0-9０-９])(?=[0-9０-９])/g, '$1 '),
  (s: string) => s.replace(/[@:：]/g, ' '),
  (s: string) => s.replace(/\+/g, ''),
  (s: string) =>
    s.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)),
);

const text = fc
  .array(fc.oneof(fc.constantFrom(...PII, ' ', '\n', '-', '号'), fc.string()), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('mayHoldPii', () => {
  it('says "may" for every kind of value scan finds', () => {
    for (const value of PII) {
      expect(scan(value).length, value).toBeGreaterThan(0);
      expect(mayHoldPii(value), value).toBe(true);
    }
  });

  it('refuses whitespace, prose and short numbers', () => {
    for (const s of [
      '',
      '\n      ',
      '客户列表 Customers',
      '共 12 件，¥45.50',
      'a+b',
      '第 1-2 页',
    ]) {
      expect(mayHoldPii(s), s).toBe(false);
    }
  });

  it('never refuses a text in which scan finds anything', () => {
    fc.assert(
      fc.property(text, fc.array(defuse, { maxLength: 4 }), (raw, edits) => {
        const t = edits.reduce((s, edit) => edit(s), raw);
        if (!mayHoldPii(t)) expect(scan(t)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
