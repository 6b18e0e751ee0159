// Schemas of the messages between the extension's own pages (popup, options) and its background:
// the popup asks what protects a tab and may pause protection there (issue 3, item 6; R15); both
// pages enrol the browser, register the authenticator and unlock reveals (issue 6; R13).
import { z } from 'zod';
import { FindingCountsSchema } from './pii';
import { PolicySourceSchema, StaffIdentitySchema } from './policy';
import { StaffIdSchema } from './staff';

/** A browser tab's id, as `tabs.query` gives it (never `TAB_ID_NONE`, -1). */
export const TabIdSchema = z.number().int().nonnegative();

/**
 * The popup opened on a tab and asks for its status (answered with a `PopupStatus`).
 *
 * @example
 *   { type: 'popup-status', tabId: 7 }
 */
export const PopupStatusRequestSchema = z.strictObject({
  type: z.literal('popup-status'),
  tabId: TabIdSchema,
});

/**
 * The staff member flipped the pause switch (answered with a `SetPauseAnswer`). Pausing needs a
 * role the policy lets pause; resuming is always allowed, as it restores protection.
 *
 * @example
 *   { type: 'set-pause', tabId: 7, paused: true }
 */
export const SetPauseRequestSchema = z.strictObject({
  type: z.literal('set-pause'),
  tabId: TabIdSchema,
  paused: z.boolean(),
});

/**
 * The options page asks what it needs for its enrollment section (answered with an
 * `EnrollmentView`).
 *
 * @example
 *   { type: 'enrollment-view' }
 */
export const EnrollmentViewRequestSchema = z.strictObject({ type: z.literal('enrollment-view') });

/**
 * The staff member exchanges an enrollment code (answered with an `ActionAnswer`). The fields are
 * checked by the background, which answers with the field to fix; `serverUrl` is ignored when
 * managed storage pins it.
 *
 * @example
 *   { type: 'enroll', serverUrl: 'https://audit.example.com', code: 'ENR-7K2M-Q9XD-4TPA-H3VW',
 *     deviceLabel: 'office laptop' }
 */
export const EnrollRequestSchema = z.strictObject({
  type: z.literal('enroll'),
  serverUrl: z.string().max(2048),
  code: z.string().max(64),
  deviceLabel: z.string().max(200),
});

/**
 * The first code of the new authenticator, which activates it (answered with an `ActionAnswer`).
 *
 * @example
 *   { type: 'confirm-totp', code: '492039' }
 */
export const ConfirmTotpRequestSchema = z.strictObject({
  type: z.literal('confirm-totp'),
  code: z.string().max(32),
});

/**
 * A code from the authenticator, to unlock reveals for the working day (answered with an
 * `ActionAnswer` that carries `unlockedUntil`).
 *
 * @example
 *   { type: 'unlock', code: '492039' }
 */
export const UnlockRequestSchema = z.strictObject({
  type: z.literal('unlock'),
  code: z.string().max(32),
});

/** Every message the extension's pages send to the background. Parse with `safeParse` on receipt. */
export const PopupToBackgroundSchema = z.discriminatedUnion('type', [
  PopupStatusRequestSchema,
  SetPauseRequestSchema,
  EnrollmentViewRequestSchema,
  EnrollRequestSchema,
  ConfirmTotpRequestSchema,
  UnlockRequestSchema,
]);
export type PopupToBackground = z.infer<typeof PopupToBackgroundSchema>;

/**
 * What protects a tab now:
 * - `protected`: the page's masking script reported since the page loaded (the policy covers it);
 * - `paused`: protected, but the staff member paused masking on this tab;
 * - `unprotected`: no report: the policy leaves the page alone, or it is not a web page.
 */
export const TabProtectionSchema = z.enum(['protected', 'paused', 'unprotected']);
export type TabProtection = z.infer<typeof TabProtectionSchema>;

/**
 * What an enrolled browser knows of its governance (issue 6): who is enrolled, whether reveals are
 * unlocked, an open review case, and how fresh the cached status and signed policy are. Times in
 * ms since the epoch.
 */
