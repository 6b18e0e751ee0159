// The behaviour rules (R16) an administrator sets, and what a rule that fires reports: shared by the
// extension (which stops at once) and the server (which decides and opens a second-level review).
import { z } from 'zod';

/** Customer-record views or reveals allowed in one calendar day: R16 says "more than 50". */
export const DEFAULT_DAILY_MAX = 50;
/** Reveals allowed within `DEFAULT_BULK_SECONDS`: a person reading one customer's file at a time
 * reveals a few values a minute; ten in a minute looks like copying a list. */
export const DEFAULT_BULK_MAX = 10;
/** The bulk window: the issue's "many within a minute". */
export const DEFAULT_BULK_SECONDS = 60;
/** The longest bulk window: the rule is about bursts; longer spans are the daily limit's job. */
export const MAX_BULK_SECONDS = 3600;

/** Whether the runtime's Intl knows the zone; every runtime we target ships the IANA database. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    // RangeError: the runtime does not know this zone.
    return false;
  }
}

/** An IANA time zone name such as `Asia/Shanghai` or `Europe/Berlin`. */
export const TimeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai" or "Europe/Berlin"');

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date('must be a date written YYYY-MM-DD, e.g. "2026-10-01"');
export type IsoDate = z.infer<typeof IsoDateSchema>;

const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** A local wall-clock time `HH:MM`; `24:00` ends a day that works until midnight. */
export const ClockTimeSchema = z
  .string()
  .regex(CLOCK_TIME, 'must be a time written HH:MM, e.g. "09:00"');

/**
 * Minutes since local midnight of a `ClockTime`.
 *
 * @example
 *   clockMinutes('18:00'); // 1080
 */
export const clockMinutes = (time: string): number =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const bothClockTimes = (h: { start: string; end: string }): boolean =>
  CLOCK_TIME.test(h.start) && CLOCK_TIME.test(h.end);

/** Working hours of one day: from `start` (inclusive) to `end` (exclusive), in local time. */
export const HoursSchema = z
  .strictObject({ start: ClockTimeSchema, end: ClockTimeSchema })
  // Zod runs this even when a time failed its regex; that time has its own message already.
  .refine((h) => !bothClockTimes(h) || clockMinutes(h.end) > clockMinutes(h.start), {
    // One interval per day keeps the rule and its message simple; nobody has asked for night shifts.
    message: 'end must be after start on the same day, e.g. { "start": "09:00", "end": "18:00" }',
    path: ['end'],
  });
export type Hours = z.infer<typeof HoursSchema>;

/** Weekday keys, Monday first as in ISO 8601. */
export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof WeekdaySchema>;

const OFFICE_HOURS = { start: '09:00', end: '18:00' } as const;
/** A weekday's hours, or null for a rest day. */
const dayHours = (workday: boolean) =>
  HoursSchema.nullable().default(workday ? { ...OFFICE_HOURS } : null);

/** Working hours per weekday; a day left out is Mon–Fri 09:00–18:00 and Sat–Sun rest. */
export const WeekSchema = z.strictObject({
  mon: dayHours(true),
  tue: dayHours(true),
  wed: dayHours(true),
  thu: dayHours(true),
  fri: dayHours(true),
  sat: dayHours(false),
  sun: dayHours(false),
});
export type Week = z.infer<typeof WeekSchema>;

/** No customer data outside working hours (R16: "a login outside working hours"). */
export const WorkingHoursRuleSchema = z
  .strictObject({
    week: WeekSchema.prefault({}),
    /** Public holidays and company closures: no working hours at all, whatever the weekday. */
    holidays: z.array(IsoDateSchema).default([]),
    /** Rest days worked instead (调休), e.g. a Saturday before National Day. */
    extraWorkingDays: z.array(IsoDateSchema).default([]),
    /** The hours of an extra working day: the State Council's notices only say "上班", so one
     * set of hours for all of them rather than guessing which weekday each stands in for. */
    extraWorkingDayHours: HoursSchema.default({ ...OFFICE_HOURS }),
  })
  .superRefine((rule, ctx) => {
    const holidays = new Set(rule.holidays);
    rule.extraWorkingDays.forEach((date, i) => {
      if (holidays.has(date)) {
        ctx.addIssue({
          code: 'custom',
          message: `${date} is both a holiday and an extra working day; keep it in one of the two lists`,
          path: ['extraWorkingDays', i],
        });
      }
    });
  });
export type WorkingHoursRule = z.infer<typeof WorkingHoursRuleSchema>;

