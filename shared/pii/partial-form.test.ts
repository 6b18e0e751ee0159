// partialForm: the conventions by example, and its promises (more than mask, never the raw value,
// same length) over generated values of every type and over arbitrary strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiiType } from '../schema/pii';
import { mask } from './mask';
import { partialForm } from './partial-form';
import { cnId } from './test-values';

describe('partialForm', () => {
  it.each([
    ['phone', '13812345678', '13812**5678'],
    ['phone', '138-1234-5678', '138-12**-5678'],
    ['phone', '+86 138 1234 5678', '+86 138 12** 5678'],
    ['phone', '0086 13812345678', '0086 13812**5678'],
    ['phone', '010-62345678', '010-62**5678'],
    ['phone', '0755-12345678', '0755-12**5678'],
    ['phone', '+44 20 7946 0958', '+44 20 7*** 0958'],
    ['phone', '(010) 6234 5678', '(010) 62** 5678'],
    ['phone', '１３８１２３４５６７８', '１３８１２**５６７８'],
    ['cn_id', '11010519491231002X', '110105********002X'],
    ['cn_id', cnId('440305', '19900307', '123'), '440305********123' + cnId('440305').at(-1)],
    ['cn_id', '110105491231002', '110105******002'],
    ['passport', 'E12345678', 'E1****678'],
    ['bank_card', '6222 0212 3456 0123', '6222 02** **** 0123'],
    ['bank_card', '6222021234560123', '622202******0123'],
    ['bank_card', '６２２２０２１２３４５６０１２３', '６２２２０２******０１２３'],
    ['bank_card', '6217 0012 3456 7890 123', '6217 00** **** ***0 123'],
    ['email', 'li.lei@example.com', 'li.***@example.com'],
    ['email', 'abcd@x.com', 'abc*@x.com'],
    ['email', 'abc@x.com', 'ab*@x.com'], // the convention would show it all: half of what mask hides
    ['email', 'a@x.com', 'a@x.com'], // mask already shows every character (only not the length)
    ['uscc', '91110000802100433B', '91110000******433B'],
    ['name', '张三', '张*'], // mask hides one character: nothing more can be shown
    ['name', '张三丰', '张*丰'],
    ['name', '欧阳娜娜', '欧**娜'],
    ['name', '阿沛·阿旺晋美', '阿*·***美'],
    ['name', 'John Smith', 'John S****'],
    ['name', 'John Ronald Reuel Tolkien', 'John R***** R**** T******'],
    ['name', 'Madonna', 'Mado***'],
    ['address', '上海市浦东新区世纪大道100号', '上海市浦东新区********'],
    ['address', '广东省深圳市南山区科技园', '广东省深圳市南山区***'],
    ['address', '江苏省苏州市昆山市玉山镇', '江苏省苏州市昆山市***'],
    ['address', '北京市密云县鼓楼大街1号', '北京市密云县******'],
    ['address', '上海市浦东新区', '上海市浦东**'],
    ['address', '上海市南京路步行街100号', '上海市南京路步行*****'],
    ['address', '12 Main St, Springfield, IL 62704', '** **** **, Springfield, IL 62704'],
    ['address', '12 Main St, Springfield', '** **in St, Springfield'],
  ] as const)('%s %s → %s', (type, raw, partial) => {
    expect(partialForm(type, raw)).toBe(partial);
  });

  it('hides a character outside the BMP as two units, keeping the length', () => {
    expect(partialForm('name', '张三𠀀丰')).toBe('张***丰');
    expect(partialForm('name', '张𠀀丰')).toBe('张**丰');
  });

  it('returns the empty string for an empty value', () => {
    expect(partialForm('phone', '')).toBe('');
  });
});

const TYPES: PiiType[] = [
  'phone',
  'cn_id',
  'passport',
  'bank_card',
  'email',
  'uscc',
  'name',
  'address',
];

/** Writes some ASCII digits as full-width ones, as Chinese input methods do. */
function fullWidth(value: string, pick: number): string {
  let i = 0;
  return value.replace(/\d/g, (d) =>
    (pick >> (i++ % 30)) & 1 ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d,
  );
}

