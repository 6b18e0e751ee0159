// Schemas for PII findings: the shape every part uses when it reports what the detection engine found.
import { z } from 'zod';

/** The kinds of customer PII the engine detects. */
export const PiiTypeSchema = z.enum([
  'cn_id',
  'phone',
  'bank_card',
  'email',
  'uscc',
  'passport',
  'name',
  'address',
]);
export type PiiType = z.infer<typeof PiiTypeSchema>;

/** Sensitivity levels of the customer information protection system (R11): 1 is the most sensitive. */
export const PiiLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type PiiLevel = z.infer<typeof PiiLevelSchema>;

/**
 * One finding of `scan()`: `start`/`end` are UTF-16 indices into the scanned text (end exclusive).
 * It never carries the raw value; slice the text yourself when you must mask it.
 */
export const FindingSchema = z.object({
  type: PiiTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  level: PiiLevelSchema,
  confidence: z.number().min(0).max(1),
});
export type Finding = z.infer<typeof FindingSchema>;

/** One line of `npm run scan` output: where a finding is and its masked form, never the raw value. */
export const ScanReportLineSchema = z.object({
  file: z.string(),
  type: PiiTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  masked: z.string(),
});
export type ScanReportLine = z.infer<typeof ScanReportLineSchema>;

/**
 * How many findings of each PII type one frame shows; a missing type means none.
 * Counts only: never a value, a snippet or a position that could rebuild one.
 */
export const FindingCountsSchema = z.partialRecord(
  PiiTypeSchema,
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
);
export type FindingCounts = z.infer<typeof FindingCountsSchema>;
