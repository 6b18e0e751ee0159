// Numeric identifiers (resident IDs, phones, cards, all-digit USCCs) in chains of digit groups.
//
// A chain is digit groups joined by single spaces or hyphens ("138 1234 5678", "6222-0212-…").
// Contract of this module:
// - a group is a maximal run of [0-9A-Za-z_] that is all digits (or digits then one X); a run with
//   other letters ends the chain and never yields a number: "user_13812345678" is not a phone;
// - a candidate is a run of whole groups; it may start or end inside a chain only at a space,
//   because a hyphen glues groups into one identifier ("SO-2023-13812345678" is an order number);
// - from each group the longest candidate that validates wins, then scanning resumes after it.
import { luhnValid } from './checksums';
import { pushFinding } from './finding';
import { hasContext } from './context';
import { isDigit, isIdX, isWordChar, NO_CHAR } from './char-class';
import {
  cnAreaCodeLength,
  countryCodeLength,
  isCnId15,
  isCnId18,
  isCnMobile,
  isCnSubscriber,
  isUscc,
  knownIssuer,
} from './identifiers';
import { CONFIDENCE } from './types';
import type { Finding, PiiType } from '../schema/pii';

/** Chains longer than this are split: no identifier has more groups, and buffers stay fixed. */
const MAX_GROUPS = 64;
/** No candidate spans more groups than "+86 138 1234 5678" or "6222 0212 3456 7890 123" do. */
const MAX_CANDIDATE_GROUPS = 6;
/**
 * Digit counts outside this range cannot be any identifier we look for: with a + in front, E.164
 * numbers have 8 to 15 digits; without, the shortest is a landline (010 + 7 digits = 10) and the
 * longest a 19-digit card. Dates and times (2023-11-15 10:30) never reach classification.
 */
const MIN_DIGITS_PLUS = 8;
const MIN_DIGITS = 10;
const MAX_DIGITS = 19;

const SPACE = 32;
const HYPHEN = 45;
const PLUS = 43;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;

// Reused between calls: the scanner is single-threaded and never re-entrant.
const groupStart = new Int32Array(MAX_GROUPS);
const groupEnd = new Int32Array(MAX_GROUPS);
const groupSep = new Int32Array(MAX_GROUPS);

/** The character at the end of the run `digitRunEnd` read last, or NO_CHAR at the text's end. */
let runStop = NO_CHAR;

/** The character `digitRunEnd` stopped at in its last call: callers need not read it again. */
export function charAfterRun(): number {
  return runStop;
}

/**
 * End of the word run at `s` when it is all digits (or digits then one X), else the end negated:
 * the caller then scans that run as a word. `from` skips characters the caller has already read
 * as digits.
 */
export function digitRunEnd(text: string, s: number, from = s): number {
  const n = text.length;
  let e = from;
  let c = NO_CHAR;
  // Most runs are digits alone, followed by a space, quote or comma: read them with no bookkeeping.
  while (e < n) {
    c = text.charCodeAt(e);
    if (!isDigit(c)) break;
    e++;
  }
  if (e === n || !isWordChar(c)) {
    runStop = e === n ? NO_CHAR : c;
    return e;
  }
  let letters = 0;
  let lastIsX = false;
  while (e < n) {
    c = text.charCodeAt(e);
    if (!isWordChar(c)) break;
    if (!isDigit(c)) {
      letters++;
      lastIsX = isIdX(c);
    } else lastIsX = false;
    e++;
  }
  runStop = e === n ? NO_CHAR : c;
  if (letters === 0 || (letters === 1 && lastIsX && e - s > 1)) return e;
  return -e;
}

/** Whether a number may start at `s`; `p` is the character before it (read by the caller). */
function leftBoundaryOk(text: string, s: number, p: number): boolean {
  if (s === 0) return true;
  if (isWordChar(p) || p === 64) return false;
  // "3.13812345678", "SO-13812345678", "a.b": joined to a word before it
  if ((p === 46 || p === HYPHEN) && s > 1 && isWordChar(text.charCodeAt(s - 2))) return false;
  return true;
}

/** Whether a number may end at `e`; `q` is the character at `e` (read by the caller). */
function rightBoundaryOk(text: string, e: number, q: number): boolean {
  if (e >= text.length) return true;
  if (isWordChar(q) || q === 64) return false;
  if ((q === 46 || q === HYPHEN) && e + 1 < text.length && isWordChar(text.charCodeAt(e + 1))) {
    return false;
  }
  return true;
}

interface Classified {
  type: PiiType;
  confidence: number;
}

