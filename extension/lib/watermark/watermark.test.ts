// Tests of the watermark's text and tile: what a photo of the screen will show.
import { describe, expect, it } from 'vitest';
import { watermarkText, watermarkTile } from './watermark';

describe('watermark', () => {
  it('shows the staff id and the local time to the minute', () => {
    expect(watermarkText('CS-0420', new Date(2026, 10, 22, 9, 5, 59))).toBe(
      'CS-0420 · 2026-11-22 09:05',
    );
    expect(watermarkText(null, new Date(2026, 0, 1, 0, 0))).toBe(
      '未登记 not enrolled · 2026-01-01 00:00',
    );
  });

  it('escapes the text into a faint SVG tile', () => {
    const tile = decodeURIComponent(watermarkTile('<a&b>'));
    expect(tile).toContain('&#60;a&#38;b&#62;');
    expect(tile).toContain('fill-opacity="0.16"');
    expect(tile.startsWith('url("data:image/svg+xml,')).toBe(true);
  });
});
