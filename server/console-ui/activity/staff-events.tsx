// One staff member's events over the range (the chart's drill-down), filtered by kind, PII type and site,
// paged by ledger index (`after`), with the same exports narrowed to this person.
import { useEffect, useState } from 'preact/hooks';
import { activityExportUrl, type EventFilter, type EventRow } from '../api';
import { useConsole } from '../app/context';
import { PiiTypeSchema } from '../../../shared/schema/pii';
import { EVENT_KIND_LABELS, PII_LABELS } from '../app/labels';
import { href } from '../app/router';
import { errorText } from '../app/use-load';
import { EventsTable } from '../components/events-table';
import { Field } from '../components/field';
import { ErrorNotice, Loading } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { defaultRange } from '../lib/days';
import { RangeForm, rangeFrom } from './range-form';

/** Events per request: a screenful or two; the server allows up to 500. */
const EVENTS_PAGE = 100;

const KINDS = ['page-view', 'reveal', 'pause', 'resume'] as const;
const PII_TYPES = PiiTypeSchema.options;

export function StaffEventsPage({ staffId, params }: { staffId: string; params: URLSearchParams }) {
  const { api } = useConsole();
  const { from, to, problem } = rangeFrom(params, defaultRange(new Date()));
  const kind = params.get('kind') ?? '';
  const origin = params.get('origin') ?? '';
  const piiType = params.get('piiType') ?? '';
  const filter: EventFilter = {
    from,
    to,
    staffId,
    kind: kind || undefined,
    origin: origin || undefined,
    piiType: piiType || undefined,
  };

  const [rows, setRows] = useState<EventRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [kindField, setKindField] = useState(kind);
  const [originField, setOriginField] = useState(origin);
  const [piiTypeField, setPiiTypeField] = useState(piiType);

  const load = async (after: number | undefined) => {
    setLoading(true);
    setError('');
    try {
      const page = await api.events({ ...filter, after, limit: EVENTS_PAGE });
      setRows((old) => (after === undefined ? page.rows : [...old, ...page.rows]));
      setNext(page.next);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setRows([]);
    setKindField(kind);
    setOriginField(origin);
    setPiiTypeField(piiType);
    void load(undefined);
    // A new person, range or filter starts from the first page.
  }, [staffId, from, to, kind, origin, piiType]);

  return (
    <>
      <PageTitle title={`员工 Staff ${staffId}`}>
        <p>
          <a href={href(['activity'], { from, to })}>← 返回活动图 Back to the chart</a>
        </p>
      </PageTitle>
      <RangeForm
        from={from}
        to={to}
        onSubmit={(r) => {
          location.hash = href(['activity', 'staff', staffId], {
            ...r,
            kind: kindField,
            origin: originField,
            piiType: piiTypeField,
          });
        }}
      >
        <Field label="操作 Kind">
          {(a) => (
            <select {...a} value={kindField} onChange={(e) => setKindField(e.currentTarget.value)}>
              <option value="">全部 All</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {EVENT_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="信息类型 PII type" hint="显示原文的类型 What a reveal showed">
          {(a) => (
            <select
              {...a}
              value={piiTypeField}
              onChange={(e) => setPiiTypeField(e.currentTarget.value)}
            >
              <option value="">全部 All</option>
              {PII_TYPES.map((t) => (
                <option key={t} value={t}>
                  {PII_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="站点 Site" hint="例如 e.g. https://crm.example.com">
          {(a) => (
            <input
              {...a}
              type="url"
              value={originField}
              placeholder="https://…"
              onInput={(e) => setOriginField(e.currentTarget.value)}
            />
          )}
        </Field>
      </RangeForm>
      {problem && <p class="notice warn">{problem}</p>}
      <div class="exports">
        <span>导出 Export {staffId}:</span>
        <a class="button secondary" href={activityExportUrl('csv', filter)} download>
          CSV
        </a>
        <a class="button secondary" href={activityExportUrl('jsonl', filter)} download>
          JSON Lines
        </a>
      </div>
      <ErrorNotice message={error} />
      <EventsTable
        rows={rows}
        caption={
          <>
            {from} – {to} 的事件 Events ·{' '}
            <span role="status">
              已显示 {rows.length} 条 {rows.length} shown
              {next === null && !loading ? ' · 全部 all' : ''}
            </span>
          </>
        }
      />
      {loading && <Loading what="events" />}
      {next !== null && !loading && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          加载更多 Load more
        </button>
      )}
    </>
  );
}
