// Structural validators for numeric identifiers: resident IDs, card issuers, CN and E.164 phone numbers.
// Inputs are ASCII digits (an ID may end in X) with separators already removed: a whole string, or
// `length` characters from `at` in a longer one, so the scanner validates a run of digits in the
// text it scans without cutting a substring out of it first.
import { cnIdCheckChar, isUsccChar, usccValid } from './checksums';
import { isDigit } from './char-class';

/** First two digits of a resident ID: the province-level division (GB/T 2260) it was issued in. */
const PROVINCE_CODES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];
/** 1 at the index of each province code: a table, as this runs for every 15- and 18-digit run. */
const PROVINCES = new Uint8Array(100);
for (const code of PROVINCE_CODES) PROVINCES[code] = 1;

function isProvince(code: number): boolean {
  return PROVINCES[code] === 1;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > DAYS_IN_MONTH[month - 1]!) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return !(month === 2 && day === 29 && !leap);
}

/**
 * An 18-character resident ID (GB 11643-1999): province, real birth date, check character.
 * @example isCnId18('11010519491231002X') // true
 */
export function isCnId18(id: string, at = 0, length = id.length - at): boolean {
  if (length !== 18 || !isProvince(digitsAt(id, at, 2))) return false;
  const year = digitsAt(id, at + 6, 4);
  const month = digitsAt(id, at + 10, 2);
  // Birth years outside 1900–2099 do not occur on IDs in use.
  if (year < 1900 || year > 2099 || !realDate(year, month, digitsAt(id, at + 12, 2))) {
    return false;
  }
  const last = id[at + 17] === 'x' ? 'X' : id[at + 17];
  return cnIdCheckChar(id, at) === last;
}

/**
 * A 15-digit resident ID of the pre-1999 form: province, then a 19YYMMDD birth date. It has no check
 * character, which is why callers require a context word as well.
 * @example isCnId15('110105491231002') // true
 */
export function isCnId15(id: string, at = 0, length = id.length - at): boolean {
  if (length !== 15 || !isProvince(digitsAt(id, at, 2))) return false;
  const year = 1900 + digitsAt(id, at + 6, 2);
  return realDate(year, digitsAt(id, at + 8, 2), digitsAt(id, at + 10, 2));
}

/**
 * GB 32100-2015 layout: registration authority (1-9, A, N, Y), organisation type (1-9), six digits
 * of administrative division, nine characters of organisation code and check character from the
 * alphabet (upper case). Checked by char code: this runs on every 18-character run of the text.
 */
function hasUsccShape(code: string, at: number, length: number): boolean {
  if (length !== 18) return false;
  const authority = code.charCodeAt(at); // 1-9, A, N or Y
  const nonZero = isDigit(authority) && authority !== 48;
  if (!nonZero && authority !== 65 && authority !== 78 && authority !== 89) return false;
  const type = code.charCodeAt(at + 1);
  if (!isDigit(type) || type === 48) return false;
  for (let i = at + 2; i < at + 8; i++) if (!isDigit(code.charCodeAt(i))) return false;
  for (let i = at + 8; i < at + 18; i++) if (!isUsccChar(code.charCodeAt(i))) return false;
  return true;
}

/**
 * A unified social credit code: GB 32100 layout, a real province (or 10, the national level) in
 * its division code, and a valid check character. Many are all digits, so the layout and the
 * division code, not letters, are what tell one from an 18-digit order number.
 * @example isUscc('91110000802100433B') // true
 */
export function isUscc(code: string, at = 0, length = code.length - at): boolean {
  if (!hasUsccShape(code, at, length)) return false;
  const province = digitsAt(code, at + 2, 2);
  return (province === 10 || isProvince(province)) && usccValid(code, at, length);
}

