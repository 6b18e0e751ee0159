// Bulk reveals at their edges: N within M seconds allowed, N+1 fires, N+1 spread wider allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BehaviourRulesSchema, type Activity } from '../schema/rules';
import { checkBulkReveals } from './bulk-reveals';

const rules = BehaviourRulesSchema.parse({
  timeZone: 'Asia/Shanghai',
  bulkReveals: { max: 5, seconds: 60 },
});
const now = Date.parse('2026-03-06T10:00:00+08:00');
const reveal = (secondsAgo: number): Activity => ({ at: now - secondsAgo * 1000, kind: 'reveal' });
const candidate: Activity = { at: now, kind: 'reveal' };

describe('checkBulkReveals', () => {
  it('allows N reveals within M seconds', () => {
    // Four before and the candidate: five within 59 s.
    expect(checkBulkReveals(rules, [59, 40, 20, 1].map(reveal), candidate)).toBe(null);
  });

  it('fires on reveal N+1 within M seconds', () => {
    expect(checkBulkReveals(rules, [59, 45, 30, 15, 1].map(reveal), candidate)).toEqual({
      rule: 'bulk-reveals',
      message: expect.stringContaining('reveal number 6 within 60 seconds; at most 5'),
      count: 6,
      max: 5,
      seconds: 60,
    });
  });

  it('allows N+1 reveals spread over more than M seconds', () => {
    // The oldest is exactly 60 s old: the window is the last 60 s, exclusive of its start.
    expect(checkBulkReveals(rules, [60, 45, 30, 15, 1].map(reveal), candidate)).toBe(null);
    expect(checkBulkReveals(rules, [90, 72, 54, 36, 18].map(reveal), candidate)).toBe(null);
  });

  it('ignores views, and never stops a view', () => {
    const views = [50, 40, 30, 20, 10].map((s) => ({ ...reveal(s), kind: 'view' as const }));
    expect(checkBulkReveals(rules, [...views, ...[5, 4, 3, 2].map(reveal)], candidate)).toBe(null);
    const burst = [5, 4, 3, 2, 1].map(reveal);
    expect(checkBulkReveals(rules, burst, { at: now, kind: 'view' })).toBe(null);
  });

  it('never changes its verdict for reveals older than the window', () => {
    const recent = fc.array(fc.integer({ min: 0, max: 59_999 }), { maxLength: 8 });
    const old = fc.array(fc.integer({ min: 60_000, max: 86_400_000 }), { maxLength: 30 });
    fc.assert(
      fc.property(recent, old, (recentAgo, oldAgo) => {
        const toReveals = (ago: number[]): Activity[] =>
          ago.map((ms) => ({ at: now - ms, kind: 'reveal' }));
        const history = toReveals(recentAgo);
        const verdict = checkBulkReveals(rules, history, candidate);
        expect(checkBulkReveals(rules, [...toReveals(oldAgo), ...history], candidate)).toEqual(
          verdict,
        );
        expect(verdict === null).toBe(recentAgo.length + 1 <= 5);
      }),
    );
  });
});
