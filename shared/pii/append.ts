// Rescans only the end of a text that grew at its end (the HTML parser appending to a long text
// node, a log view streaming lines), so a text grown in n steps costs O(n), not O(n²).
import type { Finding } from '../schema/pii';
import { scan } from './scanner';

/** How far back from the old end a restart point (see `restartPoint`) is looked for. */
export const APPEND_REWIND = 512;
/** Furthest the scanner reads back from a place it decides at: context words (24), labels (34). */
const LOOK_BEHIND = 64;
/** A label's value ends within this many units of its colon: 4 spaces, a quote, 160 of address. */
const LABEL_REACH = 200;
const LF = 10;
const CR = 13;
const COLON = 58;
const FULLWIDTH_COLON = 0xff1a;
/** Punctuation that no number chain, e-mail or name contains; only a labelled address may. */
const BREAKS = new Set([...',;!?<>/\\=[]{}|\t#&，。；！？、'].map((ch) => ch.charCodeAt(0)));

/**
 * The last index `p` in [oldLength - APPEND_REWIND, oldLength] where the scanner starts afresh,
 * or -1. At such a `p`:
 * - no finding and no skip of the scanner spans `text[p - 1]`: it is a line break (no token
 *   crosses one) or a break character with no colon in the LABEL_REACH units before it;
 * - so `scan` is in the same state at `p` whether it started at 0 or at `p - LOOK_BEHIND`, and
 *   what it decides before `p` does not depend on anything after `p`.
 * Rewinding a fixed distance is not enough: a chain of more than 64 digit groups is cut into
 * pieces counted from where scanning began, and e-mail domains and Latin names have no length
 * limit, so any fixed line can fall inside a token.
 */
function restartPoint(text: string, oldLength: number): number {
  const lo = Math.max(1, oldLength - APPEND_REWIND);
  let lastColon = -Infinity;
  let found = -1;
  for (let i = Math.max(0, lo - 1 - LABEL_REACH); i < oldLength; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON || c === FULLWIDTH_COLON) lastColon = i;
    else if (i + 1 < lo) continue;
    else if (c === LF || c === CR || (BREAKS.has(c) && i - lastColon > LABEL_REACH)) found = i + 1;
  }
  return found;
}

/**
 * The findings of `text` given `before`, the findings of its first `oldLength` characters.
 * Equals `scan(text)` (tested by property). Scans only from a restart point in the last
 * APPEND_REWIND characters of the old text (a line break or punctuation outside a labelled
 * value); a text with none there, such as one long word, is scanned whole.
 *
 * @example
 *   const a = '订单，' + 'x'.repeat(5000) + '。';
 *   scanAppended(a + ' 13812345678', scan(a), a.length); // [phone finding]
 */
/**
 * Where to rescan a text that grew from `oldLength`: findings starting at or after `restart` are
 * new or changed, and scanning from `from` (before `restart`, for context words) finds them all.
 * Undefined when the whole text must be scanned again.
 *
 * @example
 *   const old = 'x'.repeat(2000) + '\n';
 *   appendWindow(old + '电话 13812345678', old.length); // { restart: 2001, from: 1937 }
 */
export function appendWindow(
  text: string,
  oldLength: number,
): { restart: number; from: number } | undefined {
  if (oldLength <= 2 * APPEND_REWIND) return undefined;
  const restart = restartPoint(text, oldLength);
  if (restart < 0) return undefined;
  return { restart, from: Math.max(0, restart - LOOK_BEHIND) };
}

export function scanAppended(
  text: string,
  before: readonly Finding[],
  oldLength: number,
): Finding[] {
  const window = appendWindow(text, oldLength);
  if (!window) return scan(text);
  const { restart, from } = window;
  const kept = before.filter((f) => f.start < restart);
  for (const f of scan(text.slice(from))) {
    if (f.start + from >= restart) kept.push({ ...f, start: f.start + from, end: f.end + from });
  }
  return kept;
}
