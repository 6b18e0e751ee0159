import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayCount,
  daysOf,
  defaultRange,
  formatDuration,
  rangeProblem,
  recentQuarters,
} from './days';

describe('days', () => {
  it('steps over month and year ends and counts both ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayCount('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysOf('2026-10-30', '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('defaults to the last 90 days, today included', () => {
    const { from, to } = defaultRange(new Date(2026, 10, 22, 15));
    expect(to).toBe('2026-11-22');
    expect(dayCount(from, to)).toBe(90);
  });

  it('refuses ranges the chart cannot draw, saying how to fix them', () => {
    expect(rangeProblem('2026-09-01', '2026-11-22')).toBeNull();
    expect(rangeProblem('2026-11-22', '2026-09-01')).toMatch(/swap/);
    expect(rangeProblem('2026-01-01', '2026-11-22')).toMatch(/at most 92/);
    expect(rangeProblem('', '2026-11-22')).toMatch(/YYYY-MM-DD/);
  });

  it('lists recent quarters across a year boundary', () => {
    expect(recentQuarters('2026-02-10', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
  });

  it('writes durations in hours past 24', () => {
    expect(formatDuration(48 * 3_600_000 - 1000)).toBe('47:59:59');
    expect(formatDuration(-61_000)).toBe('0:01:01');
  });
});
