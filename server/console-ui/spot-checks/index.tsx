// Quarterly spot checks (R18): every check drawn so far, and (reviewers and admins) a new one.
import { useConsole } from '../app/context';
import { href } from '../app/router';
import { useLoad } from '../app/use-load';
import { ErrorNotice, Loading } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';
import { CreateSpotCheck } from './create-form';

export function SpotChecksPage() {
  const { api, can } = useConsole();
  const list = useLoad(() => api.spotChecks(), []);
  const checks = [...(list.data?.checks ?? [])].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <>
      <PageTitle title="抽查 Spot checks" />
      <p class="lead">
        每季度抽查高风险角色的操作（R18）。样本由记录下来的随机种子抽取，任何人都可复现。Each
        quarter, a random sample of the high-risk roles' events is checked (R18); the seed is
        recorded so anyone can redraw it.
      </p>
      {can('reviewer') && (
        <section aria-labelledby="new-check">
          <h2 id="new-check">新抽查 New spot check</h2>
          <CreateSpotCheck
            onCreated={(check) => {
              location.hash = href(['spot-checks', check.checkId]);
            }}
          />
        </section>
      )}
      <section aria-labelledby="all-checks">
        <h2 id="all-checks">全部抽查 All spot checks</h2>
        <ErrorNotice message={list.error} />
        {list.loading && !list.data && <Loading what="spot checks" />}
        {list.data && (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">抽查列表 Spot checks, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">季度 Quarter</th>
                  <th scope="col">角色 Roles</th>
                  <th scope="col" class="num">
                    总体 Population
                  </th>
                  <th scope="col" class="num">
                    已审/样本 Findings
                  </th>
                  <th scope="col">状态 Status</th>
                  <th scope="col">抽取 Drawn</th>
                </tr>
              </thead>
              <tbody>
                {checks.length === 0 && (
                  <tr>
                    <td colSpan={6} class="quiet">
                      还没有抽查 No spot checks yet
                    </td>
                  </tr>
                )}
                {checks.map((c) => (
                  <tr key={c.checkId}>
                    <td>
                      <a href={href(['spot-checks', c.checkId])}>
                        {c.quarter}
                        <span class="sr-only"> · {c.roles.join(', ')} · 打开 open</span>
                      </a>
                    </td>
                    <td>{c.roles.join(', ')}</td>
                    <td class="num">{c.population}</td>
                    <td class="num">
                      {c.findings.length} / {c.sample.length}
                    </td>
                    <td>
                      <span class={`badge ${c.status === 'signed' ? 'approved' : 'open'}`}>
                        {c.status === 'signed' ? '已签署 Signed' : '进行中 Open'}
                      </span>
                    </td>
                    <td class="nowrap">
                      {c.createdBy} · {formatInstant(c.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
