// The sentences a staff member reads when a rule stops them: what happened, then what happens next.

/** What every firing ends with: the rule does not forbid work, it asks a person to look (R16). */
export const REVIEW_NEXT =
  'Reveals are paused until a reviewer has looked at it (second-level review); masked pages still work.';

const WEEKDAY_NAMES = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const;

/** `'fri'` → `'Friday'`. */
export const weekdayName = (day: keyof typeof WEEKDAY_NAMES): string => WEEKDAY_NAMES[day];
