// Popup: what protects the active tab (state, masked values by type), today's reveals, who is
// signed in under which policy, the queue, and the pause switch when the role may pause; on an
// enrolled browser also locked/unlocked (with the code field) and a review case (issue 6).
// Everything comes from the background (lib/popup); `?tabId=N` picks the tab (for tests).
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PiiTypeSchema } from '../../../shared/schema';
import {
  ActionAnswerSchema,
  PopupStatusSchema,
  SetPauseAnswerSchema,
  type PopupStatus,
} from '../../../shared/schema/popup';
import { messenger } from '../../lib/messaging';
import { PROTECTION_LABELS, SOURCE_LABELS, TYPE_LABELS } from '../../lib/popup/labels';
import { GovernancePanel } from './governance-panel';

/** Storage changes (counts, pause, policy) come in bursts: refresh once per burst. */
const REFRESH_DELAY_MS = 100;

async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) return /^\d+$/.test(param) ? Number(param) : null;
  // No "tabs" permission is needed for the id; the URL stays hidden, as it should.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function Counts({ counts }: { counts: PopupStatus['counts'] }) {
  const rows = PiiTypeSchema.options
    .map((type) => ({ type, n: counts[type] ?? 0 }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => b.n - a.n);
  if (rows.length === 0) return <p class="quiet">未发现客户信息 No customer information found</p>;
  return (
    <table aria-labelledby="counts-title">
      <tbody>
        {rows.map(({ type, n }) => (
          <tr key={type} data-type={type}>
            <th scope="row">{TYPE_LABELS[type]}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Popup() {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [status, setStatus] = useState<PopupStatus | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async (id: number) => {
    try {
      const answer = await messenger.sendMessage('popupToBackground', {
        type: 'popup-status',
        tabId: id,
      });
      setStatus(PopupStatusSchema.parse(answer));
    } catch (e) {
      setError(`无法读取状态 Status unavailable: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  useEffect(() => {
    void targetTabId().then(setTabId);
  }, []);
  useEffect(() => {
    if (tabId === undefined || tabId === null) return;
    void refresh(tabId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChanged = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(tabId), REFRESH_DELAY_MS);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId, refresh]);

  if (tabId === null) return <p class="quiet">没有可显示的标签页 No tab to show</p>;
  if (!status) return <p class="quiet">{error || '载入中 Loading…'}</p>;

  const paused = status.protection === 'paused';
  const togglePause = async () => {
    if (tabId === undefined) return;
    setBusy(true);
    setError('');
    try {
      const answer = SetPauseAnswerSchema.parse(
        await messenger.sendMessage('popupToBackground', {
          type: 'set-pause',
          tabId,
          paused: !paused,
        }),
      );
      if (answer.status === 'refused') setError(answer.why);
      await refresh(tabId);
    } catch (e) {
      setError(`未能切换 Not changed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const unlock = async (code: string) =>
    ActionAnswerSchema.parse(
      await messenger.sendMessage('popupToBackground', { type: 'unlock', code }),
    );
  const g = status.governance;

  return (
    <>
      <header>
        <h1>Custodian</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          设置 Settings
        </button>
      </header>
      <p class={`state ${status.protection}`} data-testid="protection" role="status">
        {PROTECTION_LABELS[status.protection]}
      </p>
      {g && <GovernancePanel governance={g} unlock={unlock} />}
      {(status.mayPause || paused) && status.protection !== 'unprotected' && (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={paused}
            disabled={busy}
            onChange={() => void togglePause()}
          />
          <span>暂停此页保护 Pause protection on this tab</span>
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {status.protection !== 'unprotected' && (
        <>
          <h2 id="counts-title">本页已遮盖 Masked on this page</h2>
          {paused ? (
            <p class="quiet">已暂停：本页显示原文 Paused: this tab shows values unmasked</p>
          ) : (
            <Counts counts={status.counts} />
          )}
        </>
      )}
      <dl class="facts">
        <dt>今日查看 Reveals today</dt>
        <dd data-testid="reveals-today">{status.revealsToday}</dd>
        <dt>员工 Staff</dt>
        <dd data-testid="identity">
          {g ? (
            <>
              {g.name} · <span data-testid="staff-id">{g.staffId}</span>
              <br />
              <span data-testid="role">
                {g.roles.length > 0 ? g.roles.join(', ') : '无角色 no role'}
              </span>
            </>
          ) : status.identity ? (
            <>
              <span data-testid="staff-id">{status.identity.staffId}</span> ·{' '}
              <span data-testid="role">{status.identity.role}</span>
            </>
          ) : (
            '未登记 Not enrolled'
          )}
        </dd>
        <dt>策略 Policy</dt>
        <dd data-testid="policy">
          {status.policyVersion}
          <br />
          <span class="quiet">{SOURCE_LABELS[status.policySource]}</span>
          {status.policyProblems > 0 && (
            <span class="error"> · {status.policyProblems} 个问题 problems (see Settings)</span>
          )}
        </dd>
        <dt>待上传 Queued events</dt>
        <dd data-testid="queue-length">{status.queueLength}</dd>
        <dt>上次同步 Last sync</dt>
        <dd data-testid="last-sync">
          {!status.sync.configured
            ? '未配置 Not set up'
            : status.sync.lastSuccessAt
              ? new Date(status.sync.lastSuccessAt).toLocaleString()
              : '从未 Never'}
        </dd>
        {status.sync.deadLetters > 0 && (
          <>
            <dt>被拒事件 Rejected events</dt>
            <dd data-testid="dead-letters">{status.sync.deadLetters}</dd>
          </>
        )}
      </dl>
      {status.sync.warn && (
        <p class="warning" role="alert" data-testid="sync-warning">
          同步已失败超过一小时，记录仍保存在本机。Syncing has failed for over an hour; events are
          kept on this computer. {status.sync.lastError}
        </p>
      )}
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
