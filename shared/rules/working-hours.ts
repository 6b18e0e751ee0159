// Working hours (R16: "a login outside working hours"): the candidate's local date and time against
// the week, the holidays and the extra working days (调休) of the rules' time zone.
import type { BehaviourRules, DayKind, Hours, RuleFiring, Weekday } from '../schema/rules';
import { clockMinutes } from '../schema/rules';
import { localTime } from './local-time';
import { REVIEW_NEXT, weekdayName } from './messages';

export type WorkingHoursFiring = Extract<RuleFiring, { rule: 'working-hours' }>;

/**
 * Fires when `at` is outside the working hours of its local day. A holiday has none, even on a
 * weekday; an extra working day has `extraWorkingDayHours`, even on a weekend; any other day has
 * its weekday's hours. Hours run from `start` inclusive to `end` exclusive, to the minute: 17:59:59
 * is inside 09:00–18:00, 18:00:00 is not. `at` must be a valid time (evaluateRules checks it).
 *
 * @example
 *   checkWorkingHours(rules, Date.parse('2026-03-06T10:01:00Z')); // 18:01 in Asia/Shanghai
 *   // { rule: 'working-hours', time: '18:01', hours: { start: '09:00', end: '18:00' }, … }
 */
export function checkWorkingHours(rules: BehaviourRules, at: number): WorkingHoursFiring | null {
  const { timeZone } = rules;
  const local = localTime(at, timeZone);
  const { dayKind, hours } = dayOf(rules, local.date, local.weekday);
  if (
    hours &&
    local.minutes >= clockMinutes(hours.start) &&
    local.minutes < clockMinutes(hours.end)
  ) {
    return null;
  }
  const when = `${weekdayName(local.weekday)} ${local.date}, ${local.time} ${timeZone} time`;
  const why =
    dayKind === 'holiday'
      ? `${local.date} is a holiday, with no working hours`
      : !hours
        ? `${weekdayName(local.weekday)} is not a working day`
        : `working hours that day are ${hours.start}–${hours.end}`;
  return {
    rule: 'working-hours',
    message: `It is ${when}: ${why}. ${REVIEW_NEXT}`,
    date: local.date,
    weekday: local.weekday,
    time: local.time,
    timeZone,
    dayKind,
    hours,
  };
}

/** What kind of day a local date is, and its working hours (null: none). */
function dayOf(
  rules: BehaviourRules,
  date: string,
  weekday: Weekday,
): { dayKind: DayKind; hours: Hours | null } {
  const { week, holidays, extraWorkingDays, extraWorkingDayHours } = rules.workingHours;
  // The schema refuses a date in both lists; were one to slip through, the holiday wins (fewer hours).
  if (holidays.includes(date)) return { dayKind: 'holiday', hours: null };
  if (extraWorkingDays.includes(date)) {
    return { dayKind: 'extra-working-day', hours: extraWorkingDayHours };
  }
  const hours = week[weekday];
  return { dayKind: hours ? 'workday' : 'rest-day', hours };
}
