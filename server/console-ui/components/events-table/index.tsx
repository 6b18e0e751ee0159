// Events of the activity index as a table: ledger index (the event's identity), time, staff,
// kind, site and PII type. Pages add a column (a spot check's finding) through `extra`.
import type { ComponentChildren } from 'preact';
import type { EventRow } from '../../api';
import { eventKindLabel, piiLabel } from '../../app/labels';
import { formatInstant } from '../../lib/days';

export interface EventsTableProps {
  rows: readonly EventRow[];
  caption: ComponentChildren;
  showStaff?: boolean;
  extra?: { header: ComponentChildren; cell: (row: EventRow) => ComponentChildren };
}

/** An origin without `https://`, the usual case: shorter columns, the host is what people read. */
export const displayOrigin = (origin: string): string => origin.replace(/^https:\/\//, '');

export function EventsTable({ rows, caption, showStaff = false, extra }: EventsTableProps) {
  return (
    <div class="table-wrap">
      <table class="events">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              序号 Ledger #
            </th>
            <th scope="col">时间 Time</th>
            {showStaff && <th scope="col">员工 Staff</th>}
            <th scope="col">操作 Kind</th>
            <th scope="col">站点 Site</th>
            <th scope="col">信息类型 PII type</th>
            {extra && <th scope="col">{extra.header}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6 + (showStaff ? 1 : 0) + (extra ? 1 : 0)} class="quiet">
                没有事件 No events
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.index} data-index={row.index}>
              <td class="num">{row.index}</td>
              <td class="nowrap">{formatInstant(row.at)}</td>
              {showStaff && <td>{row.staffId ?? '未登记 not enrolled'}</td>}
              <td class={`kind-${row.kind}`}>{eventKindLabel(row.kind)}</td>
              <td class="origin">{displayOrigin(row.origin)}</td>
              <td>{piiLabel(row.piiType)}</td>
              {extra && <td>{extra.cell(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