export const GovernanceSchema = z.strictObject({
  staffId: StaffIdSchema,
  name: z.string(),
  serverUrl: z.string(),
  enrolledAt: z.number(),
  /** The roles the staff member's grants give now (from the cached status). */
  roles: z.array(z.string()),
  /** Whether the authenticator is registered; null until the status was fetched once. */
  totpActive: z.boolean().nullable(),
  /** End of this browser's unlock; null while locked. */
  unlockedUntil: z.number().nullable(),
  /** The review case pausing reveals, if any. */
  openCase: z.strictObject({ caseId: z.string(), openedAt: z.string() }).nullable(),
  /** When the status was last fetched, and why the last try failed (null when it worked). */
  statusAt: z.number().nullable(),
  statusProblem: z.string().nullable(),
  /** The signed policy kept (version and when fetched), and why the last refresh failed. */
  policyVersion: z.string().nullable(),
  policyAt: z.number().nullable(),
  policyProblem: z.string().nullable(),
});
export type Governance = z.infer<typeof GovernanceSchema>;

/** The background's answer to `enrollment-view`. */
export const EnrollmentViewSchema = z.strictObject({
  /** Null while the browser is not enrolled. */
  governance: GovernanceSchema.nullable(),
  /** What the administrator pinned in managed storage (staff cannot change these). */
  pins: z.strictObject({
    serverUrl: z.string().nullable(),
    serverKey: z.string().nullable(),
    staffId: z.string().nullable(),
  }),
  /**
   * The authenticator to register, shown (QR code and secret) until its first code is confirmed;
   * kept in session storage only, so it is gone when the browser closes.
   */
  pendingTotp: z.strictObject({ secret: z.string(), uri: z.string() }).nullable(),
});
export type EnrollmentView = z.infer<typeof EnrollmentViewSchema>;

/** The background's answer to `enroll`, `confirm-totp` and `unlock`. */
export const ActionAnswerSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('done'),
    /** After `unlock`: the end of the unlock, ms since the epoch. */
    unlockedUntil: z.number().optional(),
  }),
  /** Nothing changed; `message` says what to do (from the service when it answered). */
  z.strictObject({
    status: z.literal('refused'),
    code: z.string(),
    message: z.string(),
    /** The form field to fix, when one is at fault. */
    field: z.enum(['serverUrl', 'code', 'deviceLabel']).optional(),
  }),
]);
export type ActionAnswer = z.infer<typeof ActionAnswerSchema>;

/**
 * The background's answer to `popup-status`. Counts only, never a value.
 *
 * @example
 *   { protection: 'protected', counts: { phone: 6, cn_id: 6 }, revealsToday: 2,
 *     identity: { staffId: 'CS-0420', role: 'support' }, identityManaged: false,
 *     policyVersion: '2026-11-01', policySource: 'options', policyProblems: 0,
 *     mayPause: false, queueLength: 14 }
 */
export const PopupStatusSchema = z.strictObject({
  protection: TabProtectionSchema,
  /** Masked values on the tab, by type, all frames together. */
  counts: FindingCountsSchema,
  /** Reveal events queued on this browser since local midnight. */
  revealsToday: z.number().int().nonnegative(),
  /** Null when the browser is not enrolled. */
  identity: StaffIdentitySchema.nullable(),
  identityManaged: z.boolean(),
  policyVersion: z.string(),
  policySource: PolicySourceSchema,
  /** How many problems made the extension refuse a configured policy (then it fails closed). */
  policyProblems: z.number().int().nonnegative(),
  /** Whether the policy lets this role pause protection (the switch shows only then). */
  mayPause: z.boolean(),
  /** Events waiting in the local queue. */
  queueLength: z.number().int().nonnegative(),
  /** The queue's sync to the audit service (issue 4). */
  sync: z.strictObject({
    /** False until a server URL and device token are set: events wait, safe, in the queue. */
    configured: z.boolean(),
    lastSuccessAt: z.number().nullable(),
    failingSince: z.number().nullable(),
    lastError: z.string().nullable(),
    /** Syncing has failed for longer than the warning threshold. */
    warn: z.boolean(),
    /** Events the server rejected as invalid, kept for an administrator. */
    deadLetters: z.number().int().nonnegative(),
  }),
  /** Enrollment, unlock and review state (issue 6); null while the browser is not enrolled. */
  governance: GovernanceSchema.nullable(),
});
export type PopupStatus = z.infer<typeof PopupStatusSchema>;

/** The background's answer to `set-pause`. */
export const SetPauseAnswerSchema = z.discriminatedUnion('status', [
  /** The event is in the queue and the tab was told. */
  z.strictObject({ status: z.literal('done'), paused: z.boolean() }),
  /** Nothing changed; `why` says what the staff member can do about it. */
  z.strictObject({ status: z.literal('refused'), why: z.string() }),
]);
export type SetPauseAnswer = z.infer<typeof SetPauseAnswerSchema>;
