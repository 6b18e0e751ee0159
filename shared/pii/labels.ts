// Names and addresses cannot be told from their text alone; they are found when a label such as
// 姓名： or "Address:" introduces them. This module recognises the label and the extent of its value.
import { isAsciiLetter, isHan, NO_CHAR } from './char-class';

export interface LabelledValue {
  type: 'name' | 'address';
  start: number;
  end: number;
}

/** Chinese labels, matched at the end of the Han run before the colon (客户姓名 ends in 姓名). */
const ZH_NAME_LABELS = ['姓名', '名字', '联系人', '收货人', '收件人', '持卡人', '户名', '客户名'];
const ZH_ADDRESS_LABELS = ['地址', '住址', '收货地', '户籍地', '居住地'];
/** 邮箱地址, 网址, IP地址 end in 地址/址 too, and are not postal addresses. */
const ZH_NOT_ADDRESS = /邮|网|电子|服务器/;

/**
 * English labels, lower-cased without spaces, _ and - (customer_name → customername). A label is
 * a name when it is one of these qualifiers followed by "name", so productname is not.
 */
const EN_NAME_QUALIFIERS = new Set([
  '', 'full', 'first', 'last', 'middle', 'given', 'family', 'sur', 'real', 'legal', 'customer',
  'contact', 'client', 'recipient', 'receiver', 'consignee', 'sender', 'shipper', 'buyer', 'member',
  'holder', 'cardholder', 'account', 'accountholder', 'patient', 'guest', 'passenger', 'applicant',
  'owner', 'person', 'billing', 'shipping', 'delivery', 'emergencycontact',
]); // prettier-ignore
/** Whole labels that name a person without the word "name". */
const EN_NAME_LABELS = new Set([
  'customer', 'recipient', 'consignee', 'receiver', 'cardholder', 'accountholder', 'contact',
]); // prettier-ignore
/** Any label ending in address/addr is postal, unless what comes before says it is not. */
const EN_NOT_POSTAL =
  /(e?mail|ip|ipv[46]|mac|web|wallet|server|url|remote|local|memory|bitcoin|btc|eth|contract|link|network|host|proxy|gateway|bluetooth|ble|hardware|physical|broadcast)$/;
const EN_ADDRESS_LABELS = new Set(['shipto', 'billto', 'deliverto']);

/** Last character of every Chinese label above: anything else before a colon is no label. */
const ZH_LABEL_LAST = new Set(
  [...ZH_NAME_LABELS, ...ZH_ADDRESS_LABELS].map((label) => label.charCodeAt(label.length - 1)),
);

/** The last four letters before `q` (inclusive), lower-cased, as one number: no string built. */
function tailKey(text: string, q: number): number {
  return (
    (text.charCodeAt(q - 3) | 0x20) * 0x1000000 +
    (text.charCodeAt(q - 2) | 0x20) * 0x10000 +
    (text.charCodeAt(q - 1) | 0x20) * 0x100 +
    (text.charCodeAt(q) | 0x20)
  );
}

const keyOf = (word: string): number => tailKey(word, word.length - 1);

/**
 * Last four letters of every English label recognised: a colon after any other word (id:, amount:,
 * https:) is rejected before the label is read. Runs at every colon, so it must stay cheap.
 */
const EN_LABEL_WORDS = ['name', 'ress', 'addr', ...EN_NAME_LABELS, ...EN_ADDRESS_LABELS];
const EN_LABEL_TAILS = new Set(EN_LABEL_WORDS.map(keyOf));
/**
 * Last letters (lower case) of those words: most colons in JSON follow other keys ("price":,
 * "status":), and one table read turns them away before the four-letter key is hashed.
 */
const EN_LABEL_LAST = new Uint8Array(128);
for (const word of EN_LABEL_WORDS) EN_LABEL_LAST[word.charCodeAt(word.length - 1)] = 1;

/**
 * 1 at each character code a label can end with: the last character of a Chinese label, or a
 * letter (either case) ending an English one.
 */
