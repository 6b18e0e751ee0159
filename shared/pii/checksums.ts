// Check-digit algorithms of the identifiers the engine validates: GB 11643, Luhn, GB 32100.

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK = '10X98765432';

/**
 * The GB 11643-1999 check character for the first 17 digits of an 18-digit resident ID, read
 * from `at` in `first17` (the scanner passes the text it scans, so no substring is made).
 * @example cnIdCheckChar('11010519491231002') // 'X'
 */
export function cnIdCheckChar(first17: string, at = 0): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(at + i) - 48) * CN_ID_WEIGHTS[i]!;
  return CN_ID_CHECK[sum % 11]!;
}

/**
 * Luhn (ISO/IEC 7812) check over `length` ASCII digits of `digits` from `at` (all of it by default).
 * @example luhnValid('4111111111111111') // true
 */
export function luhnValid(digits: string, at = 0, length = digits.length - at): boolean {
  let sum = 0;
  let double = false;
  for (let i = at + length - 1; i >= at; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Value of each character code in the alphabet, -1 for characters outside it. */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

/**
 * The GB 32100-2015 check character for the 17 characters of `first17` from `at`, or null when
 * one of them is outside the alphabet.
 * @example usccCheckChar('91110000802100433') // 'B'
 */
export function usccCheckChar(first17: string, at = 0): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = first17.charCodeAt(at + i);
    const v = c < 128 ? USCC_VALUE[c]! : -1;
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** True when `c` is a character code of the GB 32100-2015 alphabet (upper case only). */
export function isUsccChar(c: number): boolean {
  return c < 128 && USCC_VALUE[c]! >= 0;
}

/**
 * True when an 18-character unified social credit code has a valid GB 32100-2015 check character.
 * `at` and `length` select the code inside a longer string.
 * @example usccValid('91110000802100433B') // true
 */
export function usccValid(code: string, at = 0, length = code.length - at): boolean {
  return length === 18 && usccCheckChar(code, at) === code[at + 17];
}
