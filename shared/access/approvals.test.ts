// evaluateWithApprovals at its boundaries: an approved daily-limit case gives another day's
// allowance on its date only; approved out-of-hours work covers its date only (local dates, also
// across daylight saving); any approval restarts the bulk window; rejected cases waive nothing.
import { describe, expect, it } from 'vitest';
import type { ReviewCase } from '../schema/staff';
import { BehaviourRulesSchema, type Activity, type RuleId } from '../schema/rules';
import { evaluateWithApprovals } from './approvals';
import { bulkFiring, dailyFiring, hoursFiring, reviewCase } from './test-values';

const shanghai = BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai' });
const berlin = BehaviourRulesSchema.parse({ timeZone: 'Europe/Berlin' });

/** `n` actions five minutes apart from `start` (ISO with offset): never a burst. */
const spread = (n: number, start: string, kind: Activity['kind'] = 'view'): Activity[] =>
  Array.from({ length: n }, (_, i) => ({ at: Date.parse(start) + i * 300_000, kind }));
const reveal = (iso: string): Activity => ({ at: Date.parse(iso), kind: 'reveal' });

/** The rules that fire, [] when allowed. */
function fired(
  rules = shanghai,
  history: Activity[],
  candidate: Activity,
  cases: ReviewCase[],
): RuleId[] {
  const result = evaluateWithApprovals(rules, history, candidate, cases);
  if (!result.ok) throw new Error(result.error);
  return result.value.allowed ? [] : result.value.fired.map((f) => f.rule);
}

describe('evaluateWithApprovals: daily limit', () => {
  // Friday 2026-03-06 in Shanghai, inside working hours.
  const morning50 = spread(50, '2026-03-06T09:00:00+08:00');
  const afternoon = reveal('2026-03-06T15:00:00+08:00');
  const sameDate = reviewCase([dailyFiring('2026-03-06')], 'approved', '2026-03-06T14:00:00+08:00');
  const otherDate = reviewCase(
    [dailyFiring('2026-03-05')],
    'approved',
    '2026-03-05T14:00:00+08:00',
  );

  it('allows the 50th and fires on the 51st without an approval', () => {
    expect(fired(shanghai, morning50.slice(0, 49), afternoon, [])).toEqual([]);
    expect(fired(shanghai, morning50, afternoon, [])).toEqual(['daily-limit']);
  });

  it('allows the 51st up to the 100th after an approved case on the same date', () => {
    expect(fired(shanghai, morning50, afternoon, [sameDate])).toEqual([]);
    const ninetyNine = [...morning50, ...spread(49, '2026-03-06T10:00:00+08:00')];
    expect(fired(shanghai, ninetyNine, afternoon, [sameDate])).toEqual([]);
    const hundred = [...ninetyNine, reveal('2026-03-06T14:30:00+08:00')];
    expect(fired(shanghai, hundred, afternoon, [sameDate])).toEqual(['daily-limit']);
  });

  it('gives another allowance for each approved case of that date', () => {
    const second = reviewCase([dailyFiring('2026-03-06')], 'approved', '2026-03-06T14:40:00+08:00');
    const hundred = [...morning50, ...spread(50, '2026-03-06T10:00:00+08:00')];
    expect(fired(shanghai, hundred, afternoon, [sameDate])).toEqual(['daily-limit']);
    expect(fired(shanghai, hundred, afternoon, [sameDate, second])).toEqual([]);
  });

  it('waives nothing with an approval of another date', () => {
    expect(fired(shanghai, morning50, afternoon, [otherDate])).toEqual(['daily-limit']);
  });

  it('uses the local date: an approval for the 6th does not cover 00:30 on the 7th', () => {
    // 00:30 on Saturday the 7th in Shanghai is 16:30Z on the 6th: a UTC date would match the case.
    const rules = BehaviourRulesSchema.parse({
      timeZone: 'Asia/Shanghai',
      dailyLimit: { max: 3 },
      workingHours: { week: { sat: { start: '00:00', end: '24:00' } } },
    });
    const three = spread(3, '2026-03-07T00:05:00+08:00');
    const candidate = reveal('2026-03-07T00:30:00+08:00');
    const sixth = reviewCase([dailyFiring('2026-03-06')], 'approved', '2026-03-06T20:00:00+08:00');
    const seventh = reviewCase(
      [dailyFiring('2026-03-07')],
      'approved',
      '2026-03-07T00:20:00+08:00',
    );
    expect(fired(rules, three, candidate, [sixth])).toEqual(['daily-limit']);
    expect(fired(rules, three, candidate, [seventh])).toEqual([]);
  });

  it('waives nothing with a rejected or an open case', () => {
    const rejected = reviewCase(
      [dailyFiring('2026-03-06')],
      'rejected',
      '2026-03-06T14:00:00+08:00',
    );
    const open = reviewCase([dailyFiring('2026-03-06')], 'open', '2026-03-06T14:00:00+08:00');
    expect(fired(shanghai, morning50, afternoon, [rejected])).toEqual(['daily-limit']);
    expect(fired(shanghai, morning50, afternoon, [open])).toEqual(['daily-limit']);
    expect(fired(shanghai, morning50, afternoon, [rejected, open, otherDate])).toEqual([
      'daily-limit',
    ]);
  });

  it('does not widen the daily limit for an approved case of another rule', () => {
    const hours = reviewCase([hoursFiring('2026-03-06')], 'approved', '2026-03-06T14:00:00+08:00');
    expect(fired(shanghai, morning50, afternoon, [hours])).toEqual(['daily-limit']);
  });
});

