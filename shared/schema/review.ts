// The review console (issue 7; R6, R10, R16, R17, R18, R21): operator sign-in, activity queries,
// quarterly spot checks, incidents, retention, and the ledger entries every console action writes.
import { z } from 'zod';
import { DataRequestSchema } from './consent';
import { RoleNameSchema } from './policy';
import { OperatorNameSchema, OperatorRoleSchema, TotpCodeSchema } from './staff';

const Instant = z.iso.datetime({ offset: true });
const LedgerIndex = z.number().int().nonnegative();

// ---- Sign-in ----------------------------------------------------------------------------------

/** `POST /admin/api/session`: name, password and the authenticator's code (R13 for reviewers too). */
export const SignInBodySchema = z.strictObject({
  name: OperatorNameSchema,
  password: z.string().min(1, 'enter your password').max(200),
  code: TotpCodeSchema,
});
export type SignInBody = z.infer<typeof SignInBodySchema>;

/** Who is signed in: what the console shows and which pages it offers. */
export const ConsoleSessionSchema = z.strictObject({
  name: OperatorNameSchema,
  role: OperatorRoleSchema,
  expiresAt: Instant,
});
export type ConsoleSession = z.infer<typeof ConsoleSessionSchema>;

// ---- Activity ----------------------------------------------------------------------------------

/** A calendar day, `YYYY-MM-DD`, in the rules' time zone. */
export const DaySchema = z.iso.date('must be a date written YYYY-MM-DD, e.g. "2026-11-21"');

/** The longest range the chart draws: issue 7 asks for 90 days; a quarter has at most 92. */
export const MAX_CHART_DAYS = 92;

/** `GET /admin/api/activity/chart?from&to&limit&offset`. */
export const ChartQuerySchema = z.strictObject({
  from: DaySchema,
  to: DaySchema,
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One staff member's days, busiest day first across staff. */
export const ChartResponseSchema = z.strictObject({
  from: DaySchema,
  to: DaySchema,
  /** The daily limit in force (R16), drawn as the threshold line. */
  threshold: z.number().int(),
  staffCount: z.number().int(),
  staff: z.array(
    z.strictObject({
      staffId: z.string(),
      peak: z.number().int(),
      /** `[day, views, reveals]`, days without activity left out: compact for 90,000 of them. */
      days: z.array(z.tuple([DaySchema, z.number().int(), z.number().int()])),
    }),
  ),
});
export type ChartResponse = z.infer<typeof ChartResponseSchema>;

// ---- Spot checks (R18) -------------------------------------------------------------------------

/** A calendar quarter, `2026-Q3`. */
export const QuarterSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter written YYYY-Qn, e.g. "2026-Q3"');
export type Quarter = z.infer<typeof QuarterSchema>;

/** `POST /admin/api/spot-checks` (reviewer or admin). */
export const SpotCheckCreateBodySchema = z.strictObject({
  quarter: QuarterSchema,
  /** The high-risk roles whose events are sampled, e.g. ["data-admin"]. */
  roles: z.array(RoleNameSchema).min(1, 'pick at least one role to check'),
  sampleSize: z.number().int().min(1).max(500).default(25),
});
export type SpotCheckCreateBody = z.infer<typeof SpotCheckCreateBodySchema>;

export const FindingVerdictSchema = z.enum(['ok', 'concern', 'violation']);
export type FindingVerdict = z.infer<typeof FindingVerdictSchema>;

/** `POST /admin/api/spot-checks/:checkId/findings` (reviewer or admin). */
export const FindingBodySchema = z.strictObject({
  index: LedgerIndex,
  verdict: FindingVerdictSchema,
  note: z.string().trim().max(2000).default(''),
});
export type FindingBody = z.infer<typeof FindingBodySchema>;

export const SpotFindingSchema = z.strictObject({
  index: LedgerIndex,
  verdict: FindingVerdictSchema,
  note: z.string(),
  by: OperatorNameSchema,
  at: Instant,
});
export type SpotFinding = z.infer<typeof SpotFindingSchema>;

/** A spot check: its sample is reproducible from `seed` and the population (see sampleIndexes). */
export const SpotCheckSchema = z.strictObject({
  checkId: z.uuid(),
  quarter: QuarterSchema,
  roles: z.array(RoleNameSchema),
  /** 32 hex digits, drawn at random and recorded, so anyone can redraw the same sample. */
  seed: z.string().regex(/^[0-9a-f]{32}$/),
  /** How many events the roles had in the quarter (the population sampled from). */
  population: z.number().int().nonnegative(),
  /** Ledger indexes of the sampled events, ascending. */
  sample: z.array(LedgerIndex),
  findings: z.array(SpotFindingSchema),
  createdBy: OperatorNameSchema,
  createdAt: Instant,
  status: z.enum(['open', 'signed']),
  signedBy: OperatorNameSchema.nullable(),
  signedAt: Instant.nullable(),
  /** The ledger entry that holds the finished check. */
  ledgerIndex: LedgerIndex.nullable(),
});
export type SpotCheck = z.infer<typeof SpotCheckSchema>;

// ---- Incidents (R21) ---------------------------------------------------------------------------

/** Level 1 is a single misdirected record; higher levels are wider exposures. */
export const IncidentLevelSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
]);
export type IncidentLevel = z.infer<typeof IncidentLevelSchema>;

