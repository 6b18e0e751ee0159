// Incidents (R21): the register, open ones first with each deadline counting down live, and
// (reviewers and admins) a form to open a new one.
import { useConsole } from '../app/context';
import { LEVEL_LABELS } from '../app/labels';
import { href } from '../app/router';
import { useLoad } from '../app/use-load';
import { ErrorNotice, Loading } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';
import { useNow } from './clock';
import { Announcer, Deadlines } from './countdown';
import { OpenIncident } from './open-form';

export function IncidentsPage() {
  const { api, can } = useConsole();
  const list = useLoad(() => api.incidents(), []);
  const incidents = [...(list.data?.incidents ?? [])].sort(
    (a, b) =>
      Number(a.closedAt !== null) - Number(b.closedAt !== null) ||
      b.discoveredAt.localeCompare(a.discoveredAt),
  );
  const open = incidents.filter((i) => i.closedAt === null);
  const now = useNow(open.length > 0);
  return (
    <>
      <PageTitle title="事件 Incidents" />
      <p class="lead">
        一级：1 小时内告知客户；二级：48 小时内报告监管（R21）。Level 1: tell the customer within 1
        hour; level 2: report to the regulator within 48 hours (R21). Clocks run from discovery.
      </p>
      <Announcer incidents={open} now={now} />
      <section aria-labelledby="register-title">
        <h2 id="register-title">
          事件登记 Register <span class="quiet small">{open.length} 件处理中 open</span>
        </h2>
        <ErrorNotice message={list.error} />
        {list.loading && !list.data && <Loading what="incidents" />}
        {list.data && incidents.length === 0 && <p class="quiet">没有事件 No incidents.</p>}
        <ul class="cards">
          {incidents.map((i) => (
            <li
              key={i.incidentId}
              class={`card${i.closedAt ? ' closed' : ''}`}
              data-incident={i.incidentId}
            >
              <h3>
                <a href={href(['incidents', i.incidentId])}>{i.title}</a>
              </h3>
              <p class="meta">
                <span class={`badge level-${i.level}`}>{LEVEL_LABELS[i.level]}</span> 发现
                discovered {formatInstant(i.discoveredAt)} ·{' '}
                {i.closedAt ? `已结案 closed ${formatInstant(i.closedAt)}` : '处理中 open'}
              </p>
              <Deadlines incident={i} now={now} />
            </li>
          ))}
        </ul>
      </section>
      {can('reviewer') && (
        <section aria-labelledby="open-title">
          <h2 id="open-title">登记新事件 Open an incident</h2>
          <OpenIncident
            onOpened={(incident) => {
              location.hash = href(['incidents', incident.incidentId]);
            }}
          />
        </section>
      )}
    </>
  );
}
