// Tests of sequence gap tracking: holes open, split and close; repeats change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receive } from './gaps';

const fresh = { maxSeq: -1, gaps: [] };

describe('receive', () => {
  it('opens, splits and closes gaps', () => {
    let s = receive(fresh, [0, 1, 5]);
    expect(s).toEqual({ maxSeq: 5, gaps: [{ from: 2, to: 4 }] });
    s = receive(s, [3]);
    expect(s.gaps).toEqual([
      { from: 2, to: 2 },
      { from: 4, to: 4 },
    ]);
    s = receive(s, [2, 4, 4, 1]);
    expect(s).toEqual({ maxSeq: 5, gaps: [] });
    expect(receive(fresh, [3]).gaps).toEqual([{ from: 0, to: 2 }]);
  });

  it('the gaps are exactly the numbers below the maximum never received, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(60), { maxLength: 20 }), { maxLength: 6 }),
        (batches) => {
          let s = { maxSeq: -1, gaps: [] as { from: number; to: number }[] };
          const seen = new Set<number>();
          for (const batch of batches) {
            s = receive(s, batch);
            batch.forEach((n) => seen.add(n));
          }
          const missing: number[] = [];
          for (let n = 0; n < s.maxSeq; n++) if (!seen.has(n)) missing.push(n);
          const fromGaps = s.gaps.flatMap((g) =>
            Array.from({ length: g.to - g.from + 1 }, (_, k) => g.from + k),
          );
          expect(fromGaps).toEqual(missing);
          expect(s.maxSeq).toBe(seen.size ? Math.max(...seen) : -1);
        },
      ),
    );
  });
});
