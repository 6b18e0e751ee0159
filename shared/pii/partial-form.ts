// The partial form of a value (R12): what a `partial` reveal right shows, more than `mask` and
// less than the raw value.
//
// | type      | shown                                                    | mask → partial                   |
// |-----------|----------------------------------------------------------|----------------------------------|
// | phone     | mask's digits and the first half of those it hides: the  | 138****5678 → 13812**5678        |
// |           | subscriber digits before the shown tail stay hidden      | +44 ** **** 0958 → +44 20 7*** 0958 |
// | cn_id     | region code (6) and last 4 (3 of a 15-digit ID): never   | 1****************X →             |
// |           | the birth date                                           | 110105********002X               |
// | passport  | first 2 and last 3 characters                            | E*******8 → E1****678            |
// | bank_card | first 6 (issuer) and last 4 digits, as PCI DSS allows    | 6222 **** **** 0123 →            |
// |           |                                                          | 6222 02** **** 0123              |
// | email     | first 3 characters of the local part; the domain         | l***@example.com →               |
// |           |                                                          | li.***@example.com               |
// | uscc      | first 8 (authority, type, region code) and last 4        | 91************433B →             |
// |           |                                                          | 91110000******433B               |
// | name      | Han, 3+ characters: the first and last; Latin: the first | 张** → 张*丰                     |
// |           | name whole and the initials of the others                | J*** ***** → John S****          |
// | address   | Han: on to the district or county after the city (区, 县, | 上海市******** →                 |
// |           | 旗, or a county-level 市); Latin: all after the first     | 上海市浦东新区****               |
// |           | comma, postcode included                                 | **, Springfield, IL 62704        |
//
// Whatever the input, and this is what the tests check:
// - every character `mask` shows is shown: a partial reveal never hides what the page showed;
// - when `mask` hides anything, something stays hidden: the partial form is never the raw value;
// - when `mask` hides 2 characters or more, more is shown than by `mask`. Where the convention
//   shows nothing more (no district, a one-word name) or everything (a short value), half of what
//   mask hides, rounded down, is shown instead: from the front, except in a Latin address, whose
//   hidden part is house number then street: there the street is shown and the number is not;
// - the length in UTF-16 units is the value's (a hidden character outside the BMP becomes **), so
//   the partial form takes the place of the masked one in a page without reflowing it. Unlike
//   mask, e-mail keeps the local part's length: a partial right is trusted with that much.
import type { PiiType } from '../schema/pii';
import { isDigit, isHan, toAsciiDigits } from './char-class';
import { mask } from './mask';

const STAR = '*';
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
/** A county-level division right after the city: 浦东新区, 昆山市, 密云县, 土默特左旗. */
const DISTRICT_END = /^.{0,10}?(?:区|县|旗|市)/u;

type Shown = boolean[];

/**
 * The partial form of a raw value found by `scan` as `type`, for staff whose reveal right on that
 * type has `access: 'partial'`.
 *
 * @example partialForm('bank_card', '6222 0212 3456 0123') // '6222 02** **** 0123'
 * @example partialForm('phone', '13812345678') // '13812**5678'
 * @example partialForm('cn_id', '11010519491231002X') // '110105********002X'
 */
export function partialForm(type: PiiType, value: string): string {
  // Full-width digits follow the rules of the ASCII digits they stand for, as in `mask`; where a
  // character is shown, the value's own is. Both split into the same code points.
  const own = Array.from(value);
  const chars = Array.from(toAsciiDigits(value));
  const masked = maskShown(type, value, own);
  const convention = conventionShown(type, chars, masked);
  const hidden: number[] = [];
  for (let j = 0; j < masked.length; j++) if (!masked[j]) hidden.push(j);
  let gained = 0;
  for (const j of hidden) if (convention[j]) gained++;

  let shown: Shown = masked.map((s, j) => s || convention[j] === true);
  const k = hidden.length;
  if (k > 0 && (gained === k || (k >= 2 && gained === 0))) {
    const reveal = Math.floor(k / 2);
    const fromEnd = type === 'address' && !startsWithHan(chars);
    const revealed = new Set(fromEnd ? hidden.slice(k - reveal) : hidden.slice(0, reveal));
    shown = masked.map((s, j) => s || revealed.has(j));
  }
  let out = '';
  for (let j = 0; j < own.length; j++) out += shown[j] ? own[j] : STAR.repeat(own[j]!.length);
  return out;
}

