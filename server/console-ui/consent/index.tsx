// Consent (R6): the customers' deletion and copy requests still to finish, with their due dates,
// and one site's consent decisions per policy version and month.
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../app/context';
import { href } from '../app/router';
import { useLoad } from '../app/use-load';
import { Field } from '../components/field';
import { ErrorNotice, Loading } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { RequestsTable } from './requests-table';
import { StatsTables } from './stats-table';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function ConsentPage({ params }: { params: URLSearchParams }) {
  const { api } = useConsole();
  const site = params.get('site') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const stats = useLoad(() => api.consentStats({ site, from, to }), [site, from, to]);
  const requests = useLoad(() => api.dataRequests(), []);
  const shown = stats.data;
  const [siteField, setSiteField] = useState('');
  const [fromField, setFromField] = useState('');
  const [toField, setToField] = useState('');
  const [problem, setProblem] = useState('');
  // The form shows what the server answered for (its defaults when the URL asked nothing).
  useEffect(() => {
    if (!shown) return;
    setSiteField(shown.site ?? '');
    setFromField(shown.from);
    setToField(shown.to);
  }, [shown]);

  return (
    <>
      <PageTitle title="同意 Consent" />
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">删除与副本请求 Deletion and copy requests</h2>
        <p class="lead">
          客户请求须在期限内办结（R6）。Customers' requests must be completed by their due date
          (R6).
        </p>
        <ErrorNotice message={requests.error} />
        {requests.loading && !requests.data && <Loading what="requests" />}
        {requests.data && (
          <RequestsTable
            requests={requests.data.requests}
            total={requests.data.total}
            onChanged={requests.reload}
          />
        )}
      </section>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">同意统计 Consent decisions</h2>
        <form
          class="filters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!MONTH.test(fromField) || !MONTH.test(toField)) {
              setProblem('请按 YYYY-MM 填写月份 Write months as YYYY-MM, e.g. 2026-01');
              return;
            }
            setProblem('');
            location.hash = href(['consent'], { site: siteField, from: fromField, to: toField });
          }}
        >
          <Field label="站点 Site">
            {(a) => (
              <select
                {...a}
                value={siteField}
                onChange={(e) => setSiteField(e.currentTarget.value)}
              >
                {(shown?.sites ?? []).map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="开始月份 From month" hint="YYYY-MM" error={problem || undefined}>
            {(a) => (
              <input
                {...a}
                type="month"
                value={fromField}
                onInput={(e) => setFromField(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="结束月份 To month" hint="YYYY-MM">
            {(a) => (
              <input
                {...a}
                type="month"
                value={toField}
                onInput={(e) => setToField(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit">显示 Show</button>
        </form>
        <ul class="legend">
          {(
            [
              ['granted', '同意 Granted'],
              ['refused', '拒绝 Refused'],
              ['withdrawn', '撤回 Withdrawn'],
            ] as const
          ).map(([kind, label]) => (
            <li key={kind}>
              <svg width="14" height="14" aria-hidden="true" class="swatch">
                <rect class={`stat-${kind}`} x="1" y="1" width="12" height="12" />
              </svg>
              {label}
            </li>
          ))}
        </ul>
        <ErrorNotice message={stats.error} />
        {stats.loading && !shown && <Loading what="statistics" />}
        {shown &&
          (shown.site === null ? (
            <p class="quiet">还没有站点发布同意政策 No site has published a consent policy yet.</p>
          ) : (
            <StatsTables site={shown.site} rows={shown.rows} />
          ))}
      </section>
    </>
  );
}
