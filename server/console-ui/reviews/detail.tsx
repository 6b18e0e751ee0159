// One review case: who, what fired with its figures, the action that triggered it, the staff
// member's events that day, and (reviewers and admins, while open) the decision with a comment.
import { useState } from 'preact/hooks';
import { ReviewDecisionBodySchema, type ReviewCase } from '../../../shared/schema/staff';
import type { EventRow } from '../api';
import { useConsole } from '../app/context';
import { EVENT_KIND_LABELS, piiLabel, REVIEW_STATUS_LABELS } from '../app/labels';
import { href } from '../app/router';
import { errorText, useLoad } from '../app/use-load';
import { EventsTable } from '../components/events-table';
import { Field } from '../components/field';
import { ErrorNotice, Loading, Status } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';
import { RuleFigures } from './rule-figures';

export function ReviewPage({ caseId }: { caseId: string }) {
  const { api } = useConsole();
  const detail = useLoad(() => api.review(caseId), [caseId]);
  const [more, setMore] = useState<{ rows: EventRow[]; next: number | null } | null>(null);
  const [moreError, setMoreError] = useState('');
  const data = detail.data;
  const c = data?.case;
  const events = more ?? data?.events;

  const loadMore = async () => {
    if (!c || !events || events.next === null) return;
    try {
      // The case's own route pages its day's events: it knows the rules' time zone.
      const page = await api.review(c.caseId, events.next);
      setMore({ rows: [...events.rows, ...page.events.rows], next: page.events.next });
    } catch (e) {
      setMoreError(errorText(e));
    }
  };

  return (
    <>
      <PageTitle title={c ? `复核 Review · ${c.staffId}` : '复核 Review'}>
        <p>
          <a href={href(['reviews'])}>← 返回队列 Back to the queue</a>
        </p>
      </PageTitle>
      <ErrorNotice message={detail.error} />
      {detail.loading && !data && <Loading what="case" />}
      {c && data && (
        <>
          <section aria-labelledby="case-facts">
            <h2 id="case-facts">案件 Case</h2>
            <dl class="facts wide">
              <div>
                <dt>状态 Status</dt>
                <dd>
                  <span class={`badge ${c.status}`} data-testid="case-status">
                    {REVIEW_STATUS_LABELS[c.status]}
                  </span>
                </dd>
              </div>
              <div>
                <dt>员工 Staff</dt>
                <dd>
                  <a href={href(['activity', 'staff', c.staffId])}>{c.staffId}</a>
                </dd>
              </div>
              <div>
                <dt>触发时间 Opened</dt>
                <dd>{formatInstant(c.openedAt)}</dd>
              </div>
              <div>
                <dt>触发操作 Trigger</dt>
                <dd>
                  {EVENT_KIND_LABELS[c.trigger.kind === 'view' ? 'page-view' : 'reveal']} ·{' '}
                  {formatInstant(c.trigger.at)}
                  {c.trigger.piiType ? ` · ${piiLabel(c.trigger.piiType)}` : ''}
                  {c.trigger.page ? ` · ${c.trigger.page.origin}${c.trigger.page.path}` : ''}
                </dd>
              </div>
              {c.decidedBy && (
                <div>
                  <dt>处理 Decided</dt>
                  <dd>
                    {c.decidedBy} · {formatInstant(c.decidedAt ?? '')}
                    <br />
                    {c.comment}
                  </dd>
                </div>
              )}
            </dl>
          </section>
          <section aria-labelledby="case-rules">
            <h2 id="case-rules">触发的规则 Rules that fired</h2>
            <RuleFigures fired={c.fired} />
          </section>
          <Decision
            reviewCase={c}
            onDecided={(updated) => detail.set({ ...data, case: updated })}
          />
          <section aria-labelledby="case-events">
            <h2 id="case-events">当天的事件 Events that day</h2>
            <ErrorNotice message={moreError} />
            {events && (
              <>
                <EventsTable
                  rows={events.rows}
                  caption={`${c.staffId} · ${events.rows.length} 条 events`}
                />
                {events.next !== null && (
                  <button type="button" class="secondary" onClick={() => void loadMore()}>
                    加载更多 Load more
                  </button>
                )}
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

function Decision({
  reviewCase,
  onDecided,
}: {
  reviewCase: ReviewCase;
  onDecided: (c: ReviewCase) => void;
}) {
  const { api, can } = useConsole();
  const [decision, setDecision] = useState<'approve' | 'reject' | ''>('');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<{ decision?: string; comment?: string }>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  if (reviewCase.status !== 'open') {
    return done ? <Status>{done}</Status> : null;
  }
  if (!can('reviewer')) {
    return (
      <section aria-labelledby="decide-title">
        <h2 id="decide-title">决定 Decision</h2>
        <p class="notice info">
          审计员只能查看；复核员或管理员可批准或驳回。Auditors read only: a reviewer or
          administrator decides this case.
        </p>
      </section>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    const parsed = ReviewDecisionBodySchema.safeParse({ decision, comment });
    if (!parsed.success) {
      const p: { decision?: string; comment?: string } = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'decision') p.decision = '请选择批准或驳回 Choose approve or reject';
        if (issue.path[0] === 'comment') p.comment = `意见 Comment ${issue.message}`;
      }
      setProblems(p);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const updated = await api.decide(reviewCase.caseId, parsed.data);
      setDone(`已记录 Recorded: ${REVIEW_STATUS_LABELS[updated.status]}`);
      onDecided(updated);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="decide-title">
      <h2 id="decide-title">决定 Decision</h2>
      <form onSubmit={(e) => void submit(e)} noValidate class="stack">
        <fieldset aria-describedby={problems.decision ? 'decision-problem' : undefined}>
          <legend>批准还是驳回 Approve or reject</legend>
          <label class="choice">
            <input
              type="radio"
              name="decision"
              value="approve"
              checked={decision === 'approve'}
              onChange={() => setDecision('approve')}
            />
            批准：解除限制 Approve: lift the block
          </label>
          <label class="choice">
            <input
              type="radio"
              name="decision"
              value="reject"
              checked={decision === 'reject'}
              onChange={() => setDecision('reject')}
            />
            驳回：保持限制 Reject: keep the block
          </label>
          {problems.decision && (
            <p class="field-error" id="decision-problem">
              {problems.decision}
            </p>
          )}
        </fieldset>
        <Field
          label="意见（必填）Comment (required)"
          hint="写下你的发现，将记入审计日志 What you found, for the record (it goes into the ledger)"
          error={problems.comment}
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              required
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorNotice message={error} />
        <button type="submit" disabled={busy}>
          {busy ? '提交中 Saving…' : '提交决定 Record the decision'}
        </button>
      </form>
    </section>
  );
}
