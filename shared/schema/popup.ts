// Schemas of the messages between the extension's popup and its background: the popup asks what
// protects a tab and may pause protection there; the background answers (issue 3, item 6; R15).
import { z } from 'zod';
import { FindingCountsSchema } from './pii';
import { PolicySourceSchema, StaffIdentitySchema } from './policy';

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

/** Every message the popup sends to the background. Parse with `safeParse` on receipt. */
export const PopupToBackgroundSchema = z.discriminatedUnion('type', [
  PopupStatusRequestSchema,
  SetPauseRequestSchema,
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
