// Schemas of the messages between the extension's parts, one discriminated union per direction.
import { z } from 'zod';
import { PageRefSchema, RevealReasonSchema } from './events';
import { FindingCountsSchema, PiiTypeSchema } from './pii';
import { RevealAccessSchema } from './policy';

/**
 * Why a frame reports its counts:
 * - `load`: its document has just been loaded, or restored from the back/forward cache;
 * - `change`: the page changed and so did the counts;
 * - `request`: the background asked (`BackgroundToContent` `recount`);
 * - `unload`: the document is going away; the counts are then empty.
 */
export const ReportTriggerSchema = z.enum(['load', 'change', 'request', 'unload']);
export type ReportTrigger = z.infer<typeof ReportTriggerSchema>;

/**
 * A content script's report of what its frame shows now. It replaces the frame's previous report.
 *
 * @example
 *   { type: 'page-findings', trigger: 'load', counts: { phone: 3, cn_id: 2 } }
 */
export const PageFindingsMessageSchema = z.strictObject({
  type: z.literal('page-findings'),
  trigger: ReportTriggerSchema,
  counts: FindingCountsSchema,
  /** The frame's page, for the page-view event (R15); absent when it is not protected. */
  page: PageRefSchema.optional(),
  /**
   * Which view of the document this is: 0 at load, one more at each route change a single-page
   * app makes (history or hash routes), so each route shown is logged once even when its path and
   * counts equal the last one's. Only the number travels, never the URL's query or fragment.
   */
  view: z.number().int().min(0).optional(),
});
export type PageFindingsMessage = z.infer<typeof PageFindingsMessageSchema>;

/** Longest value a reveal may carry: longer than any finding (an address is at most 160). */
export const MAX_REVEAL_VALUE_LENGTH = 256;

/**
 * A staff member clicked a masked value. The raw value travels only inside the extension, to be
 * hashed by the background for the event; it is never stored or logged. Without `reason` the
 * background answers `reason-required` when the policy wants one.
 *
 * @example
 *   { type: 'reveal-request', piiType: 'phone', value: '13812345678',
 *     page: { origin: 'https://crm.example.com', path: '/customers/18' } }
 */
export const RevealRequestSchema = z.strictObject({
  type: z.literal('reveal-request'),
  piiType: PiiTypeSchema,
  value: z.string().min(1).max(MAX_REVEAL_VALUE_LENGTH),
  reason: RevealReasonSchema.optional(),
  page: PageRefSchema,
});
export type RevealRequest = z.infer<typeof RevealRequestSchema>;

/** The background's answer to a reveal request. */
export const RevealAnswerSchema = z.discriminatedUnion('status', [
  /**
   * Shown for `seconds`; the event is already in the queue. `partial` shows the value's partial
   * form (`partialForm` of shared/pii) instead of the whole value (R12).
   */
  z.strictObject({
    status: z.literal('allowed'),
    seconds: z.number().int().positive(),
    access: RevealAccessSchema,
  }),
  z.strictObject({ status: z.literal('reason-required') }),
  /** Not shown; `why` says what the staff member can do about it. */
  z.strictObject({ status: z.literal('refused'), why: z.string() }),
]);
export type RevealAnswer = z.infer<typeof RevealAnswerSchema>;

/** Every message a content script sends to the background. Parse with `safeParse` on receipt. */
export const ContentToBackgroundSchema = z.discriminatedUnion('type', [
  PageFindingsMessageSchema,
  RevealRequestSchema,
]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;

/**
 * The background asks every frame of a tab to report its counts again, e.g. when the top frame
 * loaded a new page and the frames' earlier reports could not be told from the old page's.
 *
 * @example
 *   { type: 'recount' }
 */
export const RecountMessageSchema = z.strictObject({ type: z.literal('recount') });

/**
 * The staff member paused protection on this tab (the policy allows it for their role and the
 * pause is logged) or resumed it. Paused frames show raw values until resumed or reloaded.
 *
 * @example
 *   { type: 'set-paused', paused: true }
 */
export const SetPausedMessageSchema = z.strictObject({
  type: z.literal('set-paused'),
  paused: z.boolean(),
});

/** Every message the background sends to content scripts. Parse with `safeParse` on receipt. */
export const BackgroundToContentSchema = z.discriminatedUnion('type', [
  RecountMessageSchema,
  SetPausedMessageSchema,
]);
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;