/** At most `max` customer-record views or reveals in one window (R16: "more than 50 … in a day"). */
export const DailyLimitRuleSchema = z.strictObject({
  max: z.number().int().min(1).default(DEFAULT_DAILY_MAX),
  /** A calendar day in the rules' time zone: the policy counts per working day, not per 24 hours. */
  window: z.literal('calendar-day').default('calendar-day'),
});
export type DailyLimitRule = z.infer<typeof DailyLimitRuleSchema>;

/** At most `max` reveals within any `seconds`: a burst of reveals looks like copying a list. */
export const BulkRevealRuleSchema = z.strictObject({
  max: z.number().int().min(1).default(DEFAULT_BULK_MAX),
  seconds: z.number().int().min(1).max(MAX_BULK_SECONDS).default(DEFAULT_BULK_SECONDS),
});
export type BulkRevealRule = z.infer<typeof BulkRevealRuleSchema>;

/**
 * The behaviour rules (R16). Only the time zone is required; every rule has the defaults above.
 *
 * @example
 *   BehaviourRulesSchema.parse({
 *     timeZone: 'Asia/Shanghai',
 *     dailyLimit: { max: 50 },
 *     workingHours: { holidays: ['2026-10-01'], extraWorkingDays: ['2026-09-27'] },
 *     bulkReveals: { max: 10, seconds: 60 },
 *   });
 */
export const BehaviourRulesSchema = z.strictObject({
  /** Where the working day is: the daily window and working hours are local to this zone. */
  timeZone: TimeZoneSchema,
  dailyLimit: DailyLimitRuleSchema.prefault({}),
  workingHours: WorkingHoursRuleSchema.prefault({}),
  bulkReveals: BulkRevealRuleSchema.prefault({}),
});
export type BehaviourRules = z.infer<typeof BehaviourRulesSchema>;
/** The rules as written, before defaults are filled in. */
export type BehaviourRulesInput = z.input<typeof BehaviourRulesSchema>;

/** What a staff member did, or is about to do, with customer records. */
export const ActivityKindSchema = z.enum(['view', 'reveal']);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** One action: when (milliseconds since the Unix epoch, UTC) and what. */
export const ActivitySchema = z.strictObject({
  at: z
    .number()
    .int()
    .min(0, 'must be a time in milliseconds since 1970-01-01T00:00:00Z, e.g. Date.parse(event.at)')
    // The largest time a Date can hold.
    .max(8.64e15, 'must be a time in milliseconds since 1970-01-01T00:00:00Z'),
  kind: ActivityKindSchema,
});
export type Activity = z.infer<typeof ActivitySchema>;

/** The rules, by id: ids go into review cases and ledger entries, so they never change. */
export const RuleIdSchema = z.enum(['daily-limit', 'working-hours', 'bulk-reveals']);
export type RuleId = z.infer<typeof RuleIdSchema>;

/** What kind of day the action falls on, for the working-hours message. */
export const DayKindSchema = z.enum(['workday', 'rest-day', 'holiday', 'extra-working-day']);
export type DayKind = z.infer<typeof DayKindSchema>;

/** A rule that fired, with a message for the staff member and the figures a reviewer needs. */
export const RuleFiringSchema = z.discriminatedUnion('rule', [
  z.strictObject({
    rule: z.literal('daily-limit'),
    message: z.string(),
    /** Views and reveals on `date`, counting the one about to happen. */
    count: z.number().int(),
    max: z.number().int(),
    /** The local calendar day counted, and its zone. */
    date: IsoDateSchema,
    timeZone: z.string(),
  }),
  z.strictObject({
    rule: z.literal('working-hours'),
    message: z.string(),
    date: IsoDateSchema,
    weekday: WeekdaySchema,
    /** Local wall-clock time of the action, `HH:MM`. */
    time: z.string(),
    timeZone: z.string(),
    dayKind: DayKindSchema,
    /** That day's working hours; null when it has none. */
    hours: HoursSchema.nullable(),
  }),
  z.strictObject({
    rule: z.literal('bulk-reveals'),
    message: z.string(),
    /** Reveals within `seconds` of the one about to happen, counting it. */
    count: z.number().int(),
    max: z.number().int(),
    seconds: z.number().int(),
  }),
]);
export type RuleFiring = z.infer<typeof RuleFiringSchema>;

/** Whether the action may go ahead: every rule that fires is listed, so a reviewer sees them all. */
export const RulesVerdictSchema = z.discriminatedUnion('allowed', [
  z.strictObject({ allowed: z.literal(true) }),
  z.strictObject({ allowed: z.literal(false), fired: z.array(RuleFiringSchema).min(1) }),
]);
export type RulesVerdict = z.infer<typeof RulesVerdictSchema>;
