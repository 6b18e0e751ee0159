// A ledger entry as it is hashed: the canonical JSON of { index, kind, payload, recordedAt }. The
// index inside the bytes makes a reordered entry visible even when its leaf hash was recomputed.
import { z } from 'zod';
import { canonicalize, canonicalizeUnflattened, type CanonicalResult } from './canonical-json';

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
 * `canonicalEntry` for a batch of entries of one kind and time: the parts they share are printed
 * once, and each entry costs the canonical text of its payload and one concatenation (the
 * sequencer's hot path). Anything unusual (an index that is not a safe whole number, a payload
 * that is not JSON) goes to `canonicalEntry`, so results, errors included, are the same.
 * Each text begins with `lead` (default none): a hasher that must put bytes before the entry
 * (the leaf hash's 0x00) then reads the one flat string as it is, instead of copying it into a
 * concatenation; `text.slice(lead.length)` is the entry, and shares the characters.
 *
 * @example
 *   const print = canonicalEntryPrinter('consent', '2025-01-01T00:00:00.000Z');
 *   print(0, { v: 1 });
 *   // { ok: true, text: '{"index":0,"kind":"consent","payload":{"v":1},"recordedAt":"2025-01-01T00:00:00.000Z"}' }
 *   canonicalEntryPrinter('consent', '2025-01-01T00:00:00.000Z', '\0')(0, { v: 1 });
 *   // { ok: true, text: '\0{"index":0,…}' }
 */
export function canonicalEntryPrinter(
  kind: string,
  recordedAt: string,
  lead = '',
): (index: number, payload: unknown) => CanonicalResult {
  const general = (index: number, payload: unknown): CanonicalResult => {
    const text = canonicalEntry({ index, kind, payload, recordedAt });
    return text.ok && lead !== '' ? { ok: true, text: lead + text.text } : text;
  };
  const kindText = canonicalize(kind);
  const atText = canonicalize(recordedAt);
  if (!kindText.ok || !atText.ok) return general;
  // Keys in canonical order: index, kind, payload, recordedAt (as canonicalEntry's literal).
  const middle = `,"kind":${kindText.text},"payload":`;
  const end = `,"recordedAt":${atText.text}}`;
  return (index, payload) => {
    if (!Number.isSafeInteger(index) || index < 0) return general(index, payload);
    // Unflattened: it is copied once, into the entry's text, which is flattened below.
    const body = canonicalizeUnflattened(payload);
    if (!body.ok) return general(index, payload);
    const text = `${lead}{"index":${index}${middle}${body.text}${end}`;
    // Flattened once here (V8), as canonicalize does, so hashing and storing read one string.
    text.charCodeAt(0);
    return { ok: true, text };
  };
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
