import { describe, expect, it } from 'vitest';
import { csvLine, incidentClock, quarterDays, quarterOf, sampleIndexes } from './index';

const SEED = '00112233445566778899aabbccddeeff';

describe('sampleIndexes', () => {
  const population = Array.from({ length: 1000 }, (_, i) => i * 3 + 7);

  it('draws the same sample from the same seed whatever the population order', () => {
    const a = sampleIndexes(population, 25, SEED);
    const b = sampleIndexes([...population].reverse(), 25, SEED);
    expect(a).toEqual(b);
    expect(a.ok && a.value).toHaveLength(25);
  });

  it('draws distinct members of the population, ascending', () => {
    const r = sampleIndexes(population, 100, SEED);
    if (!r.ok) throw new Error(r.error);
    expect(new Set(r.value).size).toBe(100);
    expect([...r.value].sort((x, y) => x - y)).toEqual(r.value);
    for (const i of r.value) expect(population).toContain(i);
  });

  it('draws another sample from another seed', () => {
    const a = sampleIndexes(population, 25, SEED);
    const b = sampleIndexes(population, 25, 'ffeeddccbbaa99887766554433221100');
    expect(a).not.toEqual(b);
  });

  it('returns the whole population when it is not larger than the sample', () => {
    expect(sampleIndexes([5, 1, 3], 3, SEED)).toEqual({ ok: true, value: [1, 3, 5] });
    expect(sampleIndexes([], 3, SEED)).toEqual({ ok: true, value: [] });
  });

  it('is not biased towards the front: every position is drawn about equally often', () => {
    const hits = new Array<number>(10).fill(0);
    for (let s = 0; s < 2000; s += 1) {
      const r = sampleIndexes([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1, s.toString(16).padStart(32, '0'));
      if (r.ok) hits[r.value[0]!]! += 1;
    }
    // 200 expected each; ±70 is beyond 5 standard deviations (σ ≈ 13.4).
    for (const h of hits) expect(Math.abs(h - 200)).toBeLessThan(70);
  });

  it('refuses a seed that is not hex, saying what a seed looks like', () => {
    const r = sampleIndexes([1, 2, 3], 1, 'not-hex');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/not hex.*32 hex digits/);
  });
});

describe('quarters', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
  ])('%s runs from %s to %s', (q, from, to) => {
    expect(quarterDays(q)).toEqual({ from, to });
    expect(quarterOf(from)).toBe(q);
    expect(quarterOf(to)).toBe(q);
  });
});

describe('incidentClock', () => {
  const discoveredAt = '2026-11-22T08:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts a level 1 incident down from discovery to one hour', () => {
    const [d] = incidentClock({ level: 1, discoveredAt, steps: [] }, at('2026-11-22T08:20:00Z'));
    expect(d).toMatchObject({
      step: 'customer-notified',
      remainingMs: 40 * 60_000,
      status: 'running',
    });
  });

  it('is overdue one millisecond after the deadline, and done-late when recorded after it', () => {
    const [d] = incidentClock(
      { level: 1, discoveredAt, steps: [] },
      at('2026-11-22T09:00:00.001Z'),
    );
    expect(d?.status).toBe('overdue');
    const late = incidentClock(
      {
        level: 1,
        discoveredAt,
        steps: [
          { action: 'customer-notified', note: 'phoned', by: 'li.wei', at: '2026-11-22T09:05:00Z' },
        ],
      },
      at('2026-11-22T10:00:00Z'),
    );
    expect(late[0]).toMatchObject({ status: 'done-late', remainingMs: null });
  });

  it('gives level 2 the regulator 48 hours, and level 3 and 4 both duties', () => {
    const [d] = incidentClock({ level: 2, discoveredAt, steps: [] }, at(discoveredAt));
    expect(d).toMatchObject({ step: 'regulator-reported', remainingMs: 48 * 3_600_000 });
    expect(
      incidentClock({ level: 4, discoveredAt, steps: [] }, at(discoveredAt)).map((s) => s.step),
    ).toEqual(['customer-notified', 'regulator-reported']);
  });
});

describe('csvLine', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', 3, null])).toBe('"a,b","say ""hi""","x\ny",3,\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but not numbers', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', -1])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-1,'@SUM(A1),-1\r\n`,
    );
  });
});
