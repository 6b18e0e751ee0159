// Leading slices hold at least the asked bytes, cut nowhere odd, and time helpers take true medians.
import { describe, expect, it } from 'vitest';
import { leadingSlice, leadingText, nodesFeed } from './feed';
import { median, utf8Bytes } from './measure';

describe('leadingText', () => {
  it('returns the shortest prefix with at least the asked UTF-8 bytes', () => {
    expect(leadingText('张三abc', 4)).toBe('张三');
    expect(leadingText('张三abc', 7)).toBe('张三a');
    expect(leadingText('abc', 99)).toBe('abc');
  });

  it('never ends between the halves of a surrogate pair', () => {
    const cut = leadingText('a😀b', 2);
    expect(cut).toBe('a😀');
    expect(utf8Bytes(cut)).toBe(5);
  });
});

describe('leadingSlice', () => {
  it('keeps whole nodes until the byte count is reached', () => {
    const slice = leadingSlice(nodesFeed(['ab', '张三', 'cd']), 3);
    expect(slice).toEqual({ mode: 'nodes', pieces: ['ab', '张三'], bytes: 8 });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
