// Display masking: the form in which staff see each kind of PII until a reveal is allowed.
//
// | type      | rule                                                           | example                     |
// |-----------|----------------------------------------------------------------|-----------------------------|
// | phone     | CN mobile: first 3 and last 4 digits; landline: area code and  | 138****5678, 010-****5678,  |
// |           | last 4; international: country code and last 4                | +44 ** **** 0958            |
// | cn_id     | first and last character only                                  | 1****************X          |
// | passport  | first and last character only                                  | E*******8                   |
// | bank_card | first 4 and last 4 digits                                      | 6222 **** **** 0123         |
// | email     | first character of the local part, then ***; domain kept       | l***@example.com            |
// | uscc      | first 2 and last 4 characters                                  | 91************433B          |
// | name      | first character (Han) or first letter (Latin)                  | 张*, J*** *****             |
// | address   | province and city kept, the rest masked                        | 上海市*************         |
//
// Every rule but email's keeps the original length and separators, so a masked value takes the
// place of the raw one in a page's text without reflowing it, and offsets stay valid. E-mail
// hides the local part's length, which alone can narrow down who it is.
//
// Why IDs keep only the first and last character: digits 1–6 name the county of registration,
// 7–14 the birth date and 17 the sex; any two of these plus the last four digits (the common
// "6+4" display) single out a few people, so only what says nothing alone is shown.
import type { PiiType } from '../schema/pii';
import { isAsciiLetter, isDigit, isHan, toAsciiDigits } from './char-class';
import { cnAreaCodeLength, countryCodeLength } from './identifiers';

const STAR = '*';
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** Runs of stars, sliced instead of built one character at a time. */
const STARS = STAR.repeat(64);
const stars = (n: number): string => (n <= STARS.length ? STARS.slice(0, n) : STAR.repeat(n));

/**
 * Letters and digits of any script; the regex only for non-ASCII (a per-character regex test is
 * most of a mask's cost on the ASCII text of phones and cards).
 */
function isAlphanumericAt(raw: string, i: number, c: number): boolean {
  if (c < 128) return isDigit(c) || isAsciiLetter(c);
  return ALPHANUMERIC.test(raw[i]!);
}

/**
 * `raw` with the characters the caller marks (visiting each in order) replaced by *: the text is
 * joined from slices and star runs, a handful of pieces instead of one per character (values are
 * masked by the ten thousand when a page inserts a table, and every piece costs).
 */
class Starred {
  private out = '';
  private shownFrom = 0;
  private hidden = 0;
  constructor(private readonly raw: string) {}
  /** Character `i` (visited in order) shows as itself, or as * when `star`. */
  visit(i: number, star: boolean): void {
    if (star) {
      if (this.hidden === 0 && i > this.shownFrom) this.out += this.raw.slice(this.shownFrom, i);
      this.hidden++;
    } else if (this.hidden > 0) {
      this.out += stars(this.hidden);
      this.hidden = 0;
      this.shownFrom = i;
    }
  }
  done(): string {
    if (this.hidden > 0) return this.out + stars(this.hidden);
    return this.shownFrom === 0 ? this.raw : this.out + this.raw.slice(this.shownFrom);
  }
}

/**
 * Shows the digits whose index among the digits `keep` accepts; every other digit, and any letter
 * (never part of a phone or card, so never shown), becomes *. Separators stay.
 */
function maskDigits(
  raw: string,
  keep: (digitIndex: number, digitCount: number) => boolean,
): string {
  let count = 0;
  for (let i = 0; i < raw.length; i++) if (isDigit(raw.charCodeAt(i))) count++;
  const out = new Starred(raw);
  let d = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) out.visit(i, !keep(d++, count));
    else out.visit(i, isAlphanumericAt(raw, i, c));
  }
  return out.done();
}