const LABEL_LAST = new Uint8Array(0x10000);
for (const c of ZH_LABEL_LAST) LABEL_LAST[c] = 1;
for (let c = 97; c <= 122; c++) {
  if (EN_LABEL_LAST[c] === 1) LABEL_LAST[c] = LABEL_LAST[c - 32] = 1;
}
/** 1 at (second-to-last << 7 | last) of each English label word, both lower-cased. */
const EN_LABEL_PAIRS = new Uint8Array(128 * 128);
for (const word of EN_LABEL_WORDS) {
  EN_LABEL_PAIRS[(word.charCodeAt(word.length - 2) << 7) | word.charCodeAt(word.length - 1)] = 1;
}

/**
 * Where the label before the colon at `colon` ends: its last character, past spaces and one
 * closing quote (姓名 ：, "name":), or -1 when nothing comes before. Shared by mayEndLabel and
 * labelKind, so the quick refusal and the full reading agree on where a label ends.
 */
function labelLast(text: string, colon: number): number {
  let q = colon - 1;
  let c = q >= 0 ? text.charCodeAt(q) : NO_CHAR; // read once per place: this runs at every colon
  while (c === 32 || c === 0x3000) {
    q--;
    c = q >= 0 ? text.charCodeAt(q) : NO_CHAR;
  }
  if (isClosingQuote(c)) q--;
  return q;
}

/**
 * False when the colon at `colon` cannot end a label that `labelKind` recognises; true when it
 * may. Most colons follow something else (JSON keys such as "status":, "https:", times), and a
 * few table reads turn them away before any label is read. Mirrors labelKind's first tests.
 * @example mayEndLabel('姓名：张三', 2) // true
 */
export function mayEndLabel(text: string, colon: number): boolean {
  const q = labelLast(text, colon);
  if (q < 0) return false;
  const last = text.charCodeAt(q);
  if (LABEL_LAST[last] !== 1) return false;
  if (last >= 128) return true; // a Chinese label's last character
  if (q < 3) return false;
  const before = text.charCodeAt(q - 1) | 0x20;
  return before < 128 && EN_LABEL_PAIRS[(before << 7) | (last | 0x20)] === 1;
}

function englishLabelKind(label: string): 'name' | 'address' | null {
  if (label.endsWith('name')) {
    return EN_NAME_QUALIFIERS.has(label.slice(0, -4)) ? 'name' : null;
  }
  if (EN_NAME_LABELS.has(label)) return 'name';
  const suffix = label.endsWith('address') ? 7 : label.endsWith('addr') ? 4 : 0;
  if (suffix > 0) return EN_NOT_POSTAL.test(label.slice(0, -suffix)) ? null : 'address';
  return EN_ADDRESS_LABELS.has(label) ? 'address' : null;
}

/** Longest label looked at, in UTF-16 units; longer runs before a colon are prose, not labels. */
const MAX_LABEL = 32;
/** Longest address value taken: beyond it the value has run into something else. */
const MAX_ADDRESS = 160;
/** Labels a Chinese address may run into when fields are written without spaces (…88号电话：…). */
const ZH_TRAILING_LABEL = /(联系电话|电话号码|手机号码|手机号|电话|手机|邮箱|姓名|备注)$/;
const EN_TRAILING_LABEL = /\s+(phone|tel|mobile|email|e-mail|name|contact|note|notes)$/i;

/** Titles written after a name (张三先生); as char codes, compared in place. */
const HAN_TITLES = ['先生', '女士', '小姐', '同学', '老师', '师傅', '阁下'];

const OPENING_QUOTES = '"\'“「『';
const CLOSING_QUOTES = '"\'”」』';

function isClosingQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x300d || c === 0x300f;
}

const charCodes = (word: string): number[] => [...word].map((c) => c.charCodeAt(0));
/** The Chinese labels as char codes, compared in place: no label string is cut out per colon. */
const ZH_NAME_CODES = ZH_NAME_LABELS.map(charCodes);
const ZH_ADDRESS_CODES = ZH_ADDRESS_LABELS.map(charCodes);
const HAN_TITLE_CODES = HAN_TITLES.map(charCodes);

