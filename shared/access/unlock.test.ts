// unlockEnds: the next local midnight, on ordinary days, on both daylight-saving days, in zones
// with odd offsets, and over random instants and zones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime } from '../rules/local-time';
import { unlockEnds } from './unlock';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ends = (zone: string, now: string) => iso(unlockEnds(zone, Date.parse(now)));

describe('unlockEnds', () => {
  it('ends at midnight in Shanghai, which is 16:00Z', () => {
    expect(ends('Asia/Shanghai', '2026-03-06T02:00:00Z')).toBe('2026-03-06T16:00:00.000Z');
    expect(ends('Asia/Shanghai', '2026-03-06T15:59:59.999Z')).toBe('2026-03-06T16:00:00.000Z');
    // 00:30 in Shanghai is still the previous UTC day: the unlock runs to the next local midnight.
    expect(ends('Asia/Shanghai', '2026-03-05T16:30:00Z')).toBe('2026-03-06T16:00:00.000Z');
  });

  it('at midnight exactly, ends at the NEXT midnight: a code typed at 00:00 lasts the day', () => {
    expect(ends('Asia/Shanghai', '2026-03-06T16:00:00Z')).toBe('2026-03-07T16:00:00.000Z');
    expect(ends('Europe/Berlin', '2026-03-28T23:00:00Z')).toBe('2026-03-29T22:00:00.000Z');
    expect(ends('America/New_York', '2026-11-01T04:00:00Z')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('one millisecond before midnight, ends at that midnight', () => {
    expect(ends('Asia/Shanghai', '2026-03-06T15:59:59.999Z')).toBe('2026-03-06T16:00:00.000Z');
    expect(ends('Europe/Berlin', '2026-03-29T21:59:59.999Z')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('handles the 23-hour day in Berlin (2026-03-29: 02:00 CET → 03:00 CEST)', () => {
    // Midnight opening the day is 23:00Z (UTC+1), midnight closing it 22:00Z (UTC+2).
    expect(ends('Europe/Berlin', '2026-03-28T23:30:00Z')).toBe('2026-03-29T22:00:00.000Z');
    expect(ends('Europe/Berlin', '2026-03-29T00:59:00Z')).toBe('2026-03-29T22:00:00.000Z'); // 01:59 CET
    expect(ends('Europe/Berlin', '2026-03-29T01:00:00Z')).toBe('2026-03-29T22:00:00.000Z'); // 03:00 CEST
    expect(ends('Europe/Berlin', '2026-03-29T21:00:00Z')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('handles the 25-hour day in Berlin (2026-10-25: 03:00 CEST → 02:00 CET)', () => {
    // Midnight opening the day is 22:00Z (UTC+2), midnight closing it 23:00Z (UTC+1).
    expect(ends('Europe/Berlin', '2026-10-24T22:00:00Z')).toBe('2026-10-25T23:00:00.000Z');
    expect(ends('Europe/Berlin', '2026-10-25T00:30:00Z')).toBe('2026-10-25T23:00:00.000Z'); // 02:30 CEST
    expect(ends('Europe/Berlin', '2026-10-25T01:30:00Z')).toBe('2026-10-25T23:00:00.000Z'); // 02:30 CET
    expect(ends('Europe/Berlin', '2026-10-25T22:59:59Z')).toBe('2026-10-25T23:00:00.000Z');
    // Typed at the opening midnight, the unlock lasts the whole 25 hours.
    expect(unlockEnds('Europe/Berlin', Date.parse('2026-10-24T22:00:00Z'))).toBe(
      Date.parse('2026-10-24T22:00:00Z') + 25 * HOUR,
    );
  });

  it('handles New York, on an ordinary day and on both daylight-saving days', () => {
    expect(ends('America/New_York', '2026-03-06T15:00:00Z')).toBe('2026-03-07T05:00:00.000Z');
    // 2026-03-08: 02:00 EST → 03:00 EDT; 2026-11-01: 02:00 EDT → 01:00 EST.
    expect(ends('America/New_York', '2026-03-08T06:30:00Z')).toBe('2026-03-09T04:00:00.000Z');
    expect(ends('America/New_York', '2026-03-08T12:00:00Z')).toBe('2026-03-09T04:00:00.000Z');
    expect(ends('America/New_York', '2026-11-01T05:30:00Z')).toBe('2026-11-02T05:00:00.000Z');
    expect(ends('America/New_York', '2026-11-01T06:30:00Z')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('handles a zone 45 minutes off the hour (Asia/Kathmandu, UTC+5:45)', () => {
    // Midnight in Kathmandu is 18:15Z the day before.
    expect(ends('Asia/Kathmandu', '2026-03-06T06:00:00Z')).toBe('2026-03-06T18:15:00.000Z');
    expect(ends('Asia/Kathmandu', '2026-03-06T18:14:59.999Z')).toBe('2026-03-06T18:15:00.000Z');
    expect(ends('Asia/Kathmandu', '2026-03-06T18:15:00Z')).toBe('2026-03-07T18:15:00.000Z');
  });

  it('ends at 01:00 when clocks skip midnight (São Paulo, 2004-11-02 00:00 → 01:00)', () => {
    expect(ends('America/Sao_Paulo', '2004-11-01T03:00:00Z')).toBe('2004-11-02T03:00:00.000Z');
    expect(localTime(Date.parse('2004-11-02T03:00:00Z'), 'America/Sao_Paulo').time).toBe('01:00');
  });

  it('handles zones east and west of the date line (UTC+14, UTC−11) and UTC itself', () => {
    expect(ends('Pacific/Kiritimati', '2026-03-06T12:00:00Z')).toBe('2026-03-07T10:00:00.000Z');
    expect(ends('Pacific/Pago_Pago', '2026-03-06T12:00:00Z')).toBe('2026-03-07T11:00:00.000Z');
    expect(ends('UTC', '2026-03-06T12:34:56.789Z')).toBe('2026-03-07T00:00:00.000Z');
  });

  describe('properties', () => {
    const ZONES = [
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kathmandu',
      'Asia/Kolkata',
      'Australia/Lord_Howe', // daylight saving of 30 minutes
      'Australia/Adelaide',
      'America/St_Johns',
      'Pacific/Chatham', // UTC+12:45 / +13:45
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Europe/London',
      'America/Sao_Paulo', // until 2019, clocks went forward at midnight: no 00:00 that day
      'America/Santiago', // forward at midnight (24:00 → 01:00)
      'America/Havana', // forward at midnight
      'Asia/Beirut', // forward at midnight
      'Pacific/Apia', // skipped 2011-12-30 altogether
      'UTC',
    ];
    // 2000–2040, with many instants near midnights and daylight-saving changes by construction.
    const instant = fc.oneof(
      fc.integer({
        min: Date.parse('2000-01-01T00:00:00Z'),
        max: Date.parse('2040-01-01T00:00:00Z'),
      }),
      fc
        .tuple(
          fc.integer({ min: 0, max: 40 * 366 }),
          fc.integer({ min: -14 * 4, max: 14 * 4 }),
          fc.integer({ min: -2, max: 2 }),
        )
        .map(
          ([day, quarterHours, ms]) =>
            Date.parse('2000-01-01T00:00:00Z') + day * 86_400_000 + quarterHours * 900_000 + ms,
        ),
    );

    it('is the start of the next local day, after now and at most 26 hours on', () => {
      fc.assert(
        fc.property(fc.constantFrom(...ZONES), instant, (zone, now) => {
          const end = unlockEnds(zone, now);
          expect(end).toBeGreaterThan(now);
          expect(end).toBeLessThanOrEqual(now + 26 * HOUR);
          expect(end % 60_000).toBe(0);
          // A new day at `end`, still today a millisecond before: the first instant of the next
          // day, which is midnight unless the clocks skip it.
          const today = localTime(now, zone).date;
          expect(localTime(end, zone).date).not.toBe(today);
          expect(localTime(end - 1, zone).date).toBe(today);
        }),
        { numRuns: 3000 },
      );
    });
  });
});
