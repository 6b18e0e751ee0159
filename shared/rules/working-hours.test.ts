// Working hours at their edges: 17:59 allowed and 18:01 fires, in Asia/Shanghai and on both sides
// of daylight-saving changes in Europe/Berlin and America/New_York; holidays; 调休 Saturdays.
import { describe, expect, it } from 'vitest';
import { BehaviourRulesSchema } from '../schema/rules';
import { checkWorkingHours } from './working-hours';

const rulesIn = (timeZone: string) =>
  BehaviourRulesSchema.parse({
    timeZone,
    workingHours: {
      // National Day 2026 falls on a Thursday; the Saturday after is worked instead (调休).
      holidays: ['2026-10-01', '2026-10-02'],
      extraWorkingDays: ['2026-10-10'],
    },
  });

/** Whether the working-hours rule fires at `iso`, a local time written with its UTC offset. */
const firesAt = (timeZone: string, iso: string): boolean =>
  checkWorkingHours(rulesIn(timeZone), Date.parse(iso)) !== null;

describe('checkWorkingHours', () => {
  it('allows 17:59 and fires at 18:01 in Asia/Shanghai', () => {
    expect(firesAt('Asia/Shanghai', '2026-03-06T17:59:00+08:00')).toBe(false);
    expect(
      checkWorkingHours(rulesIn('Asia/Shanghai'), Date.parse('2026-03-06T18:01:00+08:00')),
    ).toEqual({
      rule: 'working-hours',
      message: expect.stringContaining(
        'It is Friday 2026-03-06, 18:01 Asia/Shanghai time: working hours that day are 09:00–18:00.',
      ),
      date: '2026-03-06',
      weekday: 'fri',
      time: '18:01',
      timeZone: 'Asia/Shanghai',
      dayKind: 'workday',
      hours: { start: '09:00', end: '18:00' },
    });
  });

  it('counts start as inside and end as outside, to the minute', () => {
    expect(firesAt('Asia/Shanghai', '2026-03-06T08:59:59+08:00')).toBe(true);
    expect(firesAt('Asia/Shanghai', '2026-03-06T09:00:00+08:00')).toBe(false);
    expect(firesAt('Asia/Shanghai', '2026-03-06T17:59:59+08:00')).toBe(false);
    expect(firesAt('Asia/Shanghai', '2026-03-06T18:00:00+08:00')).toBe(true);
  });

  // Each pair is 17:59 and 18:01 local; a fixed offset taken on the other side of the change
  // would be an hour out and get one of the two wrong.
  const dst: [zone: string, side: string, at1759: string, at1801: string][] = [
    [
      'Europe/Berlin',
      'before spring forward (CET)',
      '2026-03-27T17:59:00+01:00',
      '2026-03-27T18:01:00+01:00',
    ],
    [
      'Europe/Berlin',
      'after spring forward (CEST)',
      '2026-03-30T17:59:00+02:00',
      '2026-03-30T18:01:00+02:00',
    ],
    [
      'Europe/Berlin',
      'before fall back (CEST)',
      '2026-10-23T17:59:00+02:00',
      '2026-10-23T18:01:00+02:00',
    ],
    [
      'Europe/Berlin',
      'after fall back (CET)',
      '2026-10-26T17:59:00+01:00',
      '2026-10-26T18:01:00+01:00',
    ],
    [
      'America/New_York',
      'before spring forward (EST)',
      '2026-03-06T17:59:00-05:00',
      '2026-03-06T18:01:00-05:00',
    ],
    [
      'America/New_York',
      'after spring forward (EDT)',
      '2026-03-09T17:59:00-04:00',
      '2026-03-09T18:01:00-04:00',
    ],
    [
      'America/New_York',
      'before fall back (EDT)',
      '2026-10-30T17:59:00-04:00',
      '2026-10-30T18:01:00-04:00',
    ],
    [
      'America/New_York',
      'after fall back (EST)',
      '2026-11-02T17:59:00-05:00',
      '2026-11-02T18:01:00-05:00',
    ],
  ];
  it.each(dst)('allows 17:59 and fires at 18:01 in %s %s', (zone, _side, at1759, at1801) => {
    expect(firesAt(zone, at1759)).toBe(false);
    expect(firesAt(zone, at1801)).toBe(true);
  });

  it('fires all day on a holiday, even a Thursday', () => {
    const firing = checkWorkingHours(
      rulesIn('Asia/Shanghai'),
      Date.parse('2026-10-01T10:00:00+08:00'),
    );
    expect(firing).toMatchObject({ dayKind: 'holiday', weekday: 'thu', hours: null });
    expect(firing?.message).toContain('2026-10-01 is a holiday');
    expect(firesAt('Asia/Shanghai', '2026-09-30T10:00:00+08:00')).toBe(false);
  });

  it('allows working hours on a 调休 Saturday, and not on an ordinary one', () => {
    expect(firesAt('Asia/Shanghai', '2026-10-10T10:00:00+08:00')).toBe(false);
    expect(firesAt('Asia/Shanghai', '2026-10-10T18:01:00+08:00')).toBe(true);
    const ordinary = checkWorkingHours(
      rulesIn('Asia/Shanghai'),
      Date.parse('2026-10-17T10:00:00+08:00'),
    );
    expect(ordinary).toMatchObject({ dayKind: 'rest-day', weekday: 'sat', hours: null });
    expect(ordinary?.message).toContain('Saturday is not a working day');
  });

  it('uses each weekday’s own hours and the extra working days’ hours', () => {
    const rules = BehaviourRulesSchema.parse({
      timeZone: 'Asia/Shanghai',
      workingHours: {
        week: { fri: { start: '09:00', end: '17:00' }, sat: { start: '10:00', end: '14:00' } },
        extraWorkingDays: ['2026-10-11'],
        extraWorkingDayHours: { start: '08:30', end: '17:30' },
      },
    });
    const fires = (iso: string) => checkWorkingHours(rules, Date.parse(iso)) !== null;
    expect(fires('2026-03-06T16:59:00+08:00')).toBe(false);
    expect(fires('2026-03-06T17:01:00+08:00')).toBe(true);
    expect(fires('2026-03-07T13:59:00+08:00')).toBe(false);
    expect(fires('2026-03-07T14:01:00+08:00')).toBe(true);
    // 2026-10-11 is a Sunday.
    expect(fires('2026-10-11T08:31:00+08:00')).toBe(false);
    expect(fires('2026-10-11T17:31:00+08:00')).toBe(true);
  });

  it('lets a day run to midnight with 24:00', () => {
    const rules = BehaviourRulesSchema.parse({
      timeZone: 'Asia/Shanghai',
      workingHours: { week: { fri: { start: '00:00', end: '24:00' } } },
    });
    expect(checkWorkingHours(rules, Date.parse('2026-03-06T23:59:59+08:00'))).toBe(null);
    expect(checkWorkingHours(rules, Date.parse('2026-03-06T00:00:00+08:00'))).toBe(null);
  });
});