/**
 * The length of the first of `words` that text[s..q] (whose last character is `last`) ends with,
 * or 0 when it ends with none.
 */
function endsWithAny(
  text: string,
  s: number,
  q: number,
  last: number,
  words: readonly (readonly number[])[],
): number {
  next: for (const word of words) {
    const len = word.length;
    if (word[len - 1] !== last || q - s + 1 < len) continue;
    for (let k = 1; k < len; k++) if (text.charCodeAt(q - k) !== word[len - 1 - k]) continue next;
    return len;
  }
  return 0;
}

function labelKind(text: string, colon: number): 'name' | 'address' | null {
  const q = labelLast(text, colon);
  if (q < 0) return null;
  const last = text.charCodeAt(q);
  if (isHan(last)) {
    if (LABEL_LAST[last] !== 1) return null; // not the last character of any Chinese label
    let s = q;
    let before = NO_CHAR; // the character before the Han run, read once
    while (s > 0) {
      const c = text.charCodeAt(s - 1);
      if (q - s >= 8 || !isHan(c)) {
        before = c;
        break;
      }
      s--;
    }
    // IP地址, MAC地址: an ASCII word glued before the label makes it another kind of address.
    if (isAsciiLetter(before)) return null;
    if (endsWithAny(text, s, q, last, ZH_NAME_CODES) > 0) return 'name';
    if (
      endsWithAny(text, s, q, last, ZH_ADDRESS_CODES) > 0 &&
      !ZH_NOT_ADDRESS.test(text.slice(s, q + 1))
    ) {
      return 'address';
    }
    return null;
  }
  if (!isAsciiLetter(last) || EN_LABEL_LAST[last | 0x20] !== 1) return null;
  if (q < 3 || !EN_LABEL_TAILS.has(tailKey(text, q))) return null;
  let s = q;
  while (s > 0 && q - s < MAX_LABEL) {
    const c = text.charCodeAt(s - 1);
    if (!(isAsciiLetter(c) || c === 32 || c === 95 || c === 45)) break;
    s--;
  }
  return englishLabelKind(englishLabel(text, s, q));
}

/**
 * The label in [s, q] (ASCII letters, spaces, _ and -) lower-cased without spaces, _ and -. Most
 * labels are one word ("name", "Address"): one slice then, instead of a string grown per letter.
 */
function englishLabel(text: string, s: number, q: number): string {
  let i = s;
  while (i <= q && isAsciiLetter(text.charCodeAt(i))) i++;
  if (i > q) return text.slice(s, q + 1).toLowerCase();
  let label = '';
  for (i = s; i <= q; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 95 && c !== 45) label += String.fromCharCode(c | 0x20);
  }
  return label;
}

function hanNameEnd(text: string, start: number): number {
  let e = start;
  let dots = 0;
  while (e < text.length && e - start < 16) {
    const c = text.charCodeAt(e);
    if (isHan(c)) e++;
    else if ((c === 0xb7 || c === 0x2022) && e > start) {
      dots++;
      e++;
    } else break;
  }
  // A title after the name (张三先生) is not part of it.
  const title =
    e > start ? endsWithAny(text, start, e - 1, text.charCodeAt(e - 1), HAN_TITLE_CODES) : 0;
  if (title > 0 && e - title - start >= 2) e -= title;
  const len = e - start - dots;
  // 2–4 characters covers 张三 to 欧阳娜娜; a longer run is a phrase (请填写真实姓名), unless a
  // middle dot marks a transliterated name (阿卜杜拉·买买提).
  if (len < 2 || (dots === 0 && len > 4)) return -1;
  return e;
}

