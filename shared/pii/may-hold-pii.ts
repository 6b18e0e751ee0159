// A quick refusal before `scan`, run by the regex engine in native code: most text nodes of a page
// (whitespace between tags, headings, prose, short numbers) hold nothing a finding can start at,
// and `scan`'s own loop costs more per character, above all in a page's first pass over its
// document, before the JIT has optimised it.

/**
 * Everything `scan` acts on (see its loop): a run of 3 or more digits, + before a digit, @, a
 * colon (labels) or a full-width digit. Text with none of these has no finding.
 */
const MAY_HOLD = /[0-9]{3}|\+[0-9]|[@:：\uff10-\uff19]/;

/**
 * False when `text` certainly holds no finding of `scan`; true when it may (call `scan`).
 *
 * @example mayHoldPii('\n    ') // false
 * @example mayHoldPii('订单 2 件') // false
 * @example mayHoldPii('电话 13812345678') // true
 */
export function mayHoldPii(text: string): boolean {
  return MAY_HOLD.test(text);
}
