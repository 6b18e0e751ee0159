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
 * A content script's report of what its frame shows now. It replaces the frame's previous report,
 * so it is sent again whenever the counts change (e.g. after a single-page app adds rows).
 *
 * @example
 *   { type: 'page-findings', counts: { phone: 3, cn_id: 2 } }
 */
export const PageFindingsMessageSchema = z.strictObject({
  type: z.literal('page-findings'),
  counts: FindingCountsSchema,
});
export type PageFindingsMessage = z.infer<typeof PageFindingsMessageSchema>;

/** Every message a content script sends to the background. Parse with `safeParse` on receipt. */
export const ContentToBackgroundSchema = z.discriminatedUnion('type', [PageFindingsMessageSchema]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;