function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  let prefix = 0; // leading digits that are country code or international prefix, always shown
  if (/^\(?\+/.test(raw)) prefix = digits.startsWith('86') ? 2 : countryCodeLength(digits);
  else if (digits.startsWith('0086')) prefix = 4;
  const national = digits.slice(prefix);
  const chinese = prefix === 0 || digits.startsWith('86') || digits.startsWith('0086');
  let head = 0; // leading national digits shown: mobile network, or area code with its trunk 0
  if (chinese && national.length === 11 && national.startsWith('1')) head = 3;
  else if (chinese && national.startsWith('0')) head = 1 + cnAreaCodeLength(national.slice(1));
  else if (chinese && prefix > 0) head = cnAreaCodeLength(national);
  // At least a third of the national number stays hidden, whatever its form; at most 4 at the end
  // are shown (138****5678 hides exactly its middle 4).
  const hidden = Math.ceil(national.length / 3);
  head = Math.min(head, national.length - hidden);
  const tail = Math.min(4, national.length - head - hidden);
  return maskDigits(raw, (i, n) => i < prefix + head || i >= n - tail);
}

function keepEnds(raw: string, first: number, last: number): string {
  const out = new Starred(raw);
  const tail = raw.length - last;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out.visit(i, i >= first && i < tail && c !== 32 && c !== 45); // space and hyphen stay
  }
  return out.done();
}

function maskName(raw: string): string {
  let out = '';
  let shown = false;
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    const letter = isHan(c) || ALPHANUMERIC.test(ch);
    if (letter && !shown) {
      out += ch;
      shown = true;
    } else out += letter ? STAR : ch;
  }
  return out;
}

/** Han addresses: everything up to the city (…市, or the province/prefecture when no 市). */
const CITY_END = /^.{0,12}?(?:市|自治州|地区|盟)|^.{0,8}?(?:省|自治区|特别行政区)/u;

function maskAddress(raw: string): string {
  if (isHan(raw.charCodeAt(0))) {
    const city = CITY_END.exec(raw);
    const keep = city ? city[0].length : 0;
    return raw.slice(0, keep) + raw.slice(keep).replace(/[^\s]/gu, STAR);
  }
  // Latin addresses put the street first and the city after the first comma; digits after it
  // (postcodes) are masked too.
  const comma = raw.indexOf(',');
  if (comma < 0) return raw.replace(/[^\s]/gu, STAR);
  return raw.slice(0, comma).replace(/[^\s]/gu, STAR) + raw.slice(comma).replace(/\d/g, STAR);
}

function maskEmail(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at <= 0) return STAR.repeat(3);
  return raw[0] + STAR.repeat(3) + raw.slice(at);
}

/**
 * The display form of a raw value found by `scan` as `type`. A masked string never shows more
 * than the rule in the table above allows, whatever the input.
 *
 * @example mask('phone', '13812345678') // '138****5678'
 * @example mask('bank_card', '6222 0212 3456 0123') // '6222 **** **** 0123'
 */
export function mask(type: PiiType, value: string): string {
  // Full-width digits (１３８…) follow the rules of the ASCII digits they stand for, as in `scan`;
  // where a rule shows a character, the value's own is shown.
  const raw = toAsciiDigits(value);
  const masked = maskAscii(type, raw);
  if (raw === value || masked.length !== value.length) return masked;
  let out = '';
  for (let i = 0; i < masked.length; i++) out += masked[i] === STAR ? STAR : value[i];
  return out;
}

function maskAscii(type: PiiType, raw: string): string {
  switch (type) {
    case 'phone':
      return maskPhone(raw);
    case 'cn_id':
    case 'passport':
      return keepEnds(raw, 1, 1);
    case 'bank_card':
      return maskDigits(raw, (i, n) => i < 4 || i >= n - 4);
    case 'uscc':
      return keepEnds(raw, 2, 4);
    case 'email':
      return maskEmail(raw);
    case 'name':
      return maskName(raw);
    case 'address':
      return maskAddress(raw);
  }
}
