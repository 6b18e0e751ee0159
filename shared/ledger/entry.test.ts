// The entry's canonical text: its fast path must equal RFC 8785 canonicalization of the whole entry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical-json';
import { canonicalEntry, canonicalEntryPrinter, entryPrefix, LedgerEntrySchema } from './entry';

describe('canonicalEntry', () => {
  it('equals canonicalize() of the whole entry, for any payload', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom('staff-event', 'consent', 'x'),
        fc.jsonValue(),
        (index, kind, payload) => {
          const entry = { index, kind, payload, recordedAt: '2025-01-01T00:00:00.000Z' };
          const text = canonicalEntry(entry);
          expect(text).toEqual(canonicalize(entry));
          if (text.ok) {
            expect(text.text.startsWith(entryPrefix(index, kind))).toBe(true);
            expect(LedgerEntrySchema.safeParse(JSON.parse(text.text)).success).toBe(true);
          }
        },
      ),
    );
  });

  it('prints a batch exactly as canonicalEntry prints each entry, errors included', () => {
    const odd = fc.constantFrom(NaN, -0, Infinity, undefined, 'x\udc00', '\u2028', () => 1);
    const payload = fc.oneof(
      fc.jsonValue(),
      odd,
      fc.array(fc.oneof(fc.jsonValue(), odd), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), odd), { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, 2 ** 53, NaN)),
        fc.oneof(fc.constantFrom('staff-event', 'consent'), fc.string()),
        fc.oneof(fc.constant('2025-01-01T00:00:00.000Z'), fc.string()),
        payload,
        (index, kind, recordedAt, value) => {
          const expected = canonicalEntry({ index, kind, payload: value, recordedAt });
          expect(canonicalEntryPrinter(kind, recordedAt)(index, value)).toEqual(expected);
          // With a lead, the same text after it (the server leads with the leaf hash's '\0').
          expect(canonicalEntryPrinter(kind, recordedAt, '\0')(index, value)).toEqual(
            expected.ok ? { ok: true, text: `\0${expected.text}` } : expected,
          );
        },
      ),
    );
  });

  it('names the place in the payload that is not JSON', () => {
    const result = canonicalEntry({
      index: 0,
      kind: 'consent',
      payload: { a: [1, NaN] },
      recordedAt: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { path: '$.payload.a[1]' } });
  });
});
