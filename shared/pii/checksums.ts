// Check-digit algorithms of the identifiers the engine validates: GB 11643, Luhn, GB 32100.

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK = '10X98765432';

/**
 * The GB 11643-1999 check character for the first 17 digits of an 18-digit resident ID.
 * @example cnIdCheckChar('11010519491231002') // 'X'
 */
export function cnIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * CN_ID_WEIGHTS[i]!;
  return CN_ID_CHECK[sum % 11]!;
}

/**
 * Luhn (ISO/IEC 7812) check over a string of ASCII digits.
 * @example luhnValid('4111111111111111') // true
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
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
 * The GB 32100-2015 check character for the first 17 characters of a USCC, or null when one of
 * them is outside the alphabet.
 * @example usccCheckChar('91110000802100433') // 'B'
 */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = first17.charCodeAt(i);
    const v = c < 128 ? USCC_VALUE[c]! : -1;
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * True when an 18-character unified social credit code has a valid GB 32100-2015 check character.
 * @example usccValid('91110000802100433B') // true
 */
export function usccValid(code: string): boolean {
  return code.length === 18 && usccCheckChar(code) === code[17];
}
