// When an unlock ends (R13): a TOTP code unlocks reveals for the working day, so at the next local
// midnight in the rules' time zone; never longer than 26 hours whatever the zone's offsets do.
import { localTime } from '../rules/local-time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The longest calendar day: 25 hours when clocks go back, plus an hour of slack for odd zones. */
const LONGEST_DAY_MS = 26 * 3_600_000;

/**
 * The instant (ms since the epoch) of the first local midnight after `now` in `timeZone`.
 * Daylight-saving days are 23 or 25 hours long: the guess from the local clock is corrected by
 * asking Intl again, at most a few times.
 *
 * @example
 *   new Date(unlockEnds('Asia/Shanghai', Date.parse('2026-03-06T02:00:00Z'))).toISOString();
 *   // '2026-03-06T16:00:00.000Z' (midnight in Shanghai)
 */
export function unlockEnds(timeZone: string, now: number): number {
  const start = localTime(now, timeZone);
  let guess = now + DAY_MS - start.minutes * MINUTE_MS;
  // Land on the minute boundary: seconds of `now` are still in the guess.
  guess -= guess % MINUTE_MS;
  for (let i = 0; i < 4; i += 1) {
    const local = localTime(guess, timeZone);
    if (local.date !== start.date && local.minutes === 0) break;
    // Too early (still the same day, or the next day's midnight not yet) or too late: step by the
    // distance to midnight as the local clock at the guess sees it.
    guess +=
      local.date === start.date ? DAY_MS - local.minutes * MINUTE_MS : -local.minutes * MINUTE_MS;
  }
  return Math.min(guess, now + LONGEST_DAY_MS);
}