/** Group lengths of the candidate being classified; set by `scanNumberChain`, read below. */
let candFirst = 0;
let candLast = 0;

function groupLen(g: number): number {
  return groupEnd[g]! - groupStart[g]!;
}

/** True when the candidate's groups, from its `skip`-th on, have exactly these lengths. */
function groupsAre(lengths: readonly number[], skip = 0, firstLen = groupLen(candFirst)): boolean {
  const count = candLast - candFirst + 1 - skip;
  if (count !== lengths.length) return false;
  for (let i = 0; i < count; i++) {
    const len = i === 0 && skip === 0 ? firstLen : groupLen(candFirst + skip + i);
    if (len !== lengths[i]) return false;
  }
  return true;
}

const MOBILE_3_4_4 = [3, 4, 4];
const MOBILE_3_8 = [3, 8];
const MOBILE_7_4 = [7, 4];
const ID_6_8_4 = [6, 8, 4];
const ID15_6_6_3 = [6, 6, 3];

/** A mobile number's groups as people write them: 11, 3-4-4, 3-8 or 7-4 (after any prefix). */
function mobileGrouping(skip: number, firstLen: number): boolean {
  if (candLast - candFirst + 1 - skip === 1) return firstLen === 11;
  return (
    groupsAre(MOBILE_3_4_4, skip, firstLen) ||
    groupsAre(MOBILE_3_8, skip, firstLen) ||
    groupsAre(MOBILE_7_4, skip, firstLen)
  );
}

/**
 * A prefix (86, 0086) at the start of the candidate: when its first group is only the prefix the
 * mobile number starts at the next group (skip 1), else it starts inside the first group.
 */
function prefixSkip(prefix: number): number {
  return groupLen(candFirst) === prefix ? 1 : 0;
}

/** Length of the first group of the number after a prefix (see `prefixSkip`). */
function prefixFirstLen(prefix: number): number {
  const first = groupLen(candFirst);
  return first === prefix ? groupLen(candFirst + 1) : first - prefix;
}

/** Whether the digits from `at` in `digits` start with the characters `a`, `b` (char codes). */
function startsWith2(digits: string, at: number, a: number, b: number): boolean {
  return digits.charCodeAt(at) === a && digits.charCodeAt(at + 1) === b;
}

// Answers of `classify`, made once: classification runs for every long run of digits.
const CN_ID: Classified = { type: 'cn_id', confidence: CONFIDENCE.cnIdChecked };
const CN_ID_LEGACY: Classified = { type: 'cn_id', confidence: CONFIDENCE.cnIdLegacyContext };
const MOBILE_PLAIN: Classified = { type: 'phone', confidence: CONFIDENCE.mobilePlain };
const MOBILE_FORMATTED: Classified = { type: 'phone', confidence: CONFIDENCE.mobileFormatted };
const LANDLINE: Classified = { type: 'phone', confidence: CONFIDENCE.landline };
const INTERNATIONAL: Classified = { type: 'phone', confidence: CONFIDENCE.international };
const CARD_CHECKED: Classified = { type: 'bank_card', confidence: CONFIDENCE.cardChecked };
const CARD_CONTEXT: Classified = { type: 'bank_card', confidence: CONFIDENCE.cardContextOnly };
const USCC_CHECKED: Classified = { type: 'uscc', confidence: CONFIDENCE.usccChecked };
const USCC_DIGITS: Classified = { type: 'uscc', confidence: CONFIDENCE.usccDigits };

/** The candidate's digits after a +: `n` of them from `at` in `digits`. */
function classifyInternational(digits: string, at: number, n: number): Classified | null {
  if (startsWith2(digits, at, 56, 54)) {
    // +86: the national number follows
    if (isCnMobile(digits, at + 2, n - 2) && mobileGrouping(prefixSkip(2), prefixFirstLen(2))) {
      return MOBILE_FORMATTED;
    }
    const area = cnAreaCodeLength(digits, at + 2);
    if (area > 0 && isCnSubscriber(digits, at + 2 + area, n - 2 - area)) return LANDLINE;
    return null;
  }
  const cc = countryCodeLength(digits, at, n);
  if (cc === 0 || n < 8 || n > 15) return null;
  // Written grouped, the first group must be exactly the country code (+44 20 7946 0958).
  if (candLast > candFirst && groupLen(candFirst) !== cc) return null;
  return INTERNATIONAL;
}

