// An incident's deadlines (R21), recomputed from `now` with incidentClock every second: time left,
// or overdue by how much, or done (on time or late). The visible timer is role="timer", which
// screen readers do not read out on every change; Announcer speaks only at milestones.
import { useRef, useState, useEffect } from 'preact/hooks';
import { incidentClock, type DeadlineState } from '../../../shared/review/incident-clock';
import type { Incident } from '../../../shared/schema/review';
import { STEP_LABELS } from '../app/labels';
import { formatDuration, formatInstant } from '../lib/days';
import { milestone } from './clock';

export function Deadlines({ incident, now }: { incident: Incident; now: number }) {
  const clock = incidentClock(incident, now);
  return (
    <ul class="deadlines">
      {clock.map((d) => (
        <li key={d.step} class={`deadline ${d.status}`} data-step={d.step}>
          <span class="deadline-step">{STEP_LABELS[d.step]}</span>
          <span class="deadline-due">期限 due {formatInstant(d.dueAt)}</span>
          <span class="deadline-left">{remaining(d)}</span>
        </li>
      ))}
    </ul>
  );
}

function remaining(d: DeadlineState) {
  switch (d.status) {
    case 'running':
      return (
        <span role="timer" data-testid="timer">
          剩余 <span class="mono">{formatDuration(d.remainingMs ?? 0)}</span> left
        </span>
      );
    case 'overdue':
      return (
        <span role="timer" data-testid="timer">
          <strong>已逾期 Overdue</strong>{' '}
          <span class="mono">{formatDuration(d.remainingMs ?? 0)}</span>
        </span>
      );
    case 'done':
      return <span>✓ 按时完成 Done on time · {formatInstant(d.doneAt ?? 0)}</span>;
    case 'done-late':
      return <span>✓ 逾期完成 Done late · {formatInstant(d.doneAt ?? 0)}</span>;
  }
}

/**
 * A polite live region that says a deadline's state when it crosses a milestone (60, 30, 15, 5
 * and 1 minutes left; overdue; done), never on page load and never every second.
 */
export function Announcer({ incidents, now }: { incidents: readonly Incident[]; now: number }) {
  const seen = useRef(new Map<string, string>());
  const [message, setMessage] = useState('');
  useEffect(() => {
    const said: string[] = [];
    for (const incident of incidents) {
      if (incident.closedAt) continue;
      for (const d of incidentClock(incident, now)) {
        const key = `${incident.incidentId}:${d.step}`;
        const m = milestone(d);
        const before = seen.current.get(key);
        seen.current.set(key, m);
        if (before === undefined || before === m) continue;
        said.push(
          d.status === 'overdue'
            ? `${incident.title}: ${STEP_LABELS[d.step]} 已逾期 is overdue`
            : d.status === 'running'
              ? `${incident.title}: ${STEP_LABELS[d.step]} 剩余 ${Math.ceil((d.remainingMs ?? 0) / 60_000)} 分钟 minutes left`
              : `${incident.title}: ${STEP_LABELS[d.step]} 已完成 done`,
        );
      }
    }
    if (said.length > 0) setMessage(said.join('. '));
  }, [incidents, now]);
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {message}
    </div>
  );
}
