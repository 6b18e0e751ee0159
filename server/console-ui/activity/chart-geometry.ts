// The small-multiples chart's arithmetic, apart from drawing so it can be tested: one row per
// staff member, one bar per day, every row on the same scale so the threshold line sits at the
// same height in all of them (half the row), and bars above twice the threshold clipped and marked.

/** One day's bar, heights in [0, 1] of the row (views at the bottom, reveals stacked on them). */
export interface Bar {
  /** Position of the day in the range, from 0. */
  i: number;
  day: string;
  views: number;
  reveals: number;
  total: number;
  /** More than the threshold: R16 fires on "more than 50". */
  over: boolean;
  /** Taller than the scale; drawn at full height with a mark on top. */
  clipped: boolean;
  viewsHeight: number;
  revealsHeight: number;
}

export interface RowSummary {
  bars: Bar[];
  peak: number;
  peakDay: string | null;
  daysOver: number;
}

/** The scale's top, as a multiple of the threshold: the line at mid-height, room above to compare. */
export const SCALE_THRESHOLDS = 2;

/**
 * The bars of one staff member's days over the range `days` (every day, in order).
 *
 * @example
 *   rowBars(['2026-11-01', '2026-11-02'], [['2026-11-02', 40, 20]], 50);
 *   // { bars: [{ i: 1, total: 60, over: true, viewsHeight: 0.4, revealsHeight: 0.2, … }], peak: 60, … }
 */
export function rowBars(
  days: readonly string[],
  series: readonly (readonly [string, number, number])[],
  threshold: number,
): RowSummary {
  const position = new Map(days.map((day, i) => [day, i]));
  const top = Math.max(1, threshold * SCALE_THRESHOLDS);
  const bars: Bar[] = [];
  let peak = 0;
  let peakDay: string | null = null;
  let daysOver = 0;
  for (const [day, views, reveals] of series) {
    const i = position.get(day);
    // A day outside the range (the server answered a wider one) is not drawn.
    if (i === undefined) continue;
    const total = views + reveals;
    const over = total > threshold;
    if (over) daysOver += 1;
    if (total > peak) {
      peak = total;
      peakDay = day;
    }
    const clipped = total > top;
    const scale = clipped ? 1 / total : 1 / top;
    bars.push({
      i,
      day,
      views,
      reveals,
      total,
      over,
      clipped,
      viewsHeight: views * scale,
      revealsHeight: reveals * scale,
    });
  }
  return { bars, peak, peakDay, daysOver };
}

/**
 * The first day of each month in the range (and the range's first day): the axis labels, leaving
 * out one that would start within `minGap` days of the one before (it would overlap it).
 */
export function monthTicks(days: readonly string[], minGap = 6): { i: number; label: string }[] {
  const ticks: { i: number; label: string }[] = [];
  days.forEach((day, i) => {
    // MM-DD reads the same in Chinese and English.
    if (i === 0 || day.endsWith('-01')) ticks.push({ i, label: day.slice(5) });
  });
  const kept: { i: number; label: string }[] = [];
  for (const t of ticks) if (kept.length === 0 || t.i - kept.at(-1)!.i >= minGap) kept.push(t);
  return kept;
}

/** An SVG length as a percentage of the row's width, for day `i` of `n`. */
export const pct = (i: number, n: number): string => `${((i / n) * 100).toFixed(3)}%`;
