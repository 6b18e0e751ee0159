import { describe, expect, it } from 'vitest';
import { monthTicks, rowBars } from './chart-geometry';
import { daysOf } from '../lib/days';

describe('rowBars', () => {
  const days = daysOf('2026-11-01', '2026-11-05');

  it('places each day, stacks reveals on views, and marks days over the threshold', () => {
    const r = rowBars(
      days,
      [
        ['2026-11-02', 30, 10],
        ['2026-11-04', 40, 11],
      ],
      50,
    );
    expect(r.bars.map((b) => [b.i, b.over])).toEqual([
      [1, false],
      [3, true],
    ]);
    expect(r.bars[0]).toMatchObject({ viewsHeight: 0.3, revealsHeight: 0.1, clipped: false });
    expect(r).toMatchObject({ peak: 51, peakDay: '2026-11-04', daysOver: 1 });
  });

  it('counts exactly the threshold as within it (R16: more than 50)', () => {
    expect(rowBars(days, [['2026-11-01', 50, 0]], 50).daysOver).toBe(0);
  });

  it('clips a bar taller than twice the threshold to full height, keeping its proportions', () => {
    const [bar] = rowBars(days, [['2026-11-03', 150, 50]], 50).bars;
    expect(bar).toMatchObject({ clipped: true, viewsHeight: 0.75, revealsHeight: 0.25 });
  });

  it('leaves out days outside the range', () => {
    expect(rowBars(days, [['2026-10-31', 5, 0]], 50).bars).toEqual([]);
  });
});

describe('monthTicks', () => {
  it('labels the first day and each month start, dropping one that would overlap', () => {
    expect(monthTicks(daysOf('2026-09-28', '2026-11-03'))).toEqual([
      { i: 0, label: '09-28' },
      { i: 34, label: '11-01' },
    ]);
  });

  it('spaces labels further apart on a narrow chart', () => {
    const days = daysOf('2026-08-25', '2026-11-22');
    expect(monthTicks(days, 10).map((t) => t.label)).toEqual(['08-25', '10-01', '11-01']);
  });
});
