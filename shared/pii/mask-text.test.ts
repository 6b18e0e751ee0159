// maskText hides every finding and keeps a map from each masked value back to its raw place;
// revealSpans puts chosen values back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mask } from './mask';
import { maskText, revealSpans } from './mask-text';
import { scan } from './scanner';
import { cnId, luhnComplete, uscc } from './test-values';

const value = fc.constantFrom(
  '13812345678',
  '+86 138 1234 5678',
  '010-62345678',
  '１３８１２３４５６７８',
  cnId(),
  luhnComplete('621700123456789012'),
  'li.lei@example.com',
  'a@b.co',
  uscc(),
  '护照 E12345678',
  '姓名：张三',
  '收货地址：上海市浦东新区世纪大道100号',
  'Name: Li Lei',
);
const textArb = fc
  .array(fc.oneof(value, fc.string({ maxLength: 12 }), fc.constantFrom(' ', '\n', '，', ', ')), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));

const allIndices = (n: number): Set<number> => new Set(Array.from({ length: n }, (_, i) => i));

describe('maskText', () => {
  it('masks the example from its doc comment', () => {
    expect(maskText('电话 13812345678')).toEqual({
      masked: '电话 138****5678',
      spans: [{ type: 'phone', rawStart: 3, rawEnd: 14, start: 3, end: 14 }],
    });
  });

  it('returns the text itself and no spans when there is no PII', () => {
    expect(maskText('订单 2023-11-15 共 3 件')).toEqual({
      masked: '订单 2023-11-15 共 3 件',
      spans: [],
    });
  });

  it('shifts later spans when an e-mail mask changes length', () => {
    const raw = 'li.lei@example.com / 13812345678';
    const { masked, spans } = maskText(raw);
    expect(masked).toBe('l***@example.com / 138****5678');
    expect(spans).toEqual([
      { type: 'email', rawStart: 0, rawEnd: 18, start: 0, end: 16 },
      { type: 'phone', rawStart: 21, rawEnd: 32, start: 19, end: 30 },
    ]);
  });

  it('uses the findings it is given instead of scanning', () => {
    const { masked, spans } = maskText('ab 张三 cd', [
      { type: 'name', start: 3, end: 5, level: 2, confidence: 1 },
    ]);
    expect(masked).toBe('ab 张* cd');
    expect(spans).toEqual([{ type: 'name', rawStart: 3, rawEnd: 5, start: 3, end: 5 }]);
  });

  it('never leaves a raw finding in the masked text', () => {
    // The same characters may also stand in the text where scan found nothing ("Li" in a word):
    // the masked text may hold them only as often as the text outside its findings does.
    // An occurrence that straddles a masked span's edge is made of what the mask shows (an
    // e-mail's domain, a phone's last digits) and the text beside it, all visible in the raw
    // text anyway: "a@b.coa@b.co0" masks to "a***@b.coa@b.co0", where the kept "a" and the
    // following "@b.co" spell the first e-mail again. Those are not counted.
    const occurrences = (text: string, part: string): number[] => {
      const at: number[] = [];
      for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + 1)) at.push(i);
      return at;
    };
    fc.assert(
      fc.property(textArb, (raw) => {
        const { masked, spans } = maskText(raw);
        const findings = scan(raw);
        let outside = raw;
        for (const f of findings) {
          outside = outside.slice(0, f.start) + '\0'.repeat(f.end - f.start) + outside.slice(f.end);
        }
        const straddles = (from: number, to: number): boolean =>
          spans.some((s) => from < s.end && to > s.start && (from < s.start || to > s.end));
        for (const f of findings) {
          const secret = raw.slice(f.start, f.end);
          if (mask(f.type, secret) === secret) continue; // a value with nothing to hide
          const inMasked = occurrences(masked, secret).filter(
            (i) => !straddles(i, i + secret.length),
          );
          expect(inMasked.length).toBeLessThanOrEqual(occurrences(outside, secret).length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('masks overlapping e-mail look-alikes without hiding the visible text beside them', () => {
    // fast-check's counterexample (seed -310303961) for the property above, before it knew edges.
    expect(maskText('a@b.co a@b.coa@b.co0').masked).toBe('a***@b.co a***@b.coa@b.co0');
  });

  it('gives ordered, disjoint spans that map each raw value to its mask', () => {
    fc.assert(
      fc.property(textArb, (raw) => {
        const { masked, spans } = maskText(raw);
        expect(spans.map((s) => [s.type, s.rawStart, s.rawEnd])).toEqual(
          scan(raw).map((f) => [f.type, f.start, f.end]),
        );
        let rawLast = 0;
        let last = 0;
        for (const s of spans) {
          expect(s.rawStart).toBeGreaterThanOrEqual(rawLast);
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(masked.slice(s.start, s.end)).toBe(mask(s.type, raw.slice(s.rawStart, s.rawEnd)));
          // the text between spans is copied unchanged
          expect(masked.slice(last, s.start)).toBe(raw.slice(rawLast, s.rawStart));
          rawLast = s.rawEnd;
          last = s.end;
        }
        expect(masked.slice(last)).toBe(raw.slice(rawLast));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('revealSpans', () => {
  it('gives the raw text with every span shown and the masked text with none', () => {
    fc.assert(
      fc.property(textArb, (raw) => {
        const result = maskText(raw);
        expect(revealSpans(raw, result, allIndices(result.spans.length))).toBe(raw);
        expect(revealSpans(raw, result, new Set())).toBe(result.masked);
      }),
      { numRuns: 1000 },
    );
  });

  it('shows only the chosen span', () => {
    const raw = '13812345678 li.lei@example.com 13912345678';
    const result = maskText(raw);
    expect(result.spans).toHaveLength(3);
    expect(revealSpans(raw, result, new Set([1]))).toBe(
      '138****5678 li.lei@example.com 139****5678',
    );
    expect(revealSpans(raw, result, new Set([0, 2]))).toBe(
      '13812345678 l***@example.com 13912345678',
    );
  });

  it('ignores indices that name no span', () => {
    const raw = '电话 13812345678';
    const result = maskText(raw);
    expect(revealSpans(raw, result, new Set([5]))).toBe(result.masked);
  });
});
