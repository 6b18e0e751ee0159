// Activity (R15, R16): each staff member's daily views and reveals over a range (default the last
// 90 days) against the daily limit, 50 staff members a page, busiest first; a name drills down
// to that person's events; the whole range exports as CSV or JSON lines (the export is logged).
import { activityExportUrl } from '../api';
import { useConsole } from '../app/context';
import { href } from '../app/router';
import { useLoad } from '../app/use-load';
import { PageTitle } from '../components/page-title';
import { ErrorNotice, Loading } from '../components/notice';
import { Pager } from '../components/pager';
import { defaultRange } from '../lib/days';
import { RangeForm, rangeFrom } from './range-form';
import { ChartLegend, StaffChart } from './staff-chart';

/** Staff members per page: a screen or two of rows, each still tall enough to read. */
export const CHART_PAGE_SIZE = 50;

export function ActivityPage({ params }: { params: URLSearchParams }) {
  const { api } = useConsole();
  const { from, to, problem } = rangeFrom(params, defaultRange(new Date()));
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const chart = useLoad(
    () => api.chart({ from, to, limit: CHART_PAGE_SIZE, offset }),
    [from, to, offset],
  );
  const go = (q: { from: string; to: string; offset?: number }) => {
    location.hash = href(['activity'], q);
  };
  const data = chart.data;
  const overOnPage = data
    ? data.staff.filter((s) => s.days.some(([, v, r]) => v + r > data.threshold)).length
    : 0;

  return (
    <>
      <PageTitle title="活动 Activity" />
      <p class="lead">
        每位员工每日的查看与显示次数，对照每日上限（R16）。点员工编号看明细。Each staff member's
        daily views and reveals against the daily limit (R16). Choose a staff number to see the
        events.
      </p>
      <RangeForm from={from} to={to} onSubmit={(r) => go(r)} />
      {problem && <p class="notice warn">{problem} 已显示默认范围 Showing the default range.</p>}
      <div class="exports">
        <span>导出本范围 Export this range:</span>
        <a class="button secondary" href={activityExportUrl('csv', { from, to })} download>
          CSV
        </a>
        <a class="button secondary" href={activityExportUrl('jsonl', { from, to })} download>
          JSON Lines
        </a>
        <span class="quiet small">导出会记入审计日志 Exports are recorded in the ledger.</span>
      </div>
      <ErrorNotice message={chart.error} />
      {chart.loading && !data && <Loading what="chart" />}
      {data && (
        <section aria-labelledby="chart-title">
          <h2 id="chart-title">
            每日查看与显示 Daily views and reveals{' '}
            <span class="quiet small">
              {data.from} – {data.to} · {data.staffCount} 名员工 staff ·{' '}
              {data.staffCount === 0 ? '' : `${offset + 1}–${offset + data.staff.length}`}
            </span>
          </h2>
          <p role="status" class={overOnPage > 0 ? 'notice danger' : 'notice ok'}>
            {overOnPage > 0
              ? `本页 ${overOnPage} 名员工超过每日上限 ${data.threshold} · ${overOnPage} staff on this page went over the daily limit of ${data.threshold}`
              : `本页无人超过每日上限 Nobody on this page went over the daily limit of ${data.threshold}`}
          </p>
          <ChartLegend threshold={data.threshold} />
          {data.staff.length === 0 ? (
            <p class="quiet">此范围内没有活动 No activity in this range.</p>
          ) : (
            <StaffChart
              chart={data}
              hrefFor={(staffId) => href(['activity', 'staff', staffId], { from, to })}
            />
          )}
          <Pager
            offset={offset}
            limit={CHART_PAGE_SIZE}
            total={data.staffCount}
            label="员工分页 Staff pages"
            hrefAt={(o) => href(['activity'], { from, to, offset: o || undefined })}
          />
        </section>
      )}
    </>
  );
}
