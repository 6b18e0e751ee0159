// The behaviour rules' schema: what an administrator may leave out, and the messages when they get
// something wrong.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ActivitySchema, BehaviourRulesSchema } from '../schema/rules';

/** Each issue as `path: message`, the way an error answer would state it. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

describe('BehaviourRulesSchema', () => {
  it('fills in R16’s defaults from a time zone alone', () => {
    const office = { start: '09:00', end: '18:00' };
    expect(BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai' })).toEqual({
      timeZone: 'Asia/Shanghai',
      dailyLimit: { max: 50, window: 'calendar-day' },
      workingHours: {
        week: {
          mon: office,
          tue: office,
          wed: office,
          thu: office,
          fri: office,
          sat: null,
          sun: null,
        },
        holidays: [],
        extraWorkingDays: [],
        extraWorkingDayHours: office,
      },
      bulkReveals: { max: 10, seconds: 60 },
    });
  });

  it('says how to fix what is wrong', () => {
    expect(
      problems(BehaviourRulesSchema, {
        timeZone: 'Beijing',
        dailyLimit: { max: 0 },
        workingHours: {
          week: { mon: { start: '9:00', end: '18:00' }, tue: { start: '18:00', end: '09:00' } },
          holidays: ['2026-02-30', '2026-10-01'],
          extraWorkingDays: ['2026-10-01'],
        },
        bulkReveals: { seconds: 86_400 },
      }),
    ).toEqual([
      'timeZone: must be an IANA time zone such as "Asia/Shanghai" or "Europe/Berlin"',
      'dailyLimit.max: Too small: expected number to be >=1',
      'workingHours.week.mon.start: must be a time written HH:MM, e.g. "09:00"',
      'workingHours.week.tue.end: end must be after start on the same day, e.g. { "start": "09:00", "end": "18:00" }',
      'workingHours.holidays.0: must be a date written YYYY-MM-DD, e.g. "2026-10-01"',
      'workingHours.extraWorkingDays.0: 2026-10-01 is both a holiday and an extra working day; keep it in one of the two lists',
      'bulkReveals.seconds: Too big: expected number to be <=3600',
    ]);
    expect(
      problems(BehaviourRulesSchema, {
        timeZone: 'Asia/Shanghai',
        workingHours: { holidays: ['2026-10-01'], extraWorkingDays: ['2026-10-01'] },
      }),
    ).toEqual([
      'workingHours.extraWorkingDays.0: 2026-10-01 is both a holiday and an extra working day; keep it in one of the two lists',
    ]);
  });

  it('refuses fields it does not know, so a typo is not silently ignored', () => {
    expect(problems(BehaviourRulesSchema, { timeZone: 'UTC', dailyLimt: { max: 5 } })).toHaveLength(
      1,
    );
  });
});

describe('ActivitySchema', () => {
  it('takes milliseconds since the epoch and a kind', () => {
    expect(ActivitySchema.parse({ at: 1_772_762_400_000, kind: 'view' }).kind).toBe('view');
    expect(problems(ActivitySchema, { at: '2026-03-06T10:00:00Z', kind: 'reveal' })).toHaveLength(
      1,
    );
    expect(problems(ActivitySchema, { at: 0, kind: 'copy' })).toHaveLength(1);
  });
});
