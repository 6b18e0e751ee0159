// How failed console sign-ins reach the ledger when someone floods the sign-in form. Each name
// locks after 5 failures (server/staff), but a script trying a new name each time is never locked,
// and every failure was an entry of a ledger that is kept for years and never shrinks. So, per
// window, the first failures are recorded one by one, as before; past the budget they are counted
// and recorded as one entry per SUMMARY_EVERY failures, and what is left when the window ends.
import type { ConsoleEntry } from '../../../shared/schema/review';

/** Failed sign-ins recorded one by one per window: far above any real person's typing. */
export const FAILED_SIGN_IN_ENTRIES = 100;

/** Past the budget, one entry per this many failed sign-ins. */
export const SUMMARY_EVERY = 100;

/** The window, as long as a name's sign-in lock (server/staff/config.ts). */
export const FAILURE_WINDOW_MS = 15 * 60_000;

type Counted = Extract<ConsoleEntry, { kind: 'sign-in-failures-counted' }>;

export interface FailureBudget {
  /** The entries to record for a failed sign-in of `name` at `now` (ms): none, one or two. */
  failed(name: string, now: number): ConsoleEntry[];
  /** The entry for failures counted and not yet recorded, if any (the window ended, shutdown). */
  flush(now: number): ConsoleEntry[];
  /** When the current window ends (ms), if failures wait to be recorded; else null. */
  pendingUntil(): number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A fresh budget. Contract:
 * - a failure is an entry, or counted in a `sign-in-failures-counted` entry written once
 *   SUMMARY_EVERY are counted, when the next failure comes after the window, or by `flush` (the
 *   routes call it when the window ends; a service stopped before loses what was counted since
 *   the last such entry, fewer than SUMMARY_EVERY);
 * - at most FAILED_SIGN_IN_ENTRIES + (failures − FAILED_SIGN_IN_ENTRIES) / SUMMARY_EVERY + 1
 *   entries per window;
 * - a counted entry says from when to when, how many failures and how many distinct names (the
 *   names themselves would be the flood again).
 *
 * @example
 *   const budget = failureBudget();
 *   budget.failed('li.wei', Date.now()); // [{ kind: 'sign-in-failed', at, name: 'li.wei' }]
 */
export function failureBudget(): FailureBudget {
  let windowStart = -Infinity;
  let recorded = 0;
  let counted: { from: number; to: number; count: number; names: Set<string> } | null = null;

  const take = (): Counted[] => {
    if (!counted) return [];
    const { from, to, count, names } = counted;
    counted = null;
    return [
      {
        kind: 'sign-in-failures-counted',
        at: iso(to),
        from: iso(from),
        to: iso(to),
        count,
        names: names.size,
      },
    ];
  };

  return {
    failed(name, now) {
      const out: ConsoleEntry[] = [];
      if (now >= windowStart + FAILURE_WINDOW_MS || now < windowStart) {
        out.push(...take());
        windowStart = now;
        recorded = 0;
      }
      if (recorded < FAILED_SIGN_IN_ENTRIES) {
        recorded++;
        out.push({ kind: 'sign-in-failed', at: iso(now), name });
        return out;
      }
      counted ??= { from: now, to: now, count: 0, names: new Set() };
      counted.to = now;
      counted.count++;
      counted.names.add(name);
      if (counted.count >= SUMMARY_EVERY) out.push(...take());
      return out;
    },
    flush: () => take(),
    pendingUntil: () => (counted ? windowStart + FAILURE_WINDOW_MS : null),
  };
}
