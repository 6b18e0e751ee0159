// The daily limit at its boundaries: 50 allowed, 51 fires; the calendar day is the policy's, not
// UTC's; and history outside the day never changes the verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BehaviourRulesSchema, type Activity } from '../schema/rules';
import { checkDailyLimit } from './daily-limit';
import { localTime } from './local-time';

const shanghai = BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai' });
const newYork = BehaviourRulesSchema.parse({ timeZone: 'America/New_York' });

/** `n` actions a minute apart from `start` (an ISO time with its offset), alternating kinds. */
const actions = (n: number, start: string): Activity[] =>
  Array.from({ length: n }, (_, i) => ({
    at: Date.parse(start) + i * 60_000,
    kind: i % 2 === 0 ? 'view' : 'reveal',
  }));

const at = (iso: string, kind: Activity['kind'] = 'reveal'): Activity => ({
  at: Date.parse(iso),
  kind,
});

describe('checkDailyLimit', () => {
  it('allows the 50th view or reveal of the day and fires on the 51st', () => {
    const morning = actions(50, '2026-03-06T09:00:00+08:00');
    expect(checkDailyLimit(shanghai, morning.slice(0, 49), at('2026-03-06T15:00:00+08:00'))).toBe(
      null,
    );
    expect(checkDailyLimit(shanghai, morning, at('2026-03-06T15:00:00+08:00', 'view'))).toEqual({
      rule: 'daily-limit',
      message: expect.stringContaining('number 51 today (2026-03-06, Asia/Shanghai time)'),
      count: 51,
      max: 50,
      date: '2026-03-06',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('counts views and reveals alike', () => {
    const views = actions(50, '2026-03-06T09:00:00+08:00').map((a) => ({
      ...a,
      kind: 'view' as const,
    }));
    expect(checkDailyLimit(shanghai, views, at('2026-03-06T15:00:00+08:00'))?.count).toBe(51);
  });

  it('uses the limit the policy sets', () => {
    const rules = BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai', dailyLimit: { max: 3 } });
    const three = actions(3, '2026-03-06T09:00:00+08:00');
    expect(checkDailyLimit(rules, three.slice(0, 2), at('2026-03-06T10:00:00+08:00'))).toBe(null);
    expect(checkDailyLimit(rules, three, at('2026-03-06T10:00:00+08:00'))?.count).toBe(4);
  });

  it('starts a new day at local midnight: 23:59 fires, 00:01 the next day is allowed', () => {
    const day = actions(50, '2026-03-05T09:00:00+08:00');
    // Both instants are 2026-03-05 in UTC: a UTC day would wrongly fire on the second too.
    expect(checkDailyLimit(shanghai, day, at('2026-03-05T23:59:00+08:00'))?.date).toBe(
      '2026-03-05',
    );
    expect(checkDailyLimit(shanghai, day, at('2026-03-06T00:01:00+08:00'))).toBe(null);
  });

  it('counts the whole of a 23-hour day when clocks go forward (New York, 2026-03-08)', () => {
    // 00:30 EST and 23:30 EDT are 22 hours apart and on the same local day.
    const day = [
      ...actions(25, '2026-03-08T00:30:00-05:00'),
      ...actions(25, '2026-03-08T23:00:00-04:00'),
    ];
    expect(day.every((a) => localTime(a.at, 'America/New_York').date === '2026-03-08')).toBe(true);
    expect(checkDailyLimit(newYork, day, at('2026-03-08T23:59:00-04:00'))?.count).toBe(51);
    expect(checkDailyLimit(newYork, day, at('2026-03-09T00:01:00-04:00'))).toBe(null);
  });

  it('counts the whole of a 25-hour day when clocks go back (New York, 2026-11-01)', () => {
    const day = [
      ...actions(25, '2026-11-01T00:01:00-04:00'),
      ...actions(25, '2026-11-01T23:00:00-05:00'),
    ];
    expect(checkDailyLimit(newYork, day, at('2026-11-01T23:59:00-05:00'))?.count).toBe(51);
    expect(checkDailyLimit(newYork, day, at('2026-10-31T23:59:00-04:00'))).toBe(null);
  });

  it('counts entries stamped later the same day (another device whose clock runs ahead)', () => {
    const later = actions(50, '2026-03-06T16:00:00+08:00');
    expect(checkDailyLimit(shanghai, later, at('2026-03-06T15:00:00+08:00'))?.count).toBe(51);
  });

  describe('properties', () => {
    // Instants within three days either side of the candidate, so many land near the day's edges.
    const candidateAt = Date.parse('2026-03-06T12:00:00+08:00');
    const near = fc.integer({
      min: candidateAt - 3 * 86_400_000,
      max: candidateAt + 3 * 86_400_000,
    });
    const activity = fc.record({
      at: near,
      kind: fc.constantFrom('view' as const, 'reveal' as const),
    });
    const rules = BehaviourRulesSchema.parse({ timeZone: 'Europe/Berlin', dailyLimit: { max: 5 } });

    it('never changes its verdict for history outside the candidate’s local day', () => {
      fc.assert(
        fc.property(
          fc.array(activity, { maxLength: 12 }),
          fc.array(activity, { maxLength: 40 }),
          near,
          (history, extra, c) => {
            const candidate: Activity = { at: c, kind: 'reveal' };
            const day = localTime(c, 'Europe/Berlin').date;
            const outside = extra.filter((a) => localTime(a.at, 'Europe/Berlin').date !== day);
            expect(checkDailyLimit(rules, [...history, ...outside], candidate)).toEqual(
              checkDailyLimit(rules, history, candidate),
            );
          },
        ),
      );
    });

    it('does not depend on the order of history', () => {
      fc.assert(
        fc.property(fc.array(activity, { maxLength: 12 }), near, (history, c) => {
          const candidate: Activity = { at: c, kind: 'view' };
          expect(checkDailyLimit(rules, [...history].reverse(), candidate)).toEqual(
            checkDailyLimit(rules, history, candidate),
          );
        }),
      );
    });
  });
});
