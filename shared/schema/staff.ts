// Access governance (issue 6; R12, R13, R14, R16): staff members, their enrollment and second
// factor, roles granted until a date, the signed policy, server-authorized reveals, review cases,
// and the ledger entries that put every permission change on the record.
import { z } from 'zod';
import { PageRefSchema, RevealReasonSchema, UuidSchema, ValueHashSchema } from './events';
import { PiiTypeSchema } from './pii';
import { RevealAccessSchema, RoleNameSchema, StaffIdentitySchema } from './policy';
import { RuleFiringSchema } from './rules';

/** A staff number, as in `StaffIdentity` (e.g. `CS-0420`). */
export const StaffIdSchema = StaffIdentitySchema.shape.staffId;
export type StaffId = z.infer<typeof StaffIdSchema>;

/** ISO 8601 instant with a `Z` or offset, as every governance body writes times. */
const Instant = z.iso.datetime({ offset: true });

/** A six-digit TOTP code as an authenticator app shows it (spaces people type are removed). */
export const TotpCodeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6-digit code your authenticator app shows'));

/**
 * A one-time enrollment code an administrator hands a staff member: 16 Crockford base32
 * characters in groups of four (`ENR-` prefix), typed once into the extension's options page.
 */
export const EnrollmentCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^ENR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
    'must be the enrollment code your administrator gave you, e.g. "ENR-7K2M-Q9XD-4TPA-H3VW"',
  );

/** Who may use the admin API and, later, the review console: auditors read, reviewers decide, admins manage. */
export const OperatorRoleSchema = z.enum(['auditor', 'reviewer', 'admin']);
export type OperatorRole = z.infer<typeof OperatorRoleSchema>;

/** An operator's name as it appears in ledger entries (`by`). */
export const OperatorNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be a login name such as "li.wei" or "audit-01"');

// ---- Staff members ---------------------------------------------------------------------------

