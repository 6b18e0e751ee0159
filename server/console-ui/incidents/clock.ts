// The incident pages' clock: `now` once a second (aligned to the second, so every countdown on the
// page changes together), and the milestones worth announcing to a screen reader.
import { useEffect, useState } from 'preact/hooks';
import type { DeadlineState } from '../../../shared/review/incident-clock';

/** Milliseconds since the epoch, updated every second while `running`. */
export function useNow(running = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    return () => clearTimeout(timer);
  }, [running]);
  return now;
}

/** Minutes left at which a countdown is announced: often enough to act, rarely enough to bear. */
export const ANNOUNCE_AT_MINUTES = [60, 30, 15, 5, 1] as const;

/**
 * Which announcement bracket a deadline is in: changes only at the milestones above, when it
 * goes overdue, and when it is done; the live region speaks when this changes, not every second.
 *
 * @example
 *   milestone({ status: 'running', remainingMs: 14 * 60_000, … }); // 'running-15'
 */
export function milestone(d: Pick<DeadlineState, 'status' | 'remainingMs'>): string {
  if (d.status !== 'running' || d.remainingMs === null) return d.status;
  const minutes = d.remainingMs / 60_000;
  let bracket = 'more';
  for (const m of ANNOUNCE_AT_MINUTES) if (minutes <= m) bracket = String(m);
  return `running-${bracket}`;
}
