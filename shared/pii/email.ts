// E-mail addresses, found from their @: the local part is read backwards, the domain forwards.
import { ASCII_CLASS, isAsciiLetter } from './char-class';

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
  let s = at;
  while (s > 0 && at - s < MAX_LOCAL && isLocalChar(text.charCodeAt(s - 1))) s--;
  // A local part may not start with a dot; a leading +/- is punctuation around it.
  while (s < at && isLeadingPunctuation(text.charCodeAt(s))) s++;
  if (s === at || text.charCodeAt(at - 1) === DOT) return null;

  let p = at + 1;
  let labels = 0;
  let lastLabelStart = p;
  for (;;) {
    const labelStart = p;
    while (p < text.length && isDomainChar(text.charCodeAt(p))) p++;
    if (p === labelStart || text.charCodeAt(labelStart) === HYPHEN) return null;
    if (text.charCodeAt(p - 1) === HYPHEN) return null;
    labels++;
    lastLabelStart = labelStart;
    const dot = text.charCodeAt(p) === DOT;
    if (!dot || p + 1 >= text.length || !isDomainChar(text.charCodeAt(p + 1))) break;
    p++;
  }
  if (labels < 2 || p - lastLabelStart < 2) return null;
  for (let i = lastLabelStart; i < p; i++) if (!isAsciiLetter(text.charCodeAt(i))) return null;
  return { start: s, end: p };
}