function latinNameEnd(text: string, start: number): number {
  let e = start;
  let words = 0;
  let p = start;
  while (words < 4 && p < text.length) {
    const first = text.charCodeAt(p);
    // Names are capitalised (Li Lei, ZHANG SAN); "is our customer" is a sentence, not a name.
    if (!(first >= 65 && first <= 90)) break;
    let w = p + 1;
    while (w < text.length) {
      const c = text.charCodeAt(w);
      if (isAsciiLetter(c) || c === 39 || c === 0x2019 || c === 45) w++;
      else break;
    }
    const after = text.charCodeAt(w);
    if (after === 58 || after === 0xff1a) break; // the next label ("Phone:") starts here
    words++;
    e = w;
    if (after !== 32 || !isAsciiLetter(text.charCodeAt(w + 1))) break;
    p = w + 1;
  }
  return words > 0 ? e : -1;
}

/**
 * Whether a Chinese address goes on after a space (福建省厦门市 思明区 湖滨南路): it does when Han
 * text or a number follows, unless that text is the next field's label (… 电话：).
 */
function addressGoesOn(text: string, next: number): boolean {
  const c = text.charCodeAt(next);
  if (!isHan(c)) return c >= 48 && c <= 57;
  let e = next;
  while (e < text.length && e - next < 8 && isHan(text.charCodeAt(e))) e++;
  const after = text.charCodeAt(e);
  return after !== 58 && after !== 0xff1a;
}

/**
 * Characters that end an unquoted address: field separators and markup (tab | ; < > " ；).
 * Compared, not looked up in a Set: this runs for every character of every address.
 */
function isAddressStop(c: number): boolean {
  return c === 9 || c === 124 || c === 59 || c === 60 || c === 62 || c === 34 || c === 0xff1b;
}

/** Characters of \s (JS white space and line ends) and , . ; ， 。 ； 、 */
function isTrailingPunctuation(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 44 || c === 46 || c === 59;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0xff0c || // ，
    c === 0x3002 || // 。
    c === 0xff1b || // ；
    c === 0x3001 // 、
  );
}

function addressEnd(text: string, start: number, quote: string | null): number {
  const limit = Math.min(text.length, start + MAX_ADDRESS);
  const han = isHan(text.charCodeAt(start));
  let e = start;
  const quoteCode = quote === null ? -1 : quote.charCodeAt(0);
  while (e < limit) {
    const c = text.charCodeAt(e);
    if (c === 10 || c === 13 || c === 58 || c === 0xff1a) break; // line end, or the next label
    if (quote !== null) {
      if (c === quoteCode) break;
    } else if (isAddressStop(c)) break;
    else if (han && (c === 0xff0c || c === 44))
      break; // ，,
    else if (han && (c === 32 || c === 0x3000) && !addressGoesOn(text, e + 1)) break;
    else if (!han && c === 32 && text.charCodeAt(e + 1) === 32) break;
    e++;
  }
  let end = e;
  if (text[e] === ':' || text[e] === '：') {
    const value = text.slice(start, e).replace(han ? ZH_TRAILING_LABEL : EN_TRAILING_LABEL, '');
    end = start + value.length;
  }
  // Trailing spaces and punctuation are no part of it: /[\s,.;，。；、]+$/ without a regex, which
  // would try every position of the value.
  while (end > start && isTrailingPunctuation(text.charCodeAt(end - 1))) end--;
  return end - start >= 4 ? end : -1;
}

/**
 * The name or address a label introduces, given the index of the colon after the label.
 * @example labelledValue('收货地址：上海市浦东新区世纪大道100号', 4)
 *   // { type: 'address', start: 5, end: 20 }
 */
export function labelledValue(text: string, colon: number): LabelledValue | null {
  const kind = labelKind(text, colon);
  if (kind === null) return null;
  let v = colon + 1;
  while (v < text.length && v - colon <= 4 && (text[v] === ' ' || text[v] === '\u3000')) v++;
  let quote: string | null = null;
  const open = OPENING_QUOTES.indexOf(text[v] ?? '');
  if (open >= 0) {
    quote = CLOSING_QUOTES[open]!;
    v++;
  }
  if (v >= text.length) return null;
  let end: number;
  if (kind === 'name') {
    end = isHan(text.charCodeAt(v)) ? hanNameEnd(text, v) : latinNameEnd(text, v);
  } else {
    end = addressEnd(text, v, quote);
  }
  return end > v ? { type: kind, start: v, end } : null;
}
