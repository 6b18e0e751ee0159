// The detection pass: one left-to-right walk over the text that dispatches on the few characters
// that can begin PII (digits, +, @, colons) and skips everything else at loop speed.
import type { Finding } from '../schema/pii';
import { isDigit, isWordChar, NO_CHAR, toAsciiDigits } from './char-class';
import { hasContext } from './context';
import { emailAt } from './email';
import { isUscc } from './identifiers';
import { labelledValue, mayEndLabel } from './labels';
import { charAfterRun, digitRunEnd, scanNumberChain } from './numbers';
import { pushFinding } from './finding';
import { CONFIDENCE } from './types';

const AT = 64;
const COLON = 58;
const FULLWIDTH_COLON = 0xff1a;
const PLUS = 43;

/** True when `count` characters of `text` from `from` are all ASCII digits. */
function allDigits(text: string, from: number, count: number): boolean {
  for (let i = from; i < from + count; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * CN passports: E/G + 8 digits, E + letter (not I/O) + 7 digits, and D/S/P (DE/SE/PE) forms, i.e.
 * /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E\d{7}|[DSP]\d{7,8})$/ over [s, e), read by char code
 * without cutting the token out: every 8- or 9-character word with digits comes here.
 */
function isPassportShape(text: string, s: number, e: number): boolean {
  const len = e - s;
  const first = text.charCodeAt(s);
  const second = text.charCodeAt(s + 1);
  const dsp = first === 68 || first === 83 || first === 80; // D S P
  if (dsp && allDigits(text, s + 1, len - 1)) return true; // D1234567, P12345678
  if (len !== 9) return false;
  if (first === 69 || first === 71) {
    if (allDigits(text, s + 1, 8)) return true; // E12345678, G12345678
    // E + a capital letter other than I and O: E A1234567
    if (first === 71 || second < 65 || second > 90 || second === 73 || second === 79) return false;
    return allDigits(text, s + 2, 7);
  }
  return dsp && second === 69 && allDigits(text, s + 2, 7); // DE1234567
}

/** A run of letters and digits that is not a number: a USCC, or a passport number after 护照. */
function scanMixedToken(text: string, s: number, e: number, out: Finding[]): void {
  const len = e - s;
  if (len === 18) {
    if (isUscc(text, s, len)) {
      pushFinding(out, 'uscc', s, e, CONFIDENCE.usccChecked);
    }
  } else if (len >= 8 && len <= 9) {
    if (isPassportShape(text, s, e) && hasContext(text, s, 'passport')) {
      pushFinding(out, 'passport', s, e, CONFIDENCE.passportContext);
    }
  }
}

/** Removes findings that overlap [start, end): an e-mail wins over digits in its local part. */
function dropOverlapping(out: Finding[], start: number): void {
  while (out.length > 0 && out[out.length - 1]!.end > start) out.pop();
}

// What the scan loop does at a character, by its code: most characters are none of these.
const OTHER = 0;
const DIGIT = 1;
const LABEL_COLON = 2;
const EMAIL_AT = 3;
const PLUS_SIGN = 4;
const FULL_WIDTH_DIGIT = 5;
/**
 * One table read per character instead of a chain of comparisons: CRM text is mostly letters,
 * Han characters and punctuation, which the loop passes over at the cost of that one read.
 */
const TRIGGER = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) TRIGGER[c] = DIGIT;
TRIGGER[COLON] = LABEL_COLON;
TRIGGER[FULLWIDTH_COLON] = LABEL_COLON;
TRIGGER[AT] = EMAIL_AT;
TRIGGER[PLUS] = PLUS_SIGN;
// U+FF10–FF19 are full-width digits, which Chinese input methods type in forms.
for (let c = 0xff10; c <= 0xff19; c++) TRIGGER[c] = FULL_WIDTH_DIGIT;

