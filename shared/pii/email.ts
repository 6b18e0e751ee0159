// E-mail addresses, found from their @: the local part is read backwards, the domain forwards.
import { ASCII_CLASS, isAsciiLetter, NO_CHAR } from './char-class';

const DOT = 46;
const PLUS = 43;
const HYPHEN = 45;

/** RFC 5321 limits the local part to 64 octets; past that it is not an address people write. */
const MAX_LOCAL = 64;

function isLocalChar(c: number): boolean {
  // letters, digits, _ and the punctuation real addresses use: . % + -
  return c < 128 && (ASCII_CLASS[c] !== 0 || c === 46 || c === 37 || c === 43 || c === 45);
}

function isLeadingPunctuation(c: number): boolean {
  return c === DOT || c === PLUS || c === HYPHEN;
}

function isDomainChar(c: number): boolean {
  return c < 128 && ((ASCII_CLASS[c] !== 0 && c !== 95) || c === 45);
}

/**
 * The extent of the e-mail address around the @ at index `at`, or null when there is none.
 * @example emailAt('mail li.lei@example.com now', 11) // { start: 5, end: 23 }
 */
export function emailAt(text: string, at: number): { start: number; end: number } | null {
  // Each character is read once and handed on: a read costs a type dispatch, and this runs at
  // every @ of the text.
  const last = at > 0 ? text.charCodeAt(at - 1) : NO_CHAR;
  if (last === DOT || !isLocalChar(last)) return null;
  let s = at - 1;
  let first = last; // the character at s
  while (s > 0 && at - s < MAX_LOCAL) {
    const c = text.charCodeAt(s - 1);
    if (!isLocalChar(c)) break;
    s--;
    first = c;
  }
  // A local part may not start with a dot; a leading +/- is punctuation around it.
  if (isLeadingPunctuation(first)) {
    s++;
    while (s < at && isLeadingPunctuation(text.charCodeAt(s))) s++;
    if (s === at) return null;
  }

  const n = text.length;
  let p = at + 1;
  let c = p < n ? text.charCodeAt(p) : NO_CHAR; // the character at p
  let labels = 0;
  let lastLabelStart = p;
  let lastLabelLetters = true;
  for (;;) {
    const labelStart = p;
    if (!isDomainChar(c) || c === HYPHEN) return null;
    let end = c;
    let letters = true;
    do {
      if (!isAsciiLetter(c)) letters = false;
      end = c;
      p++;
      c = p < n ? text.charCodeAt(p) : NO_CHAR;
    } while (isDomainChar(c));
    if (end === HYPHEN) return null;
    labels++;
    lastLabelStart = labelStart;
    lastLabelLetters = letters;
    if (c !== DOT || p + 1 >= n) break;
    const next = text.charCodeAt(p + 1);
    if (!isDomainChar(next)) break;
    p++;
    c = next;
  }
  // The top-level domain: two or more letters.
  if (labels < 2 || p - lastLabelStart < 2 || !lastLabelLetters) return null;
  return { start: s, end: p };
}
