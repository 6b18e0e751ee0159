// How text reaches an engine under test: text node by text node, or as one string; and leading
// slices of either, for engines too slow to finish the whole text.
import { utf8Bytes } from './measure';

export type Feed =
  | { mode: 'nodes'; pieces: readonly string[]; bytes: number }
  | { mode: 'string'; text: string; bytes: number };

export function nodesFeed(pieces: readonly string[]): Feed {
  return { mode: 'nodes', pieces, bytes: utf8Bytes(pieces) };
}

export function stringFeed(text: string): Feed {
  return { mode: 'string', text, bytes: utf8Bytes(text) };
}

/** Calls `engine` on every piece of the feed and sums what it returns (e.g. findings). */
export function runFeed(feed: Feed, engine: (text: string) => number): number {
  if (feed.mode === 'string') return engine(feed.text);
  let total = 0;
  for (const piece of feed.pieces) total += engine(piece);
  return total;
}

/** UTF-8 bytes of one UTF-16 unit; a surrogate pair is 4 bytes, counted on its high half. */
function unitBytes(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/**
 * The shortest leading part of `text` holding at least `bytes` UTF-8 bytes (all of it when
 * shorter), never ending between the halves of a surrogate pair.
 * @example leadingText('张三abc', 4) // '张三' (6 bytes)
 */
export function leadingText(text: string, bytes: number): string {
  let total = 0;
  let i = 0;
  while (i < text.length && total < bytes) {
    total += unitBytes(text.charCodeAt(i));
    i++;
  }
  const last = text.charCodeAt(i - 1);
  if (i < text.length && last >= 0xd800 && last <= 0xdbff) i++;
  return text.slice(0, i);
}

/** The same feed cut to its first `bytes` (or a little more: whole nodes are kept whole). */
export function leadingSlice(feed: Feed, bytes: number): Feed {
  if (feed.bytes <= bytes) return feed;
  if (feed.mode === 'string') return stringFeed(leadingText(feed.text, bytes));
  const pieces: string[] = [];
  let total = 0;
  for (const piece of feed.pieces) {
    if (total >= bytes) break;
    pieces.push(piece);
    total += utf8Bytes(piece);
  }
  return { mode: 'nodes', pieces, bytes: total };
}
