// Calendar quarters for spot checks (R18: "quarterly"): the days a quarter covers, in the local
// calendar the activity index counts in.

/** A quarter's first and last day, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

const LAST_DAY = ['03-31', '06-30', '09-30', '12-31'] as const;
const FIRST_DAY = ['01-01', '04-01', '07-01', '10-01'] as const;

/**
 * The days of a quarter written `YYYY-Qn` (QuarterSchema checks the form).
 *
 * @example
 *   quarterDays('2026-Q3'); // { from: '2026-07-01', to: '2026-09-30' }
 */
export function quarterDays(quarter: string): DayRange {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6)) - 1;
  return { from: `${year}-${FIRST_DAY[q]}`, to: `${year}-${LAST_DAY[q]}` };
}

/**
 * The quarter a day falls in.
 *
 * @example
 *   quarterOf('2026-11-22'); // '2026-Q4'
 */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}
