// Tests of the retry timing: full jitter within its ceiling, the cap, Retry-After in both forms.
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from './backoff';

const options = { baseMs: 1000, capMs: 60_000 };

describe('backoffDelay', () => {
  it('draws uniformly below base × 2^attempt, up to the cap', () => {
    expect(backoffDelay(0, options, () => 0.999)).toBe(999);
    expect(backoffDelay(3, options, () => 0.5)).toBe(4000);
    expect(backoffDelay(10, options, () => 0.999)).toBe(59_940);
    expect(backoffDelay(10_000, options, () => 0.5)).toBe(30_000);
    expect(backoffDelay(5, options, () => 0)).toBe(0);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('reads delta-seconds and HTTP dates, capped and never negative', () => {
    expect(retryAfterMs('120', now, 3_600_000)).toBe(120_000);
    expect(retryAfterMs('99999', now, 3_600_000)).toBe(3_600_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 10:00:30 GMT', now, 3_600_000)).toBe(30_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 09:00:00 GMT', now, 3_600_000)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(retryAfterMs(null, now, 1000)).toBeUndefined();
    expect(retryAfterMs('soon', now, 1000)).toBeUndefined();
    expect(retryAfterMs('-5', now, 1000)).toBeUndefined();
  });
});