describe('evaluateWithApprovals: working hours', () => {
  const approvedHours = (date: string, rules = shanghai) =>
    reviewCase([hoursFiring(date, rules.timeZone)], 'approved', `${date}T10:00:00Z`);

  it('allows 17:59 and fires at 18:01 in Shanghai, unless approved for that date', () => {
    const friday = reviewCase([hoursFiring('2026-03-06')], 'approved', '2026-03-06T18:05:00+08:00');
    expect(fired(shanghai, [], reveal('2026-03-06T17:59:00+08:00'), [])).toEqual([]);
    expect(fired(shanghai, [], reveal('2026-03-06T18:01:00+08:00'), [])).toEqual(['working-hours']);
    expect(fired(shanghai, [], reveal('2026-03-06T18:01:00+08:00'), [friday])).toEqual([]);
    expect(fired(shanghai, [], reveal('2026-03-06T23:59:00+08:00'), [friday])).toEqual([]);
  });

  it('waives that date only: the next evening and the evening before still fire', () => {
    const friday = approvedHours('2026-03-06');
    expect(fired(shanghai, [], reveal('2026-03-05T18:01:00+08:00'), [friday])).toEqual([
      'working-hours',
    ]);
    expect(fired(shanghai, [], reveal('2026-03-09T18:01:00+08:00'), [friday])).toEqual([
      'working-hours',
    ]);
    // 00:01 on the 7th (16:01Z on the 6th) is another local date.
    expect(fired(shanghai, [], reveal('2026-03-07T00:01:00+08:00'), [friday])).toEqual([
      'working-hours',
    ]);
  });

  it('waives nothing when the case was rejected', () => {
    const rejected = reviewCase(
      [hoursFiring('2026-03-06')],
      'rejected',
      '2026-03-06T18:05:00+08:00',
    );
    expect(fired(shanghai, [], reveal('2026-03-06T18:01:00+08:00'), [rejected])).toEqual([
      'working-hours',
    ]);
  });

  it('follows Berlin local time on both sides of the spring change (UTC+1 → UTC+2)', () => {
    // Friday 2026-03-27 is CET (+01:00), Monday 2026-03-30 is CEST (+02:00).
    expect(fired(berlin, [], reveal('2026-03-27T16:59:00Z'), [])).toEqual([]); // 17:59
    expect(fired(berlin, [], reveal('2026-03-27T17:01:00Z'), [])).toEqual(['working-hours']);
    expect(fired(berlin, [], reveal('2026-03-30T15:59:00Z'), [])).toEqual([]); // 17:59
    expect(fired(berlin, [], reveal('2026-03-30T16:01:00Z'), [])).toEqual(['working-hours']);
    // 16:59Z was inside hours on Friday and is 18:59 on Monday.
    expect(fired(berlin, [], reveal('2026-03-30T16:59:00Z'), [])).toEqual(['working-hours']);
    const monday = approvedHours('2026-03-30', berlin);
    expect(fired(berlin, [], reveal('2026-03-30T16:01:00Z'), [monday])).toEqual([]);
    expect(fired(berlin, [], reveal('2026-03-27T17:01:00Z'), [monday])).toEqual(['working-hours']);
  });

  it('follows Berlin local time on both sides of the autumn change (UTC+2 → UTC+1)', () => {
    // Friday 2026-10-23 is CEST (+02:00), Monday 2026-10-26 is CET (+01:00).
    expect(fired(berlin, [], reveal('2026-10-23T15:59:00Z'), [])).toEqual([]);
    expect(fired(berlin, [], reveal('2026-10-23T16:01:00Z'), [])).toEqual(['working-hours']);
    expect(fired(berlin, [], reveal('2026-10-26T16:59:00Z'), [])).toEqual([]);
    expect(fired(berlin, [], reveal('2026-10-26T17:01:00Z'), [])).toEqual(['working-hours']);
    const friday = approvedHours('2026-10-23', berlin);
    expect(fired(berlin, [], reveal('2026-10-23T16:01:00Z'), [friday])).toEqual([]);
    expect(fired(berlin, [], reveal('2026-10-26T17:01:00Z'), [friday])).toEqual(['working-hours']);
  });

  it('keeps the daily limit when only working hours were approved, and the reverse', () => {
    const evening = reveal('2026-03-06T19:00:00+08:00');
    const day = spread(50, '2026-03-06T09:00:00+08:00');
    expect(fired(shanghai, day, evening, [])).toEqual(['daily-limit', 'working-hours']);
    expect(fired(shanghai, day, evening, [approvedHours('2026-03-06')])).toEqual(['daily-limit']);
    const daily = reviewCase([dailyFiring('2026-03-06')], 'approved', '2026-03-06T16:00:00+08:00');
    expect(fired(shanghai, day, evening, [daily])).toEqual(['working-hours']);
    const both = reviewCase(
      [dailyFiring('2026-03-06'), hoursFiring('2026-03-06')],
      'approved',
      '2026-03-06T18:30:00+08:00',
    );
    expect(fired(shanghai, day, evening, [both])).toEqual([]);
  });
});

