// Staff events (R15): what the extension records when a page shows masked customer data and when
// a value is revealed. Never a raw value: a keyed hash identifies a value without disclosing it.
import { z } from 'zod';
import { FindingCountsSchema, PiiTypeSchema } from './pii';

/** A UUID in its canonical lower-case form; events use version 7 (time-ordered). */
export const UuidSchema = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'must be a lower-case UUID',
  );

/** Where a page is: origin and path only. Queries and fragments often carry customer data. */
export const PageRefSchema = z.strictObject({
  origin: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+$/, 'must be an origin such as "https://crm.example.com"'),
  path: z
    .string()
    .startsWith('/')
    .max(2048)
    .regex(/^[^?#]*$/, 'must be a path without ? or #'),
});
export type PageRef = z.infer<typeof PageRefSchema>;

/** HMAC-SHA-256 of a normalised value, lower-case hex. */
export const ValueHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/** Why a staff member revealed a value, as they typed it (no customer data belongs here). */
export const RevealReasonSchema = z.string().trim().min(2, 'say why, in a few words').max(200);

const base = {
  /** Record layout version, for migrations of stored events. */
  schema: z.literal(1),
  /** UUIDv7: unique and time-ordered. */
  id: UuidSchema,
  /** The browser profile that recorded the event, and its gap-free sequence number there. */
  deviceId: UuidSchema,
  seq: z.number().int().nonnegative(),
  /** Null until the browser is enrolled: the event is still kept. */
  staffId: z.string().min(1).max(64).nullable(),
  role: z.string().min(1).max(40).nullable(),
  policyVersion: z.string().min(1).max(64),
  /** ISO 8601 time with milliseconds, UTC. */
  at: z.iso.datetime(),
  page: PageRefSchema,
};

/** A page (or an SPA route) showed masked customer data: how many values of each type. */
export const PageViewEventSchema = z.strictObject({
  ...base,
  kind: z.literal('page-view'),
  counts: FindingCountsSchema,
});

/** One value was revealed (R12, R15). */
export const RevealEventSchema = z.strictObject({
  ...base,
  kind: z.literal('reveal'),
  piiType: PiiTypeSchema,
  count: z.literal(1),
  valueHash: ValueHashSchema,
  reason: RevealReasonSchema.optional(),
  seconds: z.number().int().positive(),
  /**
   * Who allowed it (issue 6): the audit service (`server`, the normal case), the cached policy
   * while the service could not be reached (`offline`; the service counts it against the rules
   * when it arrives), or the browser's own policy on a browser not enrolled (`local`). Absent in
   * events recorded before enrollment existed.
   */
  authorizedBy: z.enum(['server', 'offline', 'local']).optional(),
  /** How much was shown: absent means `full` (events from before partial reveals existed). */
  access: z.enum(['partial', 'full']).optional(),
});

/** Protection paused or resumed on a tab. */
export const PauseEventSchema = z.strictObject({
  ...base,
  kind: z.enum(['pause', 'resume']),
});

/**
 * Every staff event. Parse stored and received events with it.
 *
 * @example
 *   StaffEventSchema.parse({ schema: 1, id, deviceId, seq: 0, staffId: 'CS-0420', role: 'support',
 *     policyVersion: '2026-11-01', at: '2026-11-22T09:30:00.000Z',
 *     page: { origin: 'https://crm.example.com', path: '/customers/18' },
 *     kind: 'page-view', counts: { phone: 3 } });
 */
export const StaffEventSchema = z.discriminatedUnion('kind', [
  PageViewEventSchema,
  RevealEventSchema,
  PauseEventSchema,
]);
export type StaffEvent = z.infer<typeof StaffEventSchema>;
