// Each staff member's daily views + reveals against the threshold, as small multiples in a table:
// one row per person (busiest first, as the server orders them), the same scale in every row so
// the dashed threshold line is level across the page, and rows over the threshold marked in words
// as well as colour. The SVGs are drawn with attributes and classes only (strict CSP: no style).
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartResponse } from '../../../shared/schema/review';
import { daysOf } from '../lib/days';
import { monthTicks, pct, rowBars, SCALE_THRESHOLDS, type Bar } from './chart-geometry';

/** Height of one row's chart, in CSS pixels: 50 rows stay on two screens. */
const ROW_PX = 30;
/** Room above the bars for the clipped-bar mark. */
const HEAD_PX = 3;
/** Share of a day's slot the bar fills; the rest is the gap between days. */
const BAR_FILL = 0.78;

export interface StaffChartProps {
  chart: ChartResponse;
  /** Where a staff member's name leads: their events over the same range. */
  hrefFor: (staffId: string) => string;
}

/** Room an axis label needs, in CSS pixels ("08-25" at 11px, and a little air). */
const LABEL_PX = 40;

/** The width of an element, kept current as the window resizes. */
function useWidth<T extends Element>(): [Ref<T>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function StaffChart({ chart, hrefFor }: StaffChartProps) {
  const days = daysOf(chart.from, chart.to);
  const n = Math.max(1, days.length);
  const [axisRef, axisWidth] = useWidth<SVGSVGElement>();
  const ticks = monthTicks(days, axisWidth > 0 ? Math.ceil(LABEL_PX / (axisWidth / n)) : 6);
  return (
    <table class="chart">
      <caption class="sr-only">
        每位员工每日查看与显示次数，阈值 {chart.threshold} Daily views and reveals per staff member,
        threshold {chart.threshold}
      </caption>
      <colgroup>
        <col class="col-staff" />
        <col class="col-plot" />
        <col class="col-num" />
        <col class="col-num" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">员工 Staff</th>
          <th scope="col" class="axis-cell">
            <span class="sr-only">每日 Daily views + reveals</span>
            <svg ref={axisRef} class="axis" width="100%" height="18" aria-hidden="true">
              {ticks.map((t) => (
                <g key={t.i}>
                  <line x1={pct(t.i, n)} x2={pct(t.i, n)} y1="12" y2="18" class="tick" />
                  <text x={pct(t.i, n)} y="10" class="tick-label">
                    {t.label}
                  </text>
                </g>
              ))}
            </svg>
          </th>
          <th scope="col" class="num">
            峰值 Peak
          </th>
          <th scope="col" class="num">
            超限天数 Days over
          </th>
        </tr>
      </thead>
      <tbody>
        {chart.staff.map((s) => {
          const row = rowBars(days, s.days, chart.threshold);
          const over = row.daysOver > 0;
          const overDays = row.bars.filter((b) => b.over);
          const summary =
            `${s.staffId}: 峰值 peak ${row.peak}` +
            (row.peakDay ? ` (${row.peakDay})` : '') +
            `, ${row.daysOver} 天超过 days over ${chart.threshold}` +
            (overDays.length > 0
              ? `: ${overDays
                  .slice(0, 5)
                  .map((b) => `${b.day} (${b.total})`)
                  .join(', ')}${overDays.length > 5 ? ' …' : ''}`
              : '');
          return (
            <tr key={s.staffId} class={over ? 'over' : undefined} data-staff={s.staffId}>
              <th scope="row">
                <a href={hrefFor(s.staffId)}>{s.staffId}</a>
                {over && <span class="badge danger">超限 Over</span>}
              </th>
              <td class="plot-cell">
                <RowPlot bars={row.bars} n={n} summary={summary} />
              </td>
              <td class="num">{row.peak}</td>
              <td class={`num${over ? ' danger-text' : ''}`}>{row.daysOver}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * One row: a handful of paths in day units (viewBox n × ROW_PX, stretched to the cell's width),
 * not an element per bar: 50 rows of 92 days stay a few hundred nodes, quick to draw and to check.
 */
function RowPlot({ bars, n, summary }: { bars: readonly Bar[]; n: number; summary: string }) {
  const plot = ROW_PX - HEAD_PX;
  const y = (h: number) => HEAD_PX + plot * (1 - h);
  const paths = { views: '', reveals: '', overViews: '', overReveals: '', clip: '' };
  const rect = (x: number, top: number, bottom: number) =>
    bottom - top > 0
      ? `M${x.toFixed(3)} ${top.toFixed(2)}h${BAR_FILL}V${bottom.toFixed(2)}h${-BAR_FILL}Z`
      : '';
  for (const b of bars) {
    const x = b.i + (1 - BAR_FILL) / 2;
    const viewsTop = y(b.viewsHeight);
    const revealsTop = y(b.viewsHeight + b.revealsHeight);
    if (b.over) {
      paths.overViews += rect(x, viewsTop, ROW_PX);
      paths.overReveals += rect(x, revealsTop, viewsTop);
    } else {
      paths.views += rect(x, viewsTop, ROW_PX);
      paths.reveals += rect(x, revealsTop, viewsTop);
    }
    if (b.clipped) paths.clip += rect(x, 0, HEAD_PX - 0.5);
  }
  const thresholdY = y(1 / SCALE_THRESHOLDS);
  return (
    <svg
      class="plot"
      width="100%"
      height={ROW_PX}
      viewBox={`0 0 ${n} ${ROW_PX}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      <line
        x1="0"
        x2={n}
        y1={ROW_PX - 0.5}
        y2={ROW_PX - 0.5}
        class="baseline"
        vector-effect="non-scaling-stroke"
      />
      {paths.views && <path class="views" d={paths.views} />}
      {paths.reveals && <path class="reveals" d={paths.reveals} />}
      {paths.overViews && <path class="over-views" d={paths.overViews} />}
      {paths.overReveals && <path class="over-reveals" d={paths.overReveals} />}
      {paths.clip && <path class="clip-mark" d={paths.clip} />}
      <line
        x1="0"
        x2={n}
        y1={thresholdY}
        y2={thresholdY}
        class="threshold"
        vector-effect="non-scaling-stroke"
      />
    </svg>
  );
}

/** The chart's key: what the colours, the dashed line and the mark mean. */
export function ChartLegend({ threshold }: { threshold: number }) {
  const swatch = (cls: string) => (
    <svg width="14" height="14" aria-hidden="true" class="swatch">
      <rect class={cls} x="1" y="1" width="12" height="12" />
    </svg>
  );
  return (
    <ul class="legend">
      <li>{swatch('views')}查看 Views</li>
      <li>{swatch('reveals')}显示原文 Reveals</li>
      <li>{swatch('over-views')}超过阈值的日子 Days over the threshold</li>
      <li>
        <svg width="22" height="14" aria-hidden="true" class="swatch">
          <line x1="0" x2="22" y1="7" y2="7" class="threshold" />
        </svg>
        阈值 Threshold: {threshold} / 天 day
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true" class="swatch">
          <rect class="clip-mark" x="1" y="1" width="12" height="4" />
        </svg>
        超过 {threshold * SCALE_THRESHOLDS}（柱顶截断）Above {threshold * SCALE_THRESHOLDS}, bar cut
        off
      </li>
    </ul>
  );
}