/** Values as `scan` finds them, one arbitrary per type. */
const VALUES: Record<PiiType, fc.Arbitrary<string>> = {
  phone: fc.oneof(
    fc.stringMatching(/^(\+86 |0086)?1[3-9]\d( ?\d{4}){2}$/),
    fc.stringMatching(/^0\d{2,3}-\d{7,8}$/),
    fc.stringMatching(/^\+[1-9]\d{0,2} \d{2,4} \d{3,4} \d{4}$/),
  ),
  cn_id: fc.oneof(fc.stringMatching(/^\d{17}[\dX]$/), fc.stringMatching(/^\d{15}$/)),
  passport: fc.stringMatching(/^[EGDSP][A-Z0-9]?\d{7,8}$/),
  bank_card: fc.oneof(
    fc.stringMatching(/^\d{13,19}$/),
    fc.stringMatching(/^\d{4}( \d{4}){3}( \d{1,3})?$/),
  ),
  email: fc.emailAddress(),
  uscc: fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
  name: fc.oneof(
    fc.stringMatching(/^[\u4e00-\u9fa5]{2,4}$/),
    fc.stringMatching(/^[A-Z][a-z]{0,8}( [A-Z][a-z]{0,10}){0,2}$/),
  ),
  address: fc.oneof(
    fc.stringMatching(
      /^[\u4e00-\u9fa5]{2,4}[省市][\u4e00-\u9fa5]{1,4}[区县]?[\u4e00-\u9fa5]{0,8}\d{0,4}号?$/,
    ),
    fc.stringMatching(
      /^\d{1,4} [A-Z][a-z]{2,8} (St|Rd|Ave)(, [A-Z][a-z]{3,10}(, [A-Z]{2} \d{5})?)?$/,
    ),
  ),
};

const ANY = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.stringMatching(/^[+0-9０-９ \-@.,a-zA-Z张三上海市区*]{0,24}$/),
);
const TYPED = TYPES.map((type) =>
  fc
    .oneof(
      VALUES[type],
      fc.tuple(VALUES[type], fc.nat()).map(([v, pick]) => fullWidth(v, pick)),
      ANY, // and anything at all: the promises hold whatever a caller passes
    )
    .map((value) => ({ type, value })),
);
const typed = fc.oneof(...TYPED);

/** Splits `form` (a masked or partial form of `value`, same UTF-16 length) as `value` splits. */
function alongside(value: string, form: string): string[] {
  let offset = 0;
  return Array.from(value).map((ch) => form.slice(offset, (offset += ch.length)));
}

/**
 * Which characters (code points) of the value `mask` shows. A * of the value's own counts as
 * shown: it reads the same hidden or not. Half a character outside the BMP (which mask's
 * unit-by-unit rules may leave) is not a character shown.
 */
function shownByMask(type: PiiType, value: string): boolean[] {
  const chars = Array.from(value);
  if (type === 'email') {
    // e-mail's mask drops the local part's length: it shows the first character and from the @
    const at = chars.lastIndexOf('@');
    return chars.map((ch, j) => (at > 0 && (j === 0 || j >= at)) || ch === '*');
  }
  const masked = mask(type, value);
  // name and address masks go by code point: one * for a character outside the BMP
  const parts = masked.length === value.length ? alongside(value, masked) : Array.from(masked);
  return chars.map((ch, j) => parts[j] === ch);
}

/** Which characters of the value its partial form shows. */
function shownByPartial(type: PiiType, value: string): boolean[] {
  const parts = alongside(value, partialForm(type, value));
  return Array.from(value).map((ch, j) => parts[j] === ch);
}

const count = (flags: boolean[]) => flags.filter(Boolean).length;

describe('partialForm on any value', () => {
  it('has the length of the value and shows only the value’s characters, in place', () => {
    fc.assert(
      fc.property(typed, ({ type, value }) => {
        const partial = partialForm(type, value);
        expect(partial.length).toBe(value.length);
        for (let i = 0; i < value.length; i++) {
          if (partial[i] !== value[i] && partial[i] !== '*') expect(partial[i]).toBe(value[i]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('shows every character mask shows', () => {
    fc.assert(
      fc.property(typed, ({ type, value }) => {
        const partial = shownByPartial(type, value);
        const masked = shownByMask(type, value);
        expect(masked.filter((shown, j) => shown && !partial[j])).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('is never the raw value (at least 4 characters, of which mask hides one)', () => {
    fc.assert(
      fc.property(typed, ({ type, value }) => {
        fc.pre(value.length >= 4 && shownByMask(type, value).includes(false));
        expect(partialForm(type, value)).not.toBe(value);
      }),
      { numRuns: 3000 },
    );
  });

  it('shows strictly more than mask when mask hides 2 characters or more', () => {
    fc.assert(
      fc.property(typed, ({ type, value }) => {
        const masked = shownByMask(type, value);
        fc.pre(masked.length - count(masked) >= 2);
        expect(count(shownByPartial(type, value))).toBeGreaterThan(count(masked));
      }),
      { numRuns: 3000 },
    );
  });

  it('is never the raw value for a value as scan finds it, whatever its type', () => {
    fc.assert(
      fc.property(
        fc.oneof(...TYPES.map((type) => VALUES[type].map((value) => ({ type, value })))),
        ({ type, value }) => {
          fc.pre(!(type === 'email' && value.indexOf('@') === 1)); // mask shows it all already
          fc.pre(!(type === 'name' && value.length < 3));
          // A value that already holds the mask character where it is hidden ('y*@col.lti',
          // which fast-check found) reads the same after hiding: nothing of it is disclosed.
          fc.pre(!value.includes('*'));
          expect(partialForm(type, value)).not.toBe(value);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
