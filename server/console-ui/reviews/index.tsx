// Second-level reviews (R16): the queue of cases the behaviour rules opened, open ones first and
// oldest first (the longest wait), with the other statuses a choice away.
import { ReviewStatusSchema, type ReviewStatus } from '../../../shared/schema/staff';
import { useConsole } from '../app/context';
import { REVIEW_STATUS_LABELS, RULE_LABELS } from '../app/labels';
import { href } from '../app/router';
import { useLoad } from '../app/use-load';
import { ErrorNotice, Loading } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';

export function ReviewsPage({ params }: { params: URLSearchParams }) {
  const { api, can } = useConsole();
  const parsed = ReviewStatusSchema.safeParse(params.get('status') ?? 'open');
  const status: ReviewStatus = parsed.success ? parsed.data : 'open';
  const list = useLoad(() => api.reviews(status), [status]);
  const cases = [...(list.data?.cases ?? [])].sort(
    (a, b) =>
      Number(b.status === 'open') - Number(a.status === 'open') ||
      a.openedAt.localeCompare(b.openedAt),
  );
  return (
    <>
      <PageTitle title="复核 Reviews" />
      <p class="lead">
        行为规则触发的二级复核。Second-level reviews opened by the behaviour rules.{' '}
        {can('reviewer')
          ? '批准或驳回需填写意见 Approving or rejecting needs a comment.'
          : '审计员只读 Auditors see cases read-only.'}
      </p>
      <nav class="tabs" aria-label="按状态 By status">
        {ReviewStatusSchema.options.map((s) => (
          <a
            key={s}
            href={href(['reviews'], { status: s })}
            aria-current={s === status ? 'page' : undefined}
          >
            {REVIEW_STATUS_LABELS[s]}
          </a>
        ))}
      </nav>
      <ErrorNotice message={list.error} />
      {list.loading && !list.data && <Loading what="cases" />}
      {list.data && (
        <div class="table-wrap">
          <table>
            <caption>
              {REVIEW_STATUS_LABELS[status]} · {cases.length} 件 cases
            </caption>
            <thead>
              <tr>
                <th scope="col">员工 Staff</th>
                <th scope="col">触发时间 Opened</th>
                <th scope="col">规则 Rules</th>
                <th scope="col">状态 Status</th>
                <th scope="col">处理 Decided</th>
              </tr>
            </thead>
            <tbody>
              {cases.length === 0 && (
                <tr>
                  <td colSpan={5} class="quiet">
                    没有案件 No cases
                  </td>
                </tr>
              )}
              {cases.map((c) => (
                <tr key={c.caseId} class={c.status === 'open' ? 'attention' : undefined}>
                  <td>
                    <a href={href(['reviews', c.caseId])}>
                      {c.staffId}
                      <span class="sr-only"> · 查看案件 open the case</span>
                    </a>
                  </td>
                  <td class="nowrap">{formatInstant(c.openedAt)}</td>
                  <td>{c.fired.map((f) => RULE_LABELS[f.rule]).join('; ')}</td>
                  <td>
                    <span class={`badge ${c.status}`}>{REVIEW_STATUS_LABELS[c.status]}</span>
                  </td>
                  <td>
                    {c.decidedBy ? `${c.decidedBy} · ${formatInstant(c.decidedAt ?? '')}` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
