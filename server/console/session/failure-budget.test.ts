// Tests of the failed sign-in budget: one entry per failure up to the budget, then counted
// entries, every failure accounted for, and a new window starting over.
import { describe, expect, it } from 'vitest';
import type { ConsoleEntry } from '../../../shared/schema/review';
import {
  FAILED_SIGN_IN_ENTRIES,
  FAILURE_WINDOW_MS,
  SUMMARY_EVERY,
  failureBudget,
} from './failure-budget';

const T0 = Date.parse('2026-11-23T02:00:00Z');

/** Failures of `names` one second apart from `from`, with every entry they gave. */
function fail(budget: ReturnType<typeof failureBudget>, names: readonly string[], from: number) {
  return names.flatMap((name, i) => budget.failed(name, from + i * 1000));
}

/** How many failures `entries` account for. */
const accounted = (entries: readonly ConsoleEntry[]) =>
  entries.reduce(
    (n, e) =>
      n + (e.kind === 'sign-in-failed' ? 1 : e.kind === 'sign-in-failures-counted' ? e.count : 0),
    0,
  );

describe('failureBudget', () => {
  it('records a real person’s failures one by one, as before', () => {
    const budget = failureBudget();
    expect(fail(budget, ['li.wei', 'li.wei', 'wang.fang'], T0)).toEqual([
      { kind: 'sign-in-failed', at: new Date(T0).toISOString(), name: 'li.wei' },
      { kind: 'sign-in-failed', at: new Date(T0 + 1000).toISOString(), name: 'li.wei' },
      { kind: 'sign-in-failed', at: new Date(T0 + 2000).toISOString(), name: 'wang.fang' },
    ]);
    expect(budget.pendingUntil()).toBeNull();
    expect(budget.flush(T0 + 3000)).toEqual([]);
  });

  it('counts a flood past the budget in one entry per SUMMARY_EVERY, and accounts for every failure', () => {
    const budget = failureBudget();
    const n = FAILED_SIGN_IN_ENTRIES + 2 * SUMMARY_EVERY + 7;
    const names = Array.from({ length: n }, (_, i) => `bot${i % 50}`);
    const entries = fail(budget, names, T0);
    expect(entries.filter((e) => e.kind === 'sign-in-failed')).toHaveLength(FAILED_SIGN_IN_ENTRIES);
    const counted = entries.filter((e) => e.kind === 'sign-in-failures-counted');
    expect(counted).toHaveLength(2);
    const first = FAILED_SIGN_IN_ENTRIES * 1000;
    expect(counted[0]).toEqual({
      kind: 'sign-in-failures-counted',
      at: new Date(T0 + first + (SUMMARY_EVERY - 1) * 1000).toISOString(),
      from: new Date(T0 + first).toISOString(),
      to: new Date(T0 + first + (SUMMARY_EVERY - 1) * 1000).toISOString(),
      count: SUMMARY_EVERY,
      names: 50,
    });
    expect(budget.pendingUntil()).toBe(T0 + FAILURE_WINDOW_MS);
    const rest = budget.flush(T0 + FAILURE_WINDOW_MS);
    expect(rest).toMatchObject([{ kind: 'sign-in-failures-counted', count: 7, names: 7 }]);
    expect(accounted([...entries, ...rest])).toBe(n);
    expect(budget.flush(T0 + FAILURE_WINDOW_MS)).toEqual([]);
    expect(budget.pendingUntil()).toBeNull();
  });

  it('starts a new window after FAILURE_WINDOW_MS (or a clock set back), writing what was counted first', () => {
    const budget = failureBudget();
    const names = Array.from({ length: FAILED_SIGN_IN_ENTRIES + 3 }, (_, i) => `n${i}`);
    fail(budget, names, T0);
    const next = budget.failed('li.wei', T0 + FAILURE_WINDOW_MS);
    expect(next).toMatchObject([
      { kind: 'sign-in-failures-counted', count: 3, names: 3 },
      { kind: 'sign-in-failed', name: 'li.wei' },
    ]);
    fail(budget, names, T0 + FAILURE_WINDOW_MS + 1000);
    expect(budget.failed('li.wei', T0)).toMatchObject([
      { kind: 'sign-in-failures-counted', count: 4 },
      { kind: 'sign-in-failed', name: 'li.wei' },
    ]);
  });
});
