// One spot check: how it was drawn (seed, population: enough for anyone to redraw the sample),
// the sampled events with a finding each, and the signature once every event has one (R18).
import { useState } from 'preact/hooks';
import {
  FindingBodySchema,
  FindingVerdictSchema,
  type SpotFinding,
  type SpotCheck,
} from '../../../shared/schema/review';
import { quarterDays } from '../../../shared/review/quarter';
import type { EventRow } from '../api';
import { useConsole } from '../app/context';
import { VERDICT_LABELS } from '../app/labels';
import { href } from '../app/router';
import { errorText, useLoad } from '../app/use-load';
import { CopyCode } from '../components/copy-code';
import { EventsTable } from '../components/events-table';
import { ErrorNotice, Loading, Status } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';

export function SpotCheckPage({ checkId }: { checkId: string }) {
  const { api, can } = useConsole();
  const detail = useLoad(() => api.spotCheck(checkId), [checkId]);
  const [signError, setSignError] = useState('');
  const [busy, setBusy] = useState(false);
  const data = detail.data;
  const check = data?.check;
  const update = (c: SpotCheck) => data && detail.set({ ...data, check: c });

  const editable = !!check && check.status === 'open' && can('reviewer');
  const missing = check
    ? check.sample.filter((i) => !check.findings.some((f) => f.index === i)).length
    : 0;

  const sign = async () => {
    if (!check) return;
    setBusy(true);
    setSignError('');
    try {
      update(await api.signSpotCheck(check.checkId));
    } catch (e) {
      setSignError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={check ? `抽查 Spot check · ${check.quarter}` : '抽查 Spot check'}>
        <p>
          <a href={href(['spot-checks'])}>← 返回列表 Back to the list</a>
        </p>
      </PageTitle>
      <ErrorNotice message={detail.error} />
      {detail.loading && !data && <Loading what="spot check" />}
      {check && data && (
        <>
          <section aria-labelledby="draw-title">
            <h2 id="draw-title">抽样方式 How the sample was drawn</h2>
            <dl class="facts wide">
              <div>
                <dt>季度 Quarter</dt>
                <dd>
                  {check.quarter} ({quarterDays(check.quarter).from} –{' '}
                  {quarterDays(check.quarter).to})
                </dd>
              </div>
              <div>
                <dt>角色 Roles</dt>
                <dd>{check.roles.join(', ')}</dd>
              </div>
              <div>
                <dt>总体 Population</dt>
                <dd data-testid="population">{check.population} 条事件 events</dd>
              </div>
              <div>
                <dt>样本 Sample</dt>
                <dd>{check.sample.length} 条 events</dd>
              </div>
              <div>
                <dt>抽取 Drawn by</dt>
                <dd>
                  {check.createdBy} · {formatInstant(check.createdAt)}
                </dd>
              </div>
              <div>
                <dt>状态 Status</dt>
                <dd data-testid="check-status">
                  {check.status === 'signed'
                    ? `已签署 Signed by ${check.signedBy ?? '?'} · ${formatInstant(check.signedAt ?? '')}${check.ledgerIndex !== null ? ` · 日志 ledger #${check.ledgerIndex}` : ''}`
                    : `进行中 Open · 还差 ${missing} 条 ${missing} findings to go`}
                </dd>
              </div>
            </dl>
            <h3>随机种子 Seed</h3>
            <CopyCode code={check.seed} label="随机种子 Seed" />
            <p class="hint">
              复现：取该季度内这些角色的全部事件的日志序号，用 sampleIndexes(总体,{' '}
              {check.sample.length}, 种子) 重新抽取（shared/review）。 To redraw: take the ledger
              indexes of these roles' events in the quarter (the population of {check.population})
              and run sampleIndexes(population, {check.sample.length}, seed) from shared/review; the
              result must equal the sample below.
            </p>
          </section>
          <section aria-labelledby="sample-title">
            <h2 id="sample-title">样本与结论 Sampled events and findings</h2>
            {!editable && check.status === 'open' && (
              <p class="notice info">
                审计员只读 Auditors read only: a reviewer records the findings.
              </p>
            )}
            <EventsTable
              rows={data.events}
              showStaff
              caption={`${data.events.length} 条抽样事件 sampled events`}
              extra={{
                header: '结论 Finding',
                cell: (row) => (
                  <FindingCell
                    key={row.index}
                    row={row}
                    checkId={check.checkId}
                    finding={check.findings.find((f) => f.index === row.index)}
                    editable={editable}
                    onSaved={update}
                  />
                ),
              }}
            />
            {data.events.length < check.sample.length && (
              <p class="notice warn">
                {check.sample.length - data.events.length} 条抽样事件不在活动索引中 sampled events
                are missing from the activity index: rebuild it from the ledger.
              </p>
            )}
          </section>
          {editable && (
            <section aria-labelledby="sign-title">
              <h2 id="sign-title">签署 Sign</h2>
              <p>
                签署后写入审计日志，不能再修改。Signing writes the whole check into the ledger; it
                cannot be changed after.
              </p>
              <button
                type="button"
                disabled={busy || missing > 0}
                aria-describedby="sign-why"
                onClick={() => void sign()}
              >
                签署抽查 Sign the spot check
              </button>
              <p id="sign-why" class="hint">
                {missing > 0
                  ? `每条样本都需有结论，还差 ${missing} 条 Every sampled event needs a finding: ${missing} to go.`
                  : '全部样本已有结论 Every sampled event has a finding.'}
              </p>
              <ErrorNotice message={signError} />
            </section>
          )}
        </>
      )}
    </>
  );
}

function FindingCell({
  row,
  checkId,
  finding,
  editable,
  onSaved,
}: {
  row: EventRow;
  checkId: string;
  finding: SpotFinding | undefined;
  editable: boolean;
  onSaved: (check: SpotCheck) => void;
}) {
  const { api } = useConsole();
  const [verdict, setVerdict] = useState<string>(finding?.verdict ?? '');
  const [note, setNote] = useState(finding?.note ?? '');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  if (!editable) {
    return finding ? (
      <span>
        <span class={`badge verdict-${finding.verdict}`}>{VERDICT_LABELS[finding.verdict]}</span>{' '}
        {finding.note} <span class="quiet small">({finding.by})</span>
      </span>
    ) : (
      <span class="quiet">未审 None</span>
    );
  }
  const save = async (e: Event) => {
    e.preventDefault();
    setError('');
    setSaved('');
    const parsed = FindingBodySchema.safeParse({ index: row.index, verdict, note });
    if (!parsed.success) {
      setError('请选择结论 Choose a verdict');
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.addFinding(checkId, parsed.data));
      setSaved('已保存 Saved');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="finding" onSubmit={(e) => void save(e)} noValidate>
      <select
        aria-label={`第 ${row.index} 号的结论 Verdict for #${row.index}`}
        value={verdict}
        class={finding ? `verdict-${finding.verdict}` : undefined}
        onChange={(e) => setVerdict(e.currentTarget.value)}
      >
        <option value="">— 选择 choose —</option>
        {FindingVerdictSchema.options.map((v) => (
          <option key={v} value={v}>
            {VERDICT_LABELS[v]}
          </option>
        ))}
      </select>
      <input
        aria-label={`第 ${row.index} 号的备注 Note for #${row.index}`}
        placeholder="备注 Note"
        value={note}
        maxLength={2000}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button type="submit" class="secondary small" disabled={busy}>
        保存 Save<span class="sr-only"> #{row.index}</span>
      </button>
      {finding && !saved && <span class="quiet small">✓ {finding.by}</span>}
      {saved && <Status>{saved}</Status>}
      {error && (
        <span role="alert" class="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