/** `POST /v1/admin/staff`. */
export const CreateStaffBodySchema = z.strictObject({
  staffId: StaffIdSchema,
  name: z.string().trim().min(1, "give the staff member's name").max(100),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBodySchema>;

/** A staff member as the admin API shows them. */
export const StaffMemberSchema = z.strictObject({
  staffId: StaffIdSchema,
  name: z.string(),
  createdAt: Instant,
  /** When a device last exchanged an enrollment code; null until then. */
  enrolledAt: Instant.nullable(),
  /** Whether an authenticator is registered and confirmed (unlock needs it). */
  totpActive: z.boolean(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

/** A fresh enrollment code, shown once. `POST /v1/admin/staff` and `.../enrollment` answer it. */
export const EnrollmentIssuedSchema = z.strictObject({
  code: EnrollmentCodeSchema,
  expiresAt: Instant,
});
export type EnrollmentIssued = z.infer<typeof EnrollmentIssuedSchema>;

/** `POST /v1/admin/staff` → 201. */
export const CreateStaffResponseSchema = z.strictObject({
  staff: StaffMemberSchema,
  enrollment: EnrollmentIssuedSchema,
});
export type CreateStaffResponse = z.infer<typeof CreateStaffResponseSchema>;

// ---- Grants (R14) ----------------------------------------------------------------------------

/** Longest a grant may run: a project's access is temporary by policy. */
export const MAX_GRANT_DAYS = 366;

/** `POST /v1/admin/staff/:staffId/grants`: a role until a date, for a reason (the project). */
export const CreateGrantBodySchema = z.strictObject({
  role: RoleNameSchema,
  expiresAt: Instant,
  /** Why the access is needed, e.g. the project name: reviewers read it. */
  note: z.string().trim().min(2, 'say why the access is needed, e.g. the project name').max(200),
});
export type CreateGrantBody = z.infer<typeof CreateGrantBodySchema>;

/** `POST /v1/admin/grants/:grantId/change`: move the end date (earlier or later). */
export const ChangeGrantBodySchema = z.strictObject({
  expiresAt: Instant,
  note: z.string().trim().min(2, 'say why the end date moves').max(200),
});
export type ChangeGrantBody = z.infer<typeof ChangeGrantBodySchema>;

/** `POST /v1/admin/grants/:grantId/revoke`. */
export const RevokeGrantBodySchema = z.strictObject({
  note: z.string().trim().min(2, 'say why the access is withdrawn').max(200),
});
export type RevokeGrantBody = z.infer<typeof RevokeGrantBodySchema>;

/** A grant: the staff member holds `role` from `grantedAt` until `expiresAt` unless revoked. */
export const GrantSchema = z.strictObject({
  grantId: UuidSchema,
  staffId: StaffIdSchema,
  role: RoleNameSchema,
  grantedAt: Instant,
  grantedBy: OperatorNameSchema,
  expiresAt: Instant,
  note: z.string(),
  revokedAt: Instant.nullable(),
  revokedBy: OperatorNameSchema.nullable(),
});
export type Grant = z.infer<typeof GrantSchema>;

// ---- Enrollment and unlock (R13) -------------------------------------------------------------

/** `POST /v1/enroll` (no credentials: the code is the credential, and works once). */
export const EnrollBodySchema = z.strictObject({
  code: EnrollmentCodeSchema,
  /** What the staff member calls this browser, e.g. "office laptop". */
  deviceLabel: z.string().trim().min(1).max(100),
});
export type EnrollBody = z.infer<typeof EnrollBodySchema>;

/**
 * `POST /v1/enroll` → 201. The device token authenticates every later call (and the event sync);
 * `serverKey` verifies the signed policy; the TOTP secret is registered by confirming one code.
 */
export const EnrollResponseSchema = z.strictObject({
  staffId: StaffIdSchema,
  name: z.string(),
  deviceToken: z.string().min(16).max(512),
  /** The service's verifier key, `<name>+<key hash>+<base64>` (the ledger's key). */
  serverKey: z.string().min(1),
  totp: z.strictObject({
    /** Base32, no padding: for people who type it in rather than scan the QR code. */
    secret: z.string().regex(/^[A-Z2-7]{16,}$/),
    /** `otpauth://totp/…`: what the QR code holds. */
    uri: z.string().startsWith('otpauth://totp/'),
  }),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** `POST /v1/staff/totp/confirm` and `POST /v1/staff/unlock` (device token). */
export const TotpBodySchema = z.strictObject({ code: TotpCodeSchema });
export type TotpBody = z.infer<typeof TotpBodySchema>;

/** `POST /v1/staff/unlock` → 200: reveals are unlocked on this device until `unlockedUntil`. */
export const UnlockResponseSchema = z.strictObject({ unlockedUntil: Instant });
export type UnlockResponse = z.infer<typeof UnlockResponseSchema>;

// ---- Review cases (R16) ----------------------------------------------------------------------

export const ReviewStatusSchema = z.enum(['open', 'approved', 'rejected']);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/** A second-level review, opened by the server when a behaviour rule fires. */
export const ReviewCaseSchema = z.strictObject({
  caseId: UuidSchema,
  staffId: StaffIdSchema,
  openedAt: Instant,
  /** The rules that fired, with their figures. */
  fired: z.array(RuleFiringSchema).min(1),
  /** The action that made them fire. */
  trigger: z.strictObject({
    kind: z.enum(['view', 'reveal']),
    at: Instant,
    piiType: PiiTypeSchema.optional(),
    page: PageRefSchema.optional(),
  }),
  status: ReviewStatusSchema,
  decidedAt: Instant.nullable(),
  decidedBy: OperatorNameSchema.nullable(),
  comment: z.string().nullable(),
});
export type ReviewCase = z.infer<typeof ReviewCaseSchema>;

/** `POST /v1/admin/reviews/:caseId/decision` (reviewer or admin). Both decisions close the case. */
export const ReviewDecisionBodySchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().min(2, 'write what you found, for the record').max(2000),
});
export type ReviewDecisionBody = z.infer<typeof ReviewDecisionBodySchema>;

// ---- What the extension asks ------------------------------------------------------------------

/** `GET /v1/staff/status` (device token): what this staff member may do now. */
export const StaffStatusSchema = z.strictObject({
  staffId: StaffIdSchema,
  name: z.string(),
  totpActive: z.boolean(),
  /** Null while locked. */
  unlockedUntil: Instant.nullable(),
  /** Active grants only (not expired, not revoked). */
  grants: z.array(GrantSchema),
  /** The open review case blocking reveals, if any. */
  openCase: ReviewCaseSchema.nullable(),
  /** Approved cases of the last two days: the extension's own rule check honours them too. */
  approvals: z.array(ReviewCaseSchema),
  /** The version of the signed policy in force, so the extension knows when to fetch it. */
  policyVersion: z.string().nullable(),
});
export type StaffStatus = z.infer<typeof StaffStatusSchema>;

/** `GET /v1/staff/policy` → 200: the policy as a signed note (see `policyNoteText`). */
export const SignedPolicySchema = z.strictObject({
  version: z.string().min(1),
  note: z.string().min(1),
});
export type SignedPolicy = z.infer<typeof SignedPolicySchema>;

/**
 * `POST /v1/staff/reveals` (device token): may this reveal happen? The raw value never leaves the
 * browser; its keyed hash identifies it. `requestId` makes a resent request count once.
 */
export const RevealAuthorizeBodySchema = z.strictObject({
  requestId: UuidSchema,
  piiType: PiiTypeSchema,
  page: PageRefSchema,
  valueHash: ValueHashSchema,
  reason: RevealReasonSchema.optional(),
});
export type RevealAuthorizeBody = z.infer<typeof RevealAuthorizeBodySchema>;

/** Why a reveal was refused, for code (the `why` is for the person). */
export const RevealRefusalSchema = z.enum([
  'no-policy',
  'locked',
  'no-grant',
  'type-not-allowed',
  'site-not-allowed',
  'review-open',
  'rule-fired',
]);
export type RevealRefusal = z.infer<typeof RevealRefusalSchema>;

/** The answer, from the server or from the extension's own check of the cached policy. */
export const RevealVerdictSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('allowed'),
    seconds: z.number().int().positive(),
    access: RevealAccessSchema,
  }),
  z.strictObject({ status: z.literal('reason-required') }),
  z.strictObject({
    status: z.literal('refused'),
    code: RevealRefusalSchema,
    why: z.string(),
    /** With `review-open` and `rule-fired`: the case that blocks reveals. */
    case: ReviewCaseSchema.optional(),
    /** With `rule-fired`: what fired. */
    fired: z.array(RuleFiringSchema).optional(),
  }),
]);
export type RevealVerdict = z.infer<typeof RevealVerdictSchema>;

// ---- Ledger entries ---------------------------------------------------------------------------

const by = { by: OperatorNameSchema, at: Instant };

/**
 * Every governance fact the ledger records, one `kind` each (ledger kind `governance`). Reviewers
 * and auditors rebuild who could do what, when, from these alone.
 */
export const GovernanceEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('staff-created'),
    ...by,
    staffId: StaffIdSchema,
    name: z.string(),
  }),
  z.strictObject({
    kind: z.literal('enrollment-issued'),
    ...by,
    staffId: StaffIdSchema,
    expiresAt: Instant,
  }),
  z.strictObject({
    kind: z.literal('device-enrolled'),
    at: Instant,
    staffId: StaffIdSchema,
    deviceId: UuidSchema,
    deviceLabel: z.string(),
  }),
  z.strictObject({ kind: z.literal('totp-registered'), at: Instant, staffId: StaffIdSchema }),
  /** The staff member's authenticator withdrawn (lost phone): their next enrollment registers a new one. */
  z.strictObject({ kind: z.literal('totp-reset'), ...by, staffId: StaffIdSchema }),
  /** An operator created (`npm run staff -- operator add`): who may use the admin API and the console. */
  z.strictObject({
    kind: z.literal('operator-added'),
    ...by,
    name: OperatorNameSchema,
    role: OperatorRoleSchema,
  }),
  /** An operator's console password or authenticator replaced; never the secret itself. */
  z.strictObject({
    kind: z.literal('operator-credentials-reset'),
    ...by,
    name: OperatorNameSchema,
    what: z.enum(['password', 'totp']),
  }),
  z.strictObject({ kind: z.literal('grant-issued'), ...by, grant: GrantSchema }),
  z.strictObject({
    kind: z.literal('grant-changed'),
    ...by,
    grantId: UuidSchema,
    staffId: StaffIdSchema,
    from: Instant,
    to: Instant,
    note: z.string(),
  }),
  z.strictObject({
    kind: z.literal('grant-revoked'),
    ...by,
    grantId: UuidSchema,
    staffId: StaffIdSchema,
    note: z.string(),
  }),
  z.strictObject({
    kind: z.literal('policy-published'),
    ...by,
    version: z.string(),
    /** SHA-256 of the policy note's text: the signed note itself is served, not stored twice. */
    textHash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  z.strictObject({ kind: z.literal('review-opened'), at: Instant, case: ReviewCaseSchema }),
  z.strictObject({
    kind: z.literal('review-decided'),
    ...by,
    caseId: UuidSchema,
    staffId: StaffIdSchema,
    decision: z.enum(['approve', 'reject']),
    comment: z.string(),
  }),
]);
export type GovernanceEntry = z.infer<typeof GovernanceEntrySchema>;
