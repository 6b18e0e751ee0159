// Retention (R10): what is past its retention period, per kind, with the rule that made it due;
// administrators destroy a kind after confirming. Ledger entries are never destroyed (R17).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RetentionDue } from '../api';
import { useConsole } from '../app/context';
import { errorText, useLoad } from '../app/use-load';
import { ErrorNotice, Loading, Status } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';

export function RetentionPage() {
  const { api, can } = useConsole();
  const due = useLoad(() => api.retention(), []);
  const [done, setDone] = useState('');
  return (
    <>
      <PageTitle title="留存 Retention" />
      <p class="lead">
        超过留存期的数据排队销毁（R10）。Data past its retention period waits here for destruction
        (R10).
      </p>
      <p class="notice info" data-testid="ledger-note">
        审计日志不在此列：至少保存三年，任何人不得删除或修改（R17）。The audit ledger is never
        destroyed here: it is kept for at least three years and nobody may delete or change it
        (R17).
        {due.data && <span class="small block">{due.data.ledger}</span>}
      </p>
      {due.data && <p class="quiet small">检查时间 Checked {formatInstant(due.data.checkedAt)}</p>}
      {/* The server lists every kind, due or not: say so in words when none has anything due. */}
      {due.data && due.data.due.length > 0 && due.data.due.every((item) => item.count === 0) && (
        <p class="notice ok" data-testid="nothing-due">
          没有到期数据 Nothing is due for destruction now.
        </p>
      )}
      {done && <Status>{done}</Status>}
      <ErrorNotice message={due.error} />
      {due.loading && !due.data && <Loading what="retention" />}
      {due.data && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">到期待销毁 Due for destruction</caption>
            <thead>
              <tr>
                <th scope="col">类别 Kind</th>
                <th scope="col">规则 Rule</th>
                <th scope="col" class="num">
                  到期数量 Due
                </th>
                <th scope="col">最早 Oldest</th>
                {can('admin') && <th scope="col">操作 Action</th>}
              </tr>
            </thead>
            <tbody>
              {due.data.due.length === 0 && (
                <tr>
                  <td colSpan={5} class="quiet">
                    没有到期数据 Nothing is due
                  </td>
                </tr>
              )}
              {due.data.due.map((item) => (
                <tr key={item.kind} data-kind={item.kind}>
                  <th scope="row">
                    {item.what}
                    <span class="block quiet small mono">{item.kind}</span>
                  </th>
                  <td>{item.rule}</td>
                  <td class="num">{item.count}</td>
                  <td class="nowrap">{item.oldest ? formatInstant(item.oldest) : '—'}</td>
                  {can('admin') && (
                    <td>
                      <Destroy
                        item={item}
                        onDestroyed={(n) => {
                          setDone(
                            `已销毁 ${n} 项 Destroyed ${n} (${item.kind}); 已记入审计日志 recorded in the ledger`,
                          );
                          due.reload();
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Destroy, then a confirm step that names what goes: one click must never destroy data. */
function Destroy({ item, onDestroyed }: { item: RetentionDue; onDestroyed: (n: number) => void }) {
  const { api } = useConsole();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The confirm step replaces the button that had focus: put focus on its own button.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  if (item.count === 0) return <span class="quiet">—</span>;
  const destroy = async () => {
    setBusy(true);
    setError('');
    try {
      const { destroyed } = await api.destroy(item.kind);
      setConfirming(false);
      onDestroyed(destroyed);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (!confirming) {
    return (
      <button type="button" class="danger small" onClick={() => setConfirming(true)}>
        销毁 Destroy<span class="sr-only"> {item.kind}</span>
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-label={`确认销毁 Confirm destroying ${item.kind}`}>
      <p>
        永久销毁 {item.count} 项？Destroy {item.count} items for good? 不可撤销 This cannot be
        undone.
      </p>
      <button
        type="button"
        class="danger small"
        disabled={busy}
        ref={confirmButton}
        onClick={() => void destroy()}
      >
        确认销毁 Yes, destroy {item.count}
      </button>{' '}
      <button type="button" class="secondary small" onClick={() => setConfirming(false)}>
        取消 Cancel
      </button>
      {error && (
        <p role="alert" class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
