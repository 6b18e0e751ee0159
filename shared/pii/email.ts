// E-mail addresses, found from their @: the local part is read backwards, the domain forwards.
import { ASCII_CLASS, isAsciiLetter } from './char-class';

/** RFC 5321 limits the local part to 64 octets; past that it is not an address people write. */
const MAX_LOCAL = 64;

function isLocalChar(c: number): boolean {
  // letters, digits, _ and the punctuation real addresses use: . % + -
  return c < 128 && (ASCII_CLASS[c] !== 0 || c === 46 || c === 37 || c === 43 || c === 45);
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
  while (s < at && (text[s] === '.' || text[s] === '+' || text[s] === '-')) s++;
  if (s === at || text[at - 1] === '.') return null;

  let p = at + 1;
  let labels = 0;
  let lastLabelStart = p;
  for (;;) {
    const labelStart = p;
    while (p < text.length && isDomainChar(text.charCodeAt(p))) p++;
    if (p === labelStart || text[labelStart] === '-' || text[p - 1] === '-') return null;
    labels++;
    lastLabelStart = labelStart;
    if (text[p] === '.' && p + 1 < text.length && isDomainChar(text.charCodeAt(p + 1))) p++;
    else break;
  }
  if (labels < 2 || p - lastLabelStart < 2) return null;
  for (let i = lastLabelStart; i < p; i++) if (!isAsciiLetter(text.charCodeAt(i))) return null;
  return { start: s, end: p };
}