function isCardGrouping(): boolean {
  const groups = candLast - candFirst + 1;
  if (groups === 1) return true;
  if (groups === 3 && groupLen(candFirst) === 4 && groupLen(candFirst + 1) === 6) {
    const last = groupLen(candLast);
    return last === 5 || last === 4; // Amex 4-6-5, Diners 4-6-4
  }
  if (groups < 3) return false;
  for (let g = candFirst; g < candLast; g++) if (groupLen(g) !== 4) return false;
  const last = groupLen(candLast);
  return last >= 1 && last <= 4;
}

function classifyLandline(digits: string, at: number, n: number): Classified | null {
  // Area code written with its trunk 0 as its own group: 010-62345678, 0755 1234 5678, …-8001
  const groups = candLast - candFirst + 1;
  if (groups < 2 || digits.charCodeAt(at) !== 48) return null;
  const area = cnAreaCodeLength(digits, at + 1);
  if (area === 0 || groupLen(candFirst) !== area + 1) return null;
  // The subscriber number may itself be grouped (021-6432-1188); failing that, a trailing
  // hyphenated group of 1–5 digits is an extension (010-62345678-8001).
  const subscriber = at + area + 1;
  if (groups <= 3 && isCnSubscriber(digits, subscriber, n - area - 1)) return LANDLINE;
  if (groups === 3 && groupSep[candLast - 1] === HYPHEN && groupLen(candLast) <= 5) {
    if (isCnSubscriber(digits, subscriber, n - groupLen(candLast) - area - 1)) return LANDLINE;
  }
  return null;
}

function idGrouping(): boolean {
  return candFirst === candLast || groupsAre(ID_6_8_4);
}

/**
 * Classifies the candidate of groups candFirst..candLast, whose `n` digits (separators removed)
 * stand from `at` in `digits`; `start` is where the candidate begins in `text`.
 */
function classify(
  text: string,
  start: number,
  digits: string,
  at: number,
  n: number,
  plus: boolean,
): Classified | null {
  if (plus) return classifyInternational(digits, at, n);
  const single = candFirst === candLast;
  if (isIdX(digits.charCodeAt(at + n - 1))) {
    if (n !== 18) return null;
    if (idGrouping() && isCnId18(digits, at, n)) return CN_ID;
    // X is also a USCC check character (91110000710925462X)
    return single && isUscc(digits, at, n) ? USCC_CHECKED : null;
  }
  if (n === 18 && idGrouping() && isCnId18(digits, at, n)) return CN_ID;
  if (n === 11 && isCnMobile(digits, at, n) && mobileGrouping(0, groupLen(candFirst))) {
    return single ? MOBILE_PLAIN : MOBILE_FORMATTED;
  }
  if (n === 15 && startsWith2(digits, at, 48, 48) && startsWith2(digits, at + 2, 56, 54)) {
    // 0086 and a mobile number
    if (isCnMobile(digits, at + 4, 11) && mobileGrouping(prefixSkip(4), prefixFirstLen(4))) {
      return MOBILE_FORMATTED;
    }
  }
  const landline = classifyLandline(digits, at, n);
  if (landline) return landline;
  if (n >= 13 && n <= 19 && isCardGrouping()) {
    // The issuer first: one table read turns away most long numbers (timestamps start with 1,
    // no issuer's prefix) before the Luhn sum reads every digit. A UnionPay number of 16–19
    // digits always has a known issuer, so the context-only case is inside this test too.
    if (knownIssuer(digits, at, n)) {
      const luhn = luhnValid(digits, at, n);
      if (luhn) return CARD_CHECKED;
      const unionPay = startsWith2(digits, at, 54, 50); // 62
      if (unionPay && n >= 16 && hasContext(text, start, 'card')) return CARD_CONTEXT;
    }
  }
  if (n === 15 && (single || groupsAre(ID15_6_6_3)) && isCnId15(digits, at, n)) {
    if (hasContext(text, start, 'cn_id')) return CN_ID_LEGACY;
  }
  if (n === 18 && single && isUscc(digits, at, n)) return USCC_DIGITS;
  return null;
}

/**
 * The digits of every group of the current chain, separators removed, as one string; group g's
 * digits start at digitOffset[g]. Built only when a candidate spans several groups (a candidate
 * of one group is read from the text itself), and at most once per chain.
 */
let chainDigits = '';
/** Whether chainDigits holds the current chain's digits; reset when a chain is read. */
let chainDigitsReady = false;
const digitOffset = new Int32Array(MAX_GROUPS);

function buildChainDigits(text: string, groups: number): void {
  if (chainDigitsReady) return;
  let digits = '';
  for (let g = 0; g < groups; g++) {
    digitOffset[g] = digits.length;
    digits += text.slice(groupStart[g]!, groupEnd[g]!);
  }
  chainDigits = digits;
  chainDigitsReady = true;
}