/** What an incident's clock counts down to. */
export const DeadlineStepSchema = z.enum(['customer-notified', 'regulator-reported']);
export type DeadlineStep = z.infer<typeof DeadlineStepSchema>;

/** Everything a handler can record on an incident. */
export const IncidentActionSchema = z.enum([
  'customer-notified',
  'regulator-reported',
  'contained',
  'note',
  'closed',
]);
export type IncidentAction = z.infer<typeof IncidentActionSchema>;

/** `POST /admin/api/incidents` (reviewer or admin). */
export const IncidentCreateBodySchema = z.strictObject({
  level: IncidentLevelSchema,
  title: z.string().trim().min(3, 'give the incident a short title').max(200),
  description: z.string().trim().max(5000).default(''),
  /** When it was discovered: the clock runs from here, not from when it was typed in. */
  discoveredAt: Instant,
});
export type IncidentCreateBody = z.infer<typeof IncidentCreateBodySchema>;

/** `POST /admin/api/incidents/:incidentId/steps`. */
export const IncidentStepBodySchema = z.strictObject({
  action: IncidentActionSchema,
  note: z.string().trim().min(2, 'say what was done').max(2000),
});
export type IncidentStepBody = z.infer<typeof IncidentStepBodySchema>;

export const IncidentStepSchema = z.strictObject({
  action: IncidentActionSchema,
  note: z.string(),
  by: OperatorNameSchema,
  at: Instant,
});
export type IncidentStep = z.infer<typeof IncidentStepSchema>;

export const IncidentSchema = z.strictObject({
  incidentId: z.uuid(),
  level: IncidentLevelSchema,
  title: z.string(),
  description: z.string(),
  discoveredAt: Instant,
  openedBy: OperatorNameSchema,
  openedAt: Instant,
  steps: z.array(IncidentStepSchema),
  closedAt: Instant.nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

// ---- Ledger entries ----------------------------------------------------------------------------

const by = { by: OperatorNameSchema, at: Instant };

/** Every console action, as a ledger entry (ledger kind `console`). */
export const ConsoleEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('signed-in'), ...by }),
  z.strictObject({ kind: z.literal('sign-in-failed'), at: Instant, name: z.string() }),
  /** Failed sign-ins past a window's budget (a flood of names), counted instead of listed. */
  z.strictObject({
    kind: z.literal('sign-in-failures-counted'),
    at: Instant,
    from: Instant,
    to: Instant,
    count: z.number().int().positive(),
    /** How many distinct names were tried. */
    names: z.number().int().positive(),
  }),
  z.strictObject({
    kind: z.literal('exported'),
    ...by,
    what: z.string(),
    format: z.enum(['csv', 'jsonl', 'ledger']),
    /** The query, as the URL's search string: what was taken out, not the data. */
    query: z.string(),
    rows: z.number().int().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal('spot-check-drawn'),
    ...by,
    checkId: z.uuid(),
    quarter: QuarterSchema,
    roles: z.array(RoleNameSchema),
    seed: z.string(),
    population: z.number().int(),
    sample: z.array(LedgerIndex),
  }),
  z.strictObject({ kind: z.literal('spot-check-signed'), ...by, check: SpotCheckSchema }),
  z.strictObject({ kind: z.literal('incident-opened'), ...by, incident: IncidentSchema }),
  z.strictObject({
    kind: z.literal('incident-step'),
    ...by,
    incidentId: z.uuid(),
    step: IncidentStepSchema,
  }),
  z.strictObject({
    kind: z.literal('request-status'),
    ...by,
    /** A customer's deletion or copy request (R6), moved along by an administrator. */
    requestId: z.uuid(),
    status: DataRequestSchema.shape.status,
    note: z.string(),
  }),
  z.strictObject({
    kind: z.literal('retention-destroyed'),
    ...by,
    what: z.string(),
    count: z.number().int().nonnegative(),
    /** The rule that made them due, e.g. "verification contacts 30 days after use". */
    rule: z.string(),
  }),
]);
export type ConsoleEntry = z.infer<typeof ConsoleEntrySchema>;
