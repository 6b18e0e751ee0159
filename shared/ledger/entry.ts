// A ledger entry as it is hashed: the canonical JSON of { index, kind, payload, recordedAt }. The
// index inside the bytes makes a reordered entry visible even when its leaf hash was recomputed.
import { z } from 'zod';
import { canonicalize, type CanonicalResult } from './canonical-json';

/** Record kinds: lowercase words joined by '-', e.g. `staff-event`, `consent`, `grant`, `review`. */
export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

/** The shape of an entry's canonical JSON, to check an entry read back from a file. */
export const LedgerEntrySchema = z.strictObject({
  index: z.number().int().nonnegative(),
  kind: z.string().regex(KIND_PATTERN),
  payload: z.unknown(),
  recordedAt: z.string(),
});

/** What one leaf of the ledger says. */
export interface LedgerEntry {
  /** Position in the log, 0-based, without gaps. */
  index: number;
  kind: string;
  /** Any JSON; never a raw customer value (pass values through keyed hashes first). */
  payload: unknown;
  /** When the sequencer appended it, ISO 8601 UTC with milliseconds. */
  recordedAt: string;
}

/**
 * The canonical text of an entry, the bytes its leaf hash covers.
 *
 * @example
 *   canonicalEntry({ index: 0, kind: 'consent', payload: { v: 1 }, recordedAt: '2025-01-01T00:00:00.000Z' });
 *   // { ok: true, text: '{"index":0,"kind":"consent","payload":{"v":1},"recordedAt":"2025-01-01T00:00:00.000Z"}' }
 */
export function canonicalEntry(entry: LedgerEntry): CanonicalResult {
  // A literal in canonical key order, so canonicalize keeps its order and prints it in one go;
  // a payload that is not JSON fails at `$.payload…`, as the entry's own path.
  const { index, kind, payload, recordedAt } = entry;
  return canonicalize({ index, kind, payload, recordedAt });
}

/**
 * How the canonical text of entry `index` of `kind` begins (keys sort as index, kind, payload,
 * recordedAt): a check of position and kind without parsing the JSON.
 *
 * @example
 *   entryPrefix(7, 'grant'); // '{"index":7,"kind":"grant","payload":'
 */
export function entryPrefix(index: number, kind: string): string {
  return `{"index":${index},"kind":${JSON.stringify(kind)},"payload":`;
}