/** Which code points `mask` shows. */
function maskShown(type: PiiType, value: string, own: string[]): Shown {
  if (type === 'email') {
    // mask('email') drops the local part's length, so its output does not line up with the value:
    // it shows the first character and everything from the last @.
    const at = own.lastIndexOf('@');
    return own.map((ch, j) => (at > 0 && (j === 0 || j >= at)) || ch === STAR);
  }
  const m = mask(type, value);
  if (m.length === value.length) {
    // Unit by unit (digit and fixed-position rules); a code point counts as shown only when all
    // its units are. A * of the value's own is shown: it reads the same either way.
    let offset = 0;
    return own.map((ch) => {
      const shown = m.slice(offset, offset + ch.length) === ch;
      offset += ch.length;
      return shown;
    });
  }
  // Name and address rules go code point by code point, so a hidden character outside the BMP
  // became a single *.
  const mc = Array.from(m);
  if (mc.length === own.length) return own.map((ch, j) => mc[j] === ch);
  // Unreachable with mask's rules (each keeps either units or code points); showing nothing that
  // mask showed would break the first promise, hiding everything keeps the others.
  return own.map(() => false);
}

/** Which code points the type's convention shows, before the promises above are enforced. */
function conventionShown(type: PiiType, chars: string[], masked: Shown): Shown {
  switch (type) {
    case 'phone':
      return chars.map(() => false); // no convention beyond mask: half of what it hides
    case 'bank_card':
      return digitEnds(chars, 6, 4);
    case 'cn_id': {
      const length = chars.filter((c) => ALPHANUMERIC.test(c)).length;
      return indexEnds(chars, 6, length === 15 ? 3 : 4);
    }
    case 'passport':
      return indexEnds(chars, 2, 3);
    case 'uscc':
      return indexEnds(chars, 8, 4);
    case 'email': {
      const at = chars.lastIndexOf('@');
      return chars.map((_, j) => at > 0 && (j < Math.min(3, at) || j >= at));
    }
    case 'name':
      return nameShown(chars);
    case 'address':
      return addressShown(chars, masked);
  }
}

function digitEnds(chars: string[], first: number, last: number): Shown {
  const count = chars.filter((c) => isDigit(c.charCodeAt(0))).length;
  let d = 0;
  return chars.map((c) => {
    if (!isDigit(c.charCodeAt(0))) return !ALPHANUMERIC.test(c);
    const i = d++;
    return i < first || i >= count - last;
  });
}

function indexEnds(chars: string[], first: number, last: number): Shown {
  return chars.map((c, j) => j < first || j >= chars.length - last || c === ' ' || c === '-');
}

function isLetter(c: string): boolean {
  return isHan(c.codePointAt(0)!) || ALPHANUMERIC.test(c);
}

function startsWithHan(chars: string[]): boolean {
  const first = chars.find(isLetter);
  return first !== undefined && isHan(first.codePointAt(0)!);
}

function nameShown(chars: string[]): Shown {
  const letters: number[] = [];
  chars.forEach((c, j) => {
    if (isLetter(c)) letters.push(j);
  });
  const shown = chars.map((c) => !isLetter(c));
  if (startsWithHan(chars)) {
    // Surname, then the given name's last character; a two-character name has nothing between.
    if (letters.length >= 3) shown[letters[0]!] = shown[letters.at(-1)!] = true;
    return shown;
  }
  // Latin: the first word whole, the first letter of every other word.
  let word = 0;
  for (let j = 0; j < chars.length; j++) {
    if (!isLetter(chars[j]!)) continue;
    const startsWord = j === 0 || !isLetter(chars[j - 1]!);
    if (startsWord && j !== letters[0]) word++;
    shown[j] = word === 0 || startsWord;
  }
  return shown;
}

function addressShown(chars: string[], masked: Shown): Shown {
  if (startsWithHan(chars)) {
    let city = 0; // what mask keeps: province and city
    while (city < chars.length && masked[city]) city++;
    const district = DISTRICT_END.exec(chars.slice(city).join(''));
    const end = city + (district ? Array.from(district[0]).length : 0);
    return chars.map((_, j) => j < end);
  }
  // Latin addresses put the city after the first comma; the partial form adds its postcode.
  const comma = chars.indexOf(',');
  return chars.map((_, j) => comma >= 0 && j >= comma);
}
