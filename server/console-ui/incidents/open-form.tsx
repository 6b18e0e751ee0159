// Opening an incident (R21): its level (which sets the deadlines, shown as the level is chosen),
// a title, what happened, and when it was discovered: the clock runs from discovery.
import { useState } from 'preact/hooks';
import { INCIDENT_DEADLINES } from '../../../shared/review/incident-clock';
import {
  IncidentCreateBodySchema,
  IncidentLevelSchema,
  type Incident,
  type IncidentLevel,
} from '../../../shared/schema/review';
import { useConsole } from '../app/context';
import { LEVEL_LABELS, STEP_LABELS } from '../app/labels';
import { errorText } from '../app/use-load';
import { Field } from '../components/field';
import { ErrorNotice } from '../components/notice';
import { datetimeLocalValue } from '../lib/days';

const LEVELS = [1, 2, 3, 4] as const;

export function deadlineText(level: IncidentLevel): string {
  return INCIDENT_DEADLINES[level]
    .map((d) => `${STEP_LABELS[d.step]}: ${d.hours} 小时内 within ${d.hours} h`)
    .join('; ');
}

export function OpenIncident({ onOpened }: { onOpened: (incident: Incident) => void }) {
  const { api } = useConsole();
  const [level, setLevel] = useState<IncidentLevel>(1);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [discovered, setDiscovered] = useState(() => datetimeLocalValue(new Date()));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    const at = new Date(discovered);
    const parsed = IncidentCreateBodySchema.safeParse({
      level,
      title,
      description,
      discoveredAt: Number.isNaN(at.getTime()) ? '' : at.toISOString(),
    });
    const p: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) p[String(issue.path[0])] ??= issue.message;
    }
    if (!Number.isNaN(at.getTime()) && at.getTime() > Date.now() + 60_000) {
      p.discoveredAt = '发现时间不能在将来 The discovery time cannot be in the future';
    } else if (p.discoveredAt) {
      p.discoveredAt = '请填写发现时间 Enter when it was discovered';
    }
    setProblems(p);
    if (!parsed.success || Object.keys(p).length > 0) return;
    setBusy(true);
    try {
      onOpened(await api.openIncident(parsed.data));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="级别 Level" hint={deadlineText(level)}>
        {(a) => (
          <select
            {...a}
            value={String(level)}
            onChange={(e) => {
              const parsed = IncidentLevelSchema.safeParse(Number(e.currentTarget.value));
              if (parsed.success) setLevel(parsed.data);
            }}
          >
            {LEVELS.map((l) => (
              <option key={l} value={String(l)}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="标题 Title" error={problems.title}>
        {(a) => (
          <input {...a} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        )}
      </Field>
      <Field
        label="经过 What happened"
        hint="不要写入客户信息 No customer data here"
        error={problems.description}
      >
        {(a) => (
          <textarea
            {...a}
            rows={3}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label="发现时间 Discovered at"
        hint="时钟从发现时起算 The clock runs from discovery"
        error={problems.discoveredAt}
      >
        {(a) => (
          <input
            {...a}
            type="datetime-local"
            required
            value={discovered}
            onInput={(e) => setDiscovered(e.currentTarget.value)}
          />
        )}
      </Field>
      <ErrorNotice message={error} />
      <button type="submit" disabled={busy}>
        {busy ? '提交中 Opening…' : '登记事件 Open the incident'}
      </button>
    </form>
  );
}
