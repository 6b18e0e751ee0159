// Schemas of the messages between the extension's parts, one discriminated union per direction.
import { z } from 'zod';
import { PiiTypeSchema } from './pii';

/**
 * How many findings of each PII type one frame shows; a missing type means none.
 * Counts only: never a value, a snippet or a position that could rebuild one.
 */
export const FindingCountsSchema = z.partialRecord(
  PiiTypeSchema,
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
);
export type FindingCounts = z.infer<typeof FindingCountsSchema>;

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
});
export type PageFindingsMessage = z.infer<typeof PageFindingsMessageSchema>;

/** Every message a content script sends to the background. Parse with `safeParse` on receipt. */
export const ContentToBackgroundSchema = z.discriminatedUnion('type', [PageFindingsMessageSchema]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;

/**
 * The background asks every frame of a tab to report its counts again, e.g. when the top frame
 * loaded a new page and the frames' earlier reports could not be told from the old page's.
 *
 * @example
 *   { type: 'recount' }
 */
export const RecountMessageSchema = z.strictObject({ type: z.literal('recount') });

/** Every message the background sends to content scripts. Parse with `safeParse` on receipt. */
export const BackgroundToContentSchema = z.discriminatedUnion('type', [RecountMessageSchema]);
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;