/**
 * Scans the chain of digit groups whose first group starts at `s`, pushing findings to `out`;
 * `firstEnd` is `digitRunEnd(text, s)`, which the caller has read already, and so are `before`
 * and `after`, the characters at s - 1 and at firstEnd (NO_CHAR past the text's ends): each
 * character read costs a type dispatch, and this runs for every run of three or more digits.
 * Returns the index after the chain, or the negated end of the word run when `s` does not start
 * an all-digit group (the caller then treats that run as a word).
 */
export function scanNumberChain(
  text: string,
  s: number,
  firstEnd: number,
  before: number,
  after: number,
  out: Finding[],
): number {
  if (firstEnd < 0) return firstEnd;
  const plus = before === PLUS && (s === 1 || !isWordChar(text.charCodeAt(s - 2)));
  // An area or country code in brackets, (010) 6234 5678 or (+86) 138…: the first group joins
  // the chain across ")" or ") ", and the finding starts at "(".
  const open = plus ? s - 2 : s - 1;
  const bracketed =
    open >= 0 &&
    firstEnd - s <= 4 &&
    (plus ? text.charCodeAt(open) : before) === OPEN_PAREN &&
    after === CLOSE_PAREN;
  // Most digit runs are short and alone (years, prices, quantities): nothing to classify.
  if (firstEnd - s < MIN_DIGITS_PLUS && !bracketed) {
    if (firstEnd + 1 >= text.length) return firstEnd;
    if ((after !== SPACE && after !== HYPHEN) || !isDigit(text.charCodeAt(firstEnd + 1))) {
      return firstEnd;
    }
  }
  let groups = 1;
  groupStart[0] = s;
  groupEnd[0] = firstEnd;
  let pos = firstEnd;
  let stop = after; // the character at pos
  let digits = firstEnd - s;
  while (groups < MAX_GROUPS && pos + 1 < text.length) {
    let sep = stop;
    let next = pos + 1;
    if (groups === 1 && bracketed) {
      if (text.charCodeAt(next) === SPACE) next++;
      sep = SPACE; // "(010) " separates like a space: a candidate may start after it
    } else if (sep !== SPACE && sep !== HYPHEN) break;
    if (next >= text.length || !isDigit(text.charCodeAt(next))) break;
    const e = digitRunEnd(text, next, next + 1);
    if (e < 0) break; // a mixed run such as "1A2B" ends the chain; the caller scans it as a word
    groupSep[groups - 1] = sep;
    groupStart[groups] = next;
    groupEnd[groups] = e;
    groups++;
    digits += e - next;
    pos = e;
    stop = runStop;
  }
  // Too few digits for any candidate (dates such as 2024-07-29, times, short codes): done.
  if (digits < (plus ? MIN_DIGITS_PLUS : MIN_DIGITS)) return pos;
  const prefixStart = bracketed && groups > 1 ? open : plus ? s - 1 : s;
  const beforePrefix =
    prefixStart === s ? before : prefixStart > 0 ? text.charCodeAt(prefixStart - 1) : NO_CHAR;
  const chainLeftOk = leftBoundaryOk(text, prefixStart, beforePrefix);
  const chainRightOk = rightBoundaryOk(text, pos, stop);

  chainDigitsReady = false;
  let k = 0;
  while (k < groups) {
    let next = k + 1;
    if (k === 0 ? chainLeftOk : groupSep[k - 1] === SPACE) {
      const jMax = Math.min(groups - 1, k + MAX_CANDIDATE_GROUPS - 1);
      let digitsInRun = 0;
      for (let j = k; j <= jMax; j++) digitsInRun += groupLen(j);
      for (let j = jMax; j >= k; j--) {
        const count = digitsInRun;
        digitsInRun -= groupLen(j);
        if (count < (plus && k === 0 ? MIN_DIGITS_PLUS : MIN_DIGITS) || count > MAX_DIGITS)
          continue;
        if (!(j === groups - 1 ? chainRightOk : groupSep[j] === SPACE)) continue;
        candFirst = k;
        candLast = j;
        const withPlus = plus && k === 0;
        const start = k === 0 ? prefixStart : groupStart[k]!;
        let found: Classified | null;
        if (k === j) found = classify(text, start, text, groupStart[k]!, count, withPlus);
        else {
          buildChainDigits(text, groups);
          found = classify(text, start, chainDigits, digitOffset[k]!, count, withPlus);
        }
        if (found) {
          pushFinding(out, found.type, start, groupEnd[j]!, found.confidence);
          next = j + 1;
          break;
        }
      }
    }
    k = next;
  }
  return pos;
}
