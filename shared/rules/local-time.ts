// The wall-clock date and time of an instant in an IANA time zone, with Intl.DateTimeFormat alone.
// The rules only ever go from an instant to local time (never from a local time back to an
// instant), so daylight-saving gaps and overlaps need no special handling: Intl knows the offsets.
import type { Weekday } from '../schema/rules';

/** An instant as a clock on the wall of the zone shows it. */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
  /** `HH:MM`, 24-hour. */
  time: string;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
}

// Monday first, and 1970-01-01 (day 0) was a Thursday.
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const EPOCH_WEEKDAY = 3;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat costs ~50× a format call, and a policy names one zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-US with the Gregorian calendar and Latin digits: parts are plain ASCII numbers whatever
    // the runtime's default locale (a zh-CN default would otherwise still work, a th-TH one not).
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows `timeZone` (an IANA name such as `Asia/Shanghai`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    // RangeError: not a zone this runtime knows.
    return false;
  }
}

/**
 * The local date, weekday and time of `at` (milliseconds since the epoch) in `timeZone`.
 *
 * Contract (evaluateRules checks both before calling):
 * - `at` is a finite time a Date can hold, else Intl throws a RangeError;
 * - `timeZone` is known to the runtime, else Intl throws a RangeError.
 *
 * @example
 *   localTime(Date.parse('2026-03-05T16:01:00Z'), 'Asia/Shanghai');
 *   // { date: '2026-03-06', weekday: 'fri', time: '00:01', minutes: 1 }
 */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  // h23 never yields 24, but older V8 builds did for midnight with hour12: false; cheap to guard.
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const days = Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
  return {
    date: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
    weekday: WEEKDAYS[(((days + EPOCH_WEEKDAY) % 7) + 7) % 7]!,
    time: `${pad(hour)}:${pad(minute)}`,
    minutes: hour * 60 + minute,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
