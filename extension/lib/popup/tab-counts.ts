// Reads a tab's finding counts as the badge stored them (lib/badge/tab-findings.ts), read-only.
// The badge owns the record: its key and layout are mirrored here until lib/badge offers a read.
import { z } from 'zod';
import { FindingCountsSchema, type FindingCounts } from '../../../shared/schema';
import { sumCounts, type SessionArea } from '../badge';

const BadgeRecordSchema = z.object({
  version: z.literal(1),
  frames: z.record(z.string(), FindingCountsSchema),
});

const keyOf = (tabId: number) => `page-findings:tab:${tabId}`;

/** A tab's counts, all frames together, and how many frames reported them. */
export interface TabCounts {
  frames: number;
  counts: FindingCounts;
}

/** Missing or unreadable: no frame reported. */
export async function readTabCounts(area: SessionArea, tabId: number): Promise<TabCounts> {
  const parsed = BadgeRecordSchema.safeParse((await area.get(keyOf(tabId)))[keyOf(tabId)]);
  if (!parsed.success) return { frames: 0, counts: {} };
  const frames = Object.values(parsed.data.frames);
  return { frames: frames.length, counts: sumCounts(frames) };
}