/**
 * Finds customer PII in `text`. Findings are sorted by start and never overlap; start/end are
 * UTF-16 indices (end exclusive). Never throws, and never returns the raw value.
 *
 * One left-to-right loop that stops only where PII can start:
 * - a run of three or more digits (shorter runs cannot begin an identifier: without +, every
 *   first group has 3 or more digits, letter-led tokens such as E12345678 hold 7, and a chain
 *   reaches its short later groups itself), read once here and handed on with its end;
 * - + before a digit, @ (e-mail), and colons not right after a digit (labels; 12:30 is none);
 * - everything before `done` has been scanned: a token is never read back past it.
 * A plain loop, not a regex: CRM text has a trigger every few characters, and a RegExp call
 * costs as much as 15–30 characters of this loop (a regex-driven variant was 25% slower).
 *
 * @example
 * scan('客户张三，手机 138-1234-5678')
 * // [{ type: 'phone', start: 8, end: 21, level: 2, confidence: 0.98 }]
 */
export function scan(text: string): Finding[] {
  const out: Finding[] = [];
  const n = text.length;
  let done = 0; // everything before this index has been scanned
  let i = 0;
  while (i < n) {
    const kind = TRIGGER[text.charCodeAt(i)]!;
    if (kind === OTHER) {
      i++;
      continue;
    }
    let next = i + 1;
    if (kind === DIGIT) {
      let e = i + 1;
      let after = NO_CHAR; // the character that ends the run, handed on rather than read again
      while (e < n) {
        const c = text.charCodeAt(e);
        if (!isDigit(c)) {
          after = c;
          break;
        }
        e++;
      }
      if (e - i < 3) {
        // A short run (a day, a quantity) is passed over whole, and so is the character after
        // it when that starts nothing: a colon right after a digit ends no label (12:30).
        i = e;
        if (after !== NO_CHAR) {
          const then = TRIGGER[after]!;
          if (then === OTHER || then === LABEL_COLON) i = e + 1;
        }
        continue;
      }
      next = scanDigitRun(text, i, e, after, done, out);
    } else if (kind === LABEL_COLON) {
      if (i > 0 && isDigit(text.charCodeAt(i - 1))) {
        i++; // 12:30:05 — labels end in a letter, a Han character, a quote or a space
        continue;
      }
      if (mayEndLabel(text, i)) next = scanLabel(text, i, out);
    } else if (kind === EMAIL_AT) {
      const email = emailAt(text, i);
      if (email) {
        dropOverlapping(out, email.start);
        pushFinding(out, 'email', email.start, email.end, CONFIDENCE.email);
        next = email.end;
      }
    } else if (kind === PLUS_SIGN) {
      if (i + 1 >= n || !isDigit(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      const firstEnd = digitRunEnd(text, i + 1, i + 2);
      const end = scanNumberChain(text, i + 1, firstEnd, PLUS, charAfterRun(), out);
      if (end > 0) next = end;
      else {
        scanMixedToken(text, i + 1, -end, out);
        next = -end;
      }
    } else {
      // Rare: the text has full-width digits. Indices are the same in its ASCII form (one unit
      // per digit either way), so scanning that finds the same places.
      return scan(toAsciiDigits(text));
    }
    done = next;
    i = next;
  }
  return out;
}

/**
 * The run of 3 or more digits [i, e), not inside one scanned before `done`: a number chain, or
 * part of a word with letters. `after` is the character at e (NO_CHAR at the end of the text).
 * Returns where scanning goes on.
 */
function scanDigitRun(
  text: string,
  i: number,
  e: number,
  after: number,
  done: number,
  out: Finding[],
): number {
  const before = i > 0 ? text.charCodeAt(i - 1) : NO_CHAR;
  if (i > done && isWordChar(before)) {
    // Letters (or _) before the digits: a word such as SO20200506651928 or E12345678, never a
    // number, so it is read as a word whole.
    let s = i - 1;
    while (s > done && isWordChar(text.charCodeAt(s - 1))) s--;
    let end = e;
    if (isWordChar(after)) {
      end++;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    }
    scanMixedToken(text, s, end, out);
    return end;
  }
  let firstEnd = e;
  let stop = after;
  if (isWordChar(after)) {
    firstEnd = digitRunEnd(text, i, e);
    stop = charAfterRun();
  }
  const end = scanNumberChain(text, i, firstEnd, before, stop, out);
  if (end > 0) return end;
  scanMixedToken(text, i, -end, out);
  return -end;
}

function scanLabel(text: string, colon: number, out: Finding[]): number {
  const value = labelledValue(text, colon);
  if (value === null) return colon + 1;
  pushFinding(out, value.type, value.start, value.end, CONFIDENCE.labelled);
  return value.end;
}
