// The detection pass: one left-to-right walk over the text that dispatches on the few characters
// that can begin PII (digits, letters, @, colons) and skips everything else at loop speed.
import type { Finding } from '../schema/pii';
import { ASCII_CLASS, isWordChar } from './char-class';
import { hasContext } from './context';
import { emailAt } from './email';
import { isUscc } from './identifiers';
import { labelledValue } from './labels';
import { scanNumberChain } from './numbers';
import { CONFIDENCE, PII_LEVEL } from './types';

const AT = 64;
const COLON = 58;
const FULLWIDTH_COLON = 0xff1a;

/** CN passports: E/G + 8 digits, E + letter (not I/O) + 7 digits, and D/S/P (DE/SE/PE) forms. */
const PASSPORT = /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E\d{7}|[DSP]\d{7,8})$/;

function pushFinding(
  out: Finding[],
  type: Finding['type'],
  start: number,
  end: number,
  confidence: number,
): void {
  out.push({ type, start, end, level: PII_LEVEL[type], confidence });
}

/** A run of letters and digits that is not a number: a USCC, or a passport number after 护照. */
function scanMixedToken(text: string, s: number, e: number, out: Finding[]): void {
  const len = e - s;
  if (len === 18) {
    const token = text.slice(s, e);
    if (isUscc(token)) {
      pushFinding(out, 'uscc', s, e, CONFIDENCE.usccChecked);
    }
  } else if (len >= 8 && len <= 9) {
    const token = text.slice(s, e);
    if (PASSPORT.test(token) && hasContext(text, s, 'passport')) {
      pushFinding(out, 'passport', s, e, CONFIDENCE.passportContext);
    }
  }
}

/** Removes findings that overlap [start, end): an e-mail wins over digits in its local part. */
function dropOverlapping(out: Finding[], start: number): void {
  while (out.length > 0 && out[out.length - 1]!.end > start) out.pop();
}

/**
 * Finds customer PII in `text`. Findings are sorted by start and never overlap; start/end are
 * UTF-16 indices (end exclusive). Never throws, and never returns the raw value.
 *
 * @example
 * scan('客户张三，手机 138-1234-5678')
 * // [{ type: 'phone', start: 8, end: 21, level: 2, confidence: 0.98 }]
 */
export function scan(text: string): Finding[] {
  const out: Finding[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const cls = ASCII_CLASS[c]!;
      if (cls === 1) {
        const end = scanNumberChain(text, i, out);
        if (end > 0) {
          i = end;
          continue;
        }
        scanMixedToken(text, i, -end, out);
        i = -end;
        continue;
      }
      if (cls !== 0) {
        let e = i + 1;
        let digits = 0;
        while (e < n) {
          const d = text.charCodeAt(e);
          if (!isWordChar(d)) break;
          if (d >= 48 && d <= 57) digits++;
          e++;
        }
        if (digits > 0) scanMixedToken(text, i, e, out);
        i = e;
        continue;
      }
      if (c === AT) {
        const email = emailAt(text, i);
        if (email) {
          dropOverlapping(out, email.start);
          pushFinding(out, 'email', email.start, email.end, CONFIDENCE.email);
          i = email.end;
          continue;
        }
      } else if (c === COLON) {
        i = scanLabel(text, i, out);
        continue;
      }
    } else if (c === FULLWIDTH_COLON) {
      i = scanLabel(text, i, out);
      continue;
    }
    i++;
  }
  return out;
}

function scanLabel(text: string, colon: number, out: Finding[]): number {
  const value = labelledValue(text, colon);
  if (value === null) return colon + 1;
  pushFinding(out, value.type, value.start, value.end, CONFIDENCE.labelled);
  return value.end;
}
