// The review console's record-keeping pages (issue 7; R6, R10, R17, R18, R21): what their HTTP
// answers look like, for the server that sends them and the console that reads them. The shapes
// of the records themselves (SpotCheck, Incident, ConsoleEntry) are in review.ts.
import { z } from 'zod';
import { DataRequestSchema, LocalizedTextSchema, SiteIdSchema } from './consent';
import { CheckpointResponseSchema, VerifyReportSchema } from './ledger';
import { IncidentSchema, SpotCheckSchema } from './review';

const Instant = z.iso.datetime({ offset: true });
const Count = z.number().int().nonnegative();

/** `?limit&offset` of the console's lists: a page at a time, never the whole table. */
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

// ---- Spot checks (R18) -------------------------------------------------------------------------

/** One sampled event, as the activity index keeps it (never the customer value). */
export const SampledEventSchema = z.strictObject({
  index: Count,
  staffId: z.string().nullable(),
  day: z.string(),
  at: Instant,
  kind: z.string(),
  origin: z.string(),
  piiType: z.string().nullable(),
});

/** `GET /admin/api/spot-checks/:checkId`: the check and its sampled events, ascending. */
export const SpotCheckDetailSchema = z.strictObject({
  check: SpotCheckSchema,
  events: z.array(SampledEventSchema),
});
export type SpotCheckDetail = z.infer<typeof SpotCheckDetailSchema>;

// ---- Incidents (R21) ---------------------------------------------------------------------------

/** One deadline of an incident at the moment of the answer (shared/review incidentClock). */
export const DeadlineStateSchema = z.strictObject({
  step: z.enum(['customer-notified', 'regulator-reported']),
  /** Milliseconds since the epoch. */
  dueAt: z.number(),
  doneAt: z.number().nullable(),
  remainingMs: z.number().nullable(),
  status: z.enum(['done', 'done-late', 'running', 'overdue']),
});

/** An incident with its clock, as `GET /admin/api/incidents[/:incidentId]` shows it. */
export const IncidentViewSchema = IncidentSchema.extend({ clock: z.array(DeadlineStateSchema) });
export type IncidentView = z.infer<typeof IncidentViewSchema>;

// ---- Consent statistics and data requests (R6) -------------------------------------------------

/** A calendar month, `YYYY-MM` (UTC, as receipts record their time). */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. "2026-11"');

/** The longest range of months one statistics answer covers: three years, as the ledger keeps. */
export const MAX_STATS_MONTHS = 36;

/**
 * `GET /admin/api/consent/stats?site&from&to`: `from` and `to` are months (`YYYY-MM`; a full date
 * counts as its month); by default the twelve months up to this one, and the first site.
 */
export const ConsentStatsQuerySchema = z.strictObject({
  site: SiteIdSchema.optional(),
  from: z
    .string()
    .transform((s) => s.slice(0, 7))
    .pipe(MonthSchema)
    .optional(),
  to: z
    .string()
    .transform((s) => s.slice(0, 7))
    .pipe(MonthSchema)
    .optional(),
});

/**
 * One purpose's decisions in one month under one policy version. `granted`: granted where no grant
 * was in force; `withdrawn`: refused where a grant was in force; `refused`: refused where the
 * subject had decided nothing yet or its grant had lapsed. Repeating a decision counts nothing.
 */
export const ConsentStatRowSchema = z.strictObject({
  site: SiteIdSchema,
  version: z.number().int().min(1),
  purpose: z.string(),
  /** The purpose's title in that version, or null if the version cannot be read. */
  title: LocalizedTextSchema.nullable(),
  month: MonthSchema,
  granted: Count,
  refused: Count,
  withdrawn: Count,
});
export type ConsentStatRow = z.infer<typeof ConsentStatRowSchema>;

export const ConsentStatsSchema = z.strictObject({
  /** The site shown, or null when no site has published a policy yet. */
  site: SiteIdSchema.nullable(),
  /** Every site, for the picker. */
  sites: z.array(SiteIdSchema),
  from: MonthSchema,
  to: MonthSchema,
  /** Newest version first, then by purpose and month; months without a decision left out. */
  rows: z.array(ConsentStatRowSchema),
});
export type ConsentStats = z.infer<typeof ConsentStatsSchema>;

/** `GET /admin/api/consent/requests?status&limit&offset`; `pending` is open or in progress. */
export const DataRequestQueueQuerySchema = PageQuerySchema.extend({
  status: z.enum(['open', 'in-progress', 'done', 'refused', 'pending']).optional(),
});

/** A data request in the operator's queue: whose, where, and whether it is past its due date. */
export const QueuedDataRequestSchema = DataRequestSchema.extend({
  subject: z.string(),
  site: z.string(),
  /** Not done or refused, and past `dueAt`. */
  overdue: z.boolean(),
});
export type QueuedDataRequest = z.infer<typeof QueuedDataRequestSchema>;

export const DataRequestQueueSchema = z.strictObject({
  requests: z.array(QueuedDataRequestSchema),
  /** How many requests match, across pages. */
  total: Count,
});

/** `POST /admin/api/consent/requests/:requestId/status` (admin). */
export const RequestStatusBodySchema = z.strictObject({
  status: DataRequestSchema.shape.status,
  note: z.string().trim().min(2, 'say what was done, e.g. "deleted from the CRM"').max(2000),
});
export type RequestStatusBody = z.infer<typeof RequestStatusBodySchema>;

// ---- Retention (R10) ---------------------------------------------------------------------------

/** The kinds of personal data the consent service holds that come due for destruction. */
export const RetentionKindSchema = z.enum(['verification-contacts', 'consent-records']);
export type RetentionKind = z.infer<typeof RetentionKindSchema>;

export const RetentionDueSchema = z.strictObject({
  kind: RetentionKindSchema,
  /** What is destroyed, in a few words. */
  what: z.string(),
  /** When it comes due, in a sentence. */
  rule: z.string(),
  /** How many items are due now. */
  count: Count,
  /** When the longest-due item came due; null when none is. */
  oldest: Instant.nullable(),
});
export type RetentionDue = z.infer<typeof RetentionDueSchema>;

/** `GET /admin/api/retention`. */
export const RetentionResponseSchema = z.strictObject({
  checkedAt: Instant,
  due: z.array(RetentionDueSchema),
  /** The ledger's own retention, stated (R17): never destroyed by the console. */
  ledger: z.string(),
});
export type RetentionResponse = z.infer<typeof RetentionResponseSchema>;

/** `POST /admin/api/retention/destroy` (admin). */
export const RetentionDestroyBodySchema = z.strictObject({ kind: RetentionKindSchema });
export const RetentionDestroyedSchema = z.strictObject({
  kind: RetentionKindSchema,
  destroyed: Count,
});

// ---- Integrity (R17) ---------------------------------------------------------------------------

/** `GET /admin/api/integrity` and `POST /admin/api/integrity/verify`. */
export const IntegrityResponseSchema = z.strictObject({
  /** The last verification of the whole ledger, and when it ran. */
  verify: VerifyReportSchema.and(z.object({ checkedAt: Instant })),
  checkpoint: CheckpointResponseSchema.nullable(),
  publicKey: z.string(),
  size: Count,
  /** Shell commands that check the ledger away from the console. */
  commands: z.array(z.string()),
});
export type IntegrityResponse = z.infer<typeof IntegrityResponseSchema>;
