// Where a quarter starts and ends as instants, in the zone whose calendar the activity index counts
// in: grants store instants, quarters are local days, and a grant that ended at 23:00 UTC on the
// last day of June was still in force on 1 July in Shanghai.
import { localTime } from '../../../shared/rules';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as the UTC midnight of that date, in ms. */
const utcDate = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/**
 * The instant local midnight begins `day` in `timeZone` (ms). Found by correcting a guess by the
 * zone's offset at the guess, twice at most: offsets change at most twice a year, never twice in
 * a day.
 *
 * @example
 *   startOfDay('2026-07-01', 'Asia/Shanghai'); // Date.parse('2026-06-30T16:00:00Z')
 */
export function startOfDay(day: string, timeZone: string): number {
  const midnight = utcDate(day);
  let guess = midnight;
  for (let i = 0; i < 3; i++) {
    const shown = localTime(guess, timeZone);
    const offset = utcDate(shown.date) + shown.minutes * 60_000 - guess;
    const next = midnight - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/**
 * The instants [start, end) the days `from`…`to` cover in `timeZone`.
 *
 * @example
 *   daysAsInstants({ from: '2026-07-01', to: '2026-09-30' }, 'Asia/Shanghai');
 *   // { start: Date.parse('2026-06-30T16:00:00Z'), end: Date.parse('2026-09-30T16:00:00Z') }
 */
export function daysAsInstants(
  days: { from: string; to: string },
  timeZone: string,
): { start: number; end: number } {
  const after = new Date(utcDate(days.to) + DAY_MS).toISOString().slice(0, 10);
  return { start: startOfDay(days.from, timeZone), end: startOfDay(after, timeZone) };
}
