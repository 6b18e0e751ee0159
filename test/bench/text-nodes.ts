// Cuts HTML or plain text into the pieces a browser extension is handed, one DOM text node at a time.
import { SKIPPED_LOCAL_NAMES } from '../../extension/lib/masking/constants';
import { NODE_MAX_CHARS } from './config';

/** A tag as an HTML parser sees one: `<` then a letter, `/`, `!` or `?`; `a < b` stays text. */
const TAG = /<[A-Za-z/!?][^<>]*>/g;
const START_TAG_NAME = /^<([A-Za-z][A-Za-z0-9-]*)/;

/** Elements whose text the extension does not scan: the masker's own list. */
export const EXTENSION_SKIPPED_ELEMENTS: ReadonlySet<string> = SKIPPED_LOCAL_NAMES;

export interface SplitOptions {
  /** Longest piece in UTF-16 units. */
  maxChars?: number;
  /** Lower-case element names whose content is dropped, up to their closing tag. */
  skipElements?: ReadonlySet<string>;
  /** Drop pieces that are only white space. */
  dropBlank?: boolean;
}

/**
 * The text nodes a DOM would hold for `text`. Contract:
 * - tags are markup, not text: they end a node and are dropped; with the default options
 *   everything else is kept, in order, so the pieces joined equal `text` with its tags removed;
 * - a node ends after each line break (`\n`, with a `\r` before it), the break staying in the node,
 *   as rows of a CSV export or lines of a `<pre>` end up in separate cells and nodes;
 * - no piece is longer than `maxChars` UTF-16 units: a longer run is cut after its last space
 *   within the limit, else at the limit, never between the halves of a surrogate pair;
 * - no piece is empty.
 *
 * @example splitTextNodes('<td>张三</td><td>138 1234 5678\n</td>') // ['张三', '138 1234 5678\n']
 */
export function splitTextNodes(text: string, options: SplitOptions = {}): string[] {
  const { maxChars = NODE_MAX_CHARS, skipElements, dropBlank = false } = options;
  if (maxChars < 2) throw new Error('splitTextNodes: maxChars must be at least 2');
  const nodes: string[] = [];
  const tag = new RegExp(TAG.source, 'g');
  let from = 0;
  for (let m = tag.exec(text); m !== null; m = tag.exec(text)) {
    pushLines(text, from, m.index, maxChars, nodes);
    from = m.index + m[0].length;
    const name = START_TAG_NAME.exec(m[0])?.[1]?.toLowerCase();
    if (name !== undefined && skipElements?.has(name)) {
      // Raw text up to the closing tag, as a parser reads <script>: tags inside it do not count.
      const close = new RegExp(`</${name}[\\s>]`, 'gi');
      close.lastIndex = from;
      from = close.exec(text)?.index ?? text.length;
      tag.lastIndex = from;
    }
  }
  pushLines(text, from, text.length, maxChars, nodes);
  return dropBlank ? nodes.filter((node) => node.trim() !== '') : nodes;
}

/**
 * The pieces the extension scans for `text`: its text nodes minus blank ones and minus the content
 * of the elements it skips, as extension/lib/page-findings/text-nodes.ts walks a page. Each is a
 * string of its own, as a node's `data` is, not a slice of `text`: V8 reads a slice of a long
 * two-byte string more slowly than a flat string, which would understate the scanner.
 */
export function extensionTextNodes(text: string): string[] {
  return splitTextNodes(text, { skipElements: EXTENSION_SKIPPED_ELEMENTS, dropBlank: true }).map(
    (node) => Buffer.from(node, 'utf8').toString('utf8'),
  );
}

/** Pushes the text of [from, to) as nodes ending at line breaks. */
function pushLines(text: string, from: number, to: number, maxChars: number, out: string[]): void {
  let start = from;
  while (start < to) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 || nl >= to ? to : nl + 1;
    pushCapped(text, start, end, maxChars, out);
    start = end;
  }
}

/** Pushes [from, to) as pieces of at most `maxChars`, preferring to cut after a space. */
function pushCapped(text: string, from: number, to: number, maxChars: number, out: string[]): void {
  let start = from;
  while (to - start > maxChars) {
    let cut = text.lastIndexOf(' ', start + maxChars - 1) + 1;
    if (cut <= start) {
      cut = start + maxChars;
      const before = text.charCodeAt(cut - 1);
      if (before >= 0xd800 && before <= 0xdbff) cut--; // keep a surrogate pair together
    }
    out.push(text.slice(start, cut));
    start = cut;
  }
  if (to > start) out.push(text.slice(start, to));
}