describe('evaluateWithApprovals: bulk reveals', () => {
  const now = Date.parse('2026-03-06T10:00:00+08:00');
  const ago = (seconds: number): Activity => ({ at: now - seconds * 1000, kind: 'reveal' });
  const candidate: Activity = { at: now, kind: 'reveal' };
  // Ten reveals in the last 50 seconds: the candidate would be the eleventh within 60.
  const burst = [50, 45, 40, 35, 30, 25, 20, 15, 10, 5].map(ago);
  const decided = (secondsAgo: number, status: 'approved' | 'rejected' = 'approved') =>
    reviewCase(
      [bulkFiring],
      status,
      new Date(now - 3_600_000).toISOString(),
      new Date(now - secondsAgo * 1000).toISOString(),
    );

  it('fires on the eleventh within a minute without an approval', () => {
    expect(fired(shanghai, burst.slice(1), candidate, [])).toEqual([]);
    expect(fired(shanghai, burst, candidate, [])).toEqual(['bulk-reveals']);
  });

  it('counts only reveals after the approval’s decision', () => {
    // Decided 32 s ago: the six reveals of the last 30 s count, and the candidate: seven.
    expect(fired(shanghai, burst, candidate, [decided(32)])).toEqual([]);
    // The reveal at the very instant of the decision is before it, not after.
    expect(fired(shanghai, burst, candidate, [decided(50)])).toEqual([]);
    // Decided a minute ago: the window restarts where it would have started anyway.
    expect(fired(shanghai, burst, candidate, [decided(60)])).toEqual(['bulk-reveals']);
  });

  it('fires again once enough reveals follow the approval', () => {
    const after = [...burst, ...[4, 3, 2, 1].map(ago)];
    // Decided 32 s ago: 10 reveals since (30 … 1 s ago) and the candidate make 11.
    expect(fired(shanghai, after, candidate, [decided(32)])).toEqual(['bulk-reveals']);
  });

  it('restarts the window for an approval of any rule', () => {
    const daily = reviewCase(
      [dailyFiring('2026-03-06')],
      'approved',
      '2026-03-06T09:00:00+08:00',
      new Date(now - 32_000).toISOString(),
    );
    expect(fired(shanghai, burst, candidate, [daily])).toEqual([]);
  });

  it('takes the latest approval, and ignores rejected cases', () => {
    expect(fired(shanghai, burst, candidate, [decided(120), decided(32)])).toEqual([]);
    expect(fired(shanghai, burst, candidate, [decided(32, 'rejected')])).toEqual(['bulk-reveals']);
  });
});

describe('evaluateWithApprovals: errors', () => {
  it('refuses a time zone the runtime does not know, approvals or not', () => {
    const bad = { ...shanghai, timeZone: 'Mars/Olympus_Mons' };
    const approved = reviewCase(
      [dailyFiring('2026-03-06')],
      'approved',
      '2026-03-06T14:00:00+08:00',
    );
    for (const cases of [[], [approved]]) {
      expect(evaluateWithApprovals(bad, [], reveal('2026-03-06T10:00:00+08:00'), cases)).toEqual({
        ok: false,
        error: expect.stringContaining('Asia/Shanghai'),
      });
    }
  });
});
