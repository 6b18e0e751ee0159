// One incident: its deadlines counting down, the steps recorded so far, and (reviewers and admins,
// while open) the next step: notified, reported, contained, a note, or closed.
import { useState } from 'preact/hooks';
import {
  IncidentActionSchema,
  IncidentStepBodySchema,
  type IncidentAction,
} from '../../../shared/schema/review';
import type { IncidentView } from '../api';
import { useConsole } from '../app/context';
import { ACTION_LABELS, LEVEL_LABELS } from '../app/labels';
import { href } from '../app/router';
import { errorText, useLoad } from '../app/use-load';
import { Field } from '../components/field';
import { ErrorNotice, Loading, Status } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';
import { useNow } from './clock';
import { Announcer, Deadlines } from './countdown';

export function IncidentPage({ incidentId }: { incidentId: string }) {
  const { api } = useConsole();
  const detail = useLoad(() => api.incident(incidentId), [incidentId]);
  const i = detail.data;
  const now = useNow(!!i && i.closedAt === null);
  return (
    <>
      <PageTitle title={i ? `事件 Incident · ${i.title}` : '事件 Incident'}>
        <p>
          <a href={href(['incidents'])}>← 返回登记 Back to the register</a>
        </p>
      </PageTitle>
      <ErrorNotice message={detail.error} />
      {detail.loading && !i && <Loading what="incident" />}
      {i && (
        <>
          <Announcer incidents={i.closedAt ? [] : [i]} now={now} />
          <section aria-labelledby="facts-title">
            <h2 id="facts-title">概况 Overview</h2>
            <dl class="facts wide">
              <div>
                <dt>级别 Level</dt>
                <dd>
                  <span class={`badge level-${i.level}`}>{LEVEL_LABELS[i.level]}</span>
                </dd>
              </div>
              <div>
                <dt>发现 Discovered</dt>
                <dd>{formatInstant(i.discoveredAt)}</dd>
              </div>
              <div>
                <dt>登记 Opened</dt>
                <dd>
                  {i.openedBy} · {formatInstant(i.openedAt)}
                </dd>
              </div>
              <div>
                <dt>状态 Status</dt>
                <dd data-testid="incident-status">
                  {i.closedAt ? `已结案 Closed ${formatInstant(i.closedAt)}` : '处理中 Open'}
                </dd>
              </div>
              {i.description && (
                <div>
                  <dt>经过 What happened</dt>
                  <dd class="prewrap">{i.description}</dd>
                </div>
              )}
            </dl>
          </section>
          <section aria-labelledby="deadlines-title">
            <h2 id="deadlines-title">期限 Deadlines</h2>
            <Deadlines incident={i} now={now} />
          </section>
          <section aria-labelledby="steps-title">
            <h2 id="steps-title">处理记录 Steps</h2>
            {i.steps.length === 0 ? (
              <p class="quiet">尚无记录 No steps recorded yet.</p>
            ) : (
              <ol class="steps">
                {i.steps.map((s, k) => (
                  <li key={k}>
                    <strong>{ACTION_LABELS[s.action]}</strong>{' '}
                    <span class="quiet">
                      {formatInstant(s.at)} · {s.by}
                    </span>
                    <br />
                    <span class="prewrap">{s.note}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <StepForm incident={i} onRecorded={detail.set} />
        </>
      )}
    </>
  );
}

function StepForm({
  incident,
  onRecorded,
}: {
  incident: IncidentView;
  onRecorded: (i: IncidentView) => void;
}) {
  const { api, can } = useConsole();
  const [action, setAction] = useState<IncidentAction>('note');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  if (incident.closedAt !== null) return done ? <Status>{done}</Status> : null;
  if (!can('reviewer')) {
    return <p class="notice info">审计员只读 Auditors read only: a reviewer records the steps.</p>;
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    setDone('');
    const parsed = IncidentStepBodySchema.safeParse({ action, note });
    if (!parsed.success) {
      setProblem(`备注 Note ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    setProblem('');
    setBusy(true);
    try {
      const updated = await api.addStep(incident.incidentId, parsed.data);
      onRecorded(updated);
      setNote('');
      setDone(`已记录 Recorded: ${ACTION_LABELS[parsed.data.action]}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="step-title">
      <h2 id="step-title">记录一步 Record a step</h2>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="做了什么 Action">
          {(a) => (
            <select
              {...a}
              value={action}
              onChange={(e) => {
                const parsed = IncidentActionSchema.safeParse(e.currentTarget.value);
                if (parsed.success) setAction(parsed.data);
              }}
            >
              {IncidentActionSchema.options.map((o) => (
                <option key={o} value={o}>
                  {ACTION_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="说明 Note"
          hint="谁、何时、如何 Who, when, how (no customer data)"
          error={problem || undefined}
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              required
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          )}
        </Field>
        {action === 'closed' && (
          <p class="notice warn">结案后不能再记录 Once closed, no more steps can be recorded.</p>
        )}
        <ErrorNotice message={error} />
        {done && <Status>{done}</Status>}
        <button type="submit" class={action === 'closed' ? 'danger' : undefined} disabled={busy}>
          {action === 'closed' ? '结案 Close the incident' : '记录 Record the step'}
        </button>
      </form>
    </section>
  );
}
