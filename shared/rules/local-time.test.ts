// Local date and time from Intl: known instants, both sides of daylight-saving changes, and a
// property against plain arithmetic in a zone without daylight saving.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, localTime } from './local-time';

describe('localTime', () => {
  it('gives the date, weekday and time on the wall of the zone', () => {
    expect(localTime(Date.parse('2026-03-05T16:01:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-03-06',
      weekday: 'fri',
      time: '00:01',
      minutes: 1,
    });
    expect(localTime(Date.parse('2026-03-05T15:59:59Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-03-05',
      weekday: 'thu',
      time: '23:59',
      minutes: 1439,
    });
  });

  it('follows daylight saving in Europe/Berlin (CET +1, CEST +2 from 2026-03-29)', () => {
    expect(localTime(Date.parse('2026-03-29T00:59:00Z'), 'Europe/Berlin').time).toBe('01:59');
    // 02:00 local never happens that day: the clock jumps to 03:00.
    expect(localTime(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin').time).toBe('03:00');
    expect(localTime(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin').time).toBe('02:30');
    // …and 02:30 happens twice on 2026-10-25.
    expect(localTime(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin').time).toBe('02:30');
  });

  it('writes midnight as 00:00, not 24:00', () => {
    expect(localTime(Date.parse('2026-01-01T00:00:00Z'), 'UTC')).toMatchObject({
      date: '2026-01-01',
      weekday: 'thu',
      time: '00:00',
      minutes: 0,
    });
  });

  it('agrees with UTC+8 arithmetic in Asia/Shanghai (no daylight saving since 1991)', () => {
    const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2099, 0, 1) }), (at) => {
        const shifted = new Date(at + 8 * 3_600_000);
        const iso = shifted.toISOString();
        expect(localTime(at, 'Asia/Shanghai')).toEqual({
          date: iso.slice(0, 10),
          weekday: WEEKDAYS[shifted.getUTCDay()],
          time: iso.slice(11, 16),
          minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
        });
      }),
    );
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA names and refuses the rest', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Asia/Beijing')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
