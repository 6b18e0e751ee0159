// Incident deadlines (R21): each level's clock runs from discovery. Level 1 (a single misdirected
// record): tell the customer within 1 hour. Level 2 (a batch exposure): report to the regulator
// within 48 hours. The policy gives no other figures: levels 3 and 4 are wider still, so both
// duties apply to them, with the same times, until the company sets its own.
import type { DeadlineStep, Incident, IncidentLevel } from '../schema/review';

const HOUR_MS = 3_600_000;

/** What each level must do by when, in hours after discovery. */
export const INCIDENT_DEADLINES: Readonly<
  Record<IncidentLevel, readonly { step: DeadlineStep; hours: number }[]>
> = {
  1: [{ step: 'customer-notified', hours: 1 }],
  2: [{ step: 'regulator-reported', hours: 48 }],
  3: [
    { step: 'customer-notified', hours: 1 },
    { step: 'regulator-reported', hours: 48 },
  ],
  4: [
    { step: 'customer-notified', hours: 1 },
    { step: 'regulator-reported', hours: 48 },
  ],
};

/** One deadline's state at `now`. */
export interface DeadlineState {
  step: DeadlineStep;
  dueAt: number;
  /** When the step was recorded, or null while it is still to do. */
  doneAt: number | null;
  /** Milliseconds left (negative when overdue); null once done. */
  remainingMs: number | null;
  status: 'done' | 'done-late' | 'running' | 'overdue';
}

/**
 * The incident's deadlines at `now` (ms since the epoch): what the console counts down.
 *
 * @example
 *   incidentClock({ level: 1, discoveredAt: '2026-11-22T08:00:00Z', steps: [] , … },
 *     Date.parse('2026-11-22T08:20:00Z'));
 *   // [{ step: 'customer-notified', remainingMs: 2_400_000, status: 'running', … }]
 */
export function incidentClock(
  incident: Pick<Incident, 'level' | 'discoveredAt' | 'steps'>,
  now: number,
): DeadlineState[] {
  const start = Date.parse(incident.discoveredAt);
  return INCIDENT_DEADLINES[incident.level].map(({ step, hours }) => {
    const dueAt = start + hours * HOUR_MS;
    const done = incident.steps.find((s) => s.action === step);
    const doneAt = done ? Date.parse(done.at) : null;
    if (doneAt !== null) {
      return {
        step,
        dueAt,
        doneAt,
        remainingMs: null,
        status: doneAt <= dueAt ? 'done' : 'done-late',
      };
    }
    const remainingMs = dueAt - now;
    return { step, dueAt, doneAt, remainingMs, status: remainingMs >= 0 ? 'running' : 'overdue' };
  });
}