/** Issuer identification number ranges (first digits) and the lengths their cards have. */
const ISSUER_RANGES: readonly {
  from: number;
  to: number;
  digits: number;
  lengths: readonly number[];
}[] = [
  { from: 62, to: 62, digits: 2, lengths: [16, 17, 18, 19] }, // UnionPay
  { from: 81, to: 81, digits: 2, lengths: [16, 17, 18, 19] }, // UnionPay 8-series
  { from: 4, to: 4, digits: 1, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, digits: 2, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, digits: 4, lengths: [16] }, // Mastercard 2-series
  { from: 34, to: 34, digits: 2, lengths: [15] }, // American Express
  { from: 37, to: 37, digits: 2, lengths: [15] }, // American Express
  { from: 3528, to: 3589, digits: 4, lengths: [16, 17, 18, 19] }, // JCB
  { from: 6011, to: 6011, digits: 4, lengths: [16, 17, 18, 19] }, // Discover
  { from: 644, to: 649, digits: 3, lengths: [16, 17, 18, 19] }, // Discover
  { from: 65, to: 65, digits: 2, lengths: [16, 17, 18, 19] }, // Discover
  { from: 36, to: 36, digits: 2, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { from: 300, to: 305, digits: 3, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { from: 38, to: 39, digits: 2, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { from: 2200, to: 2204, digits: 4, lengths: [16, 17, 18, 19] }, // Mir
];

/**
 * For each four-digit prefix 0000–9999, a bit mask of the card lengths (bit n for n digits) some
 * issuer range allows: one look-up per candidate instead of a walk over the ranges, which ran for
 * every Luhn-valid run of 13–19 digits (one in ten timestamps, order and tracking numbers).
 */
let issuerLengths: Uint32Array | undefined;

/** Built on first use, not at load: the extension loads this module into every frame at
 * document_start, and a page with no card-like number never needs the table (~0.5 ms cold). */
function buildIssuerLengths(): Uint32Array {
  const table = new Uint32Array(10_000);
  for (const range of ISSUER_RANGES) {
    const divisor = 10 ** (4 - range.digits);
    let mask = 0;
    for (const length of range.lengths) mask |= 1 << length;
    for (let prefix = range.from * divisor; prefix < (range.to + 1) * divisor; prefix++) {
      table[prefix]! |= mask;
    }
  }
  return table;
}

/** True when the number's prefix and length belong to a known card issuer. */
export function knownIssuer(digits: string, at = 0, length = digits.length - at): boolean {
  const first4 = digitsAt(digits, at, 4);
  if (!(first4 >= 0 && first4 < 10_000) || length > 31) return false;
  return (((issuerLengths ??= buildIssuerLengths())[first4]! >>> length) & 1) === 1;
}

/** A CN mobile number: 11 digits, 1 then 3–9 (the segments carriers have been allotted). */
export function isCnMobile(digits: string, at = 0, length = digits.length - at): boolean {
  if (length !== 11 || digits.charCodeAt(at) !== 49) return false;
  const second = digits.charCodeAt(at + 1);
  return second >= 51 && second <= 57;
}

/**
 * Length of the CN area code at the start of `national` (written without its trunk 0): 2 for 10
 * and 2x (Beijing, Shanghai, Guangzhou, ...), 3 for the rest, 0 when no area code can start so.
 */
export function cnAreaCodeLength(national: string, at = 0): number {
  const first = national.charCodeAt(at);
  if (first === 49) return national.charCodeAt(at + 1) === 48 ? 2 : 0; // only 10 starts with 1
  if (first === 50) return 2;
  if (first >= 51 && first <= 57) return 3;
  return 0;
}

/**
 * A CN landline subscriber number: 7 or 8 digits not starting with 0 (which would be a trunk
 * prefix). Numbers starting with 1 are rare but written in examples and test data, so allowed.
 */
export function isCnSubscriber(digits: string, at = 0, length = digits.length - at): boolean {
  const first = digits.charCodeAt(at);
  return (length === 7 || length === 8) && first >= 49 && first <= 57;
}

/** ITU-T E.164 country calling codes in use, as [from, to] ranges of 1-, 2- and 3-digit codes. */
const COUNTRY_CODE_RANGES: readonly (readonly [number, number])[] = [
  [1, 1], [7, 7], [20, 20], [27, 27], [30, 34], [36, 36], [39, 41], [43, 49], [51, 58], [60, 66],
  [81, 82], [84, 84], [86, 86], [90, 95], [98, 98], [211, 213], [216, 216], [218, 218], [220, 258],
  [260, 269], [290, 291], [297, 299], [350, 359], [370, 378], [380, 383], [385, 387], [389, 389],
  [420, 421], [423, 423], [500, 509], [590, 599], [670, 670], [672, 692], [850, 850], [852, 853],
  [855, 856], [880, 880], [886, 886], [960, 968], [970, 977], [992, 996], [998, 998],
]; // prettier-ignore

/** The ranges with the digit count of their codes, worked out once rather than at every look-up. */
const COUNTRY_CODES = COUNTRY_CODE_RANGES.map(([from, to]) => ({
  from,
  to,
  digits: String(from).length,
}));

/**
 * Length (1–3) of the country calling code at the start of an E.164 number's digits, or 0 when
 * none fits. E.164 codes are prefix-free, so at most one length matches.
 * @example countryCodeLength('442079460958') // 2
 */
export function countryCodeLength(digits: string, at = 0, length = digits.length - at): number {
  for (let len = 1; len <= 3 && len < length; len++) {
    const code = digitsAt(digits, at, len);
    for (let i = 0; i < COUNTRY_CODES.length; i++) {
      const range = COUNTRY_CODES[i]!;
      if (code >= range.from && code <= range.to && range.digits === len) return len;
    }
  }
  return 0;
}
