// Character classes for the scanner's hot loop, as lookup tables over ASCII and range checks beyond.

/** ASCII class: 1 digit, 2 letter, 3 underscore; 0 for everything else. */
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 2;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 2;
ASCII_CLASS[95] = 3;

/** Letters, digits and underscore: characters that glue into one token with a number. */
export function isWordChar(c: number): boolean {
  return c < 128 && ASCII_CLASS[c] !== 0;
}

/**
 * Stands for the character past either end of the text, so a caller can hand on a character it
 * has read (or found missing) instead of reading it again: it is in no class below.
 */
export const NO_CHAR = 0x10000;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return c < 128 && ASCII_CLASS[c] === 2;
}

/** CJK unified ideographs and extension A: what Chinese names and addresses are written in. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** X or x: the check character 10 of an 18-digit resident ID. */
export function isIdX(c: number): boolean {
  return c === 88 || c === 120;
}

/** Full-width digits ０–９ (U+FF10–FF19), which Chinese input methods type in forms. */
const FULL_WIDTH_DIGITS = /[\uff10-\uff19]/g;

/**
 * The text with full-width digits as ASCII ones. Each is one UTF-16 unit either way, so every
 * index into the result is the same index into the input.
 * @example toAsciiDigits('１３８') // '138'
 */
export function toAsciiDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
