// Customers' open deletion and copy requests (R6) with their due dates, overdue ones marked in
// words and colour; administrators move a request on (in progress, done, refused) with a note.
import { useState } from 'preact/hooks';
import type { DataRequestStatus, QueuedDataRequest } from '../api';
import { RequestStatusBodySchema } from '../../../shared/schema/console-records';
import { DataRequestStatusSchema } from '../api/answers';
import { useConsole } from '../app/context';
import { REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from '../app/labels';
import { errorText } from '../app/use-load';
import { Status } from '../components/notice';
import { formatInstant } from '../lib/days';

export function RequestsTable({
  requests,
  total,
  onChanged,
}: {
  requests: readonly QueuedDataRequest[];
  /** How many are open across pages (the list shows the first LIST_LIMIT). */
  total: number;
  onChanged: () => void;
}) {
  const { can } = useConsole();
  const admin = can('admin');
  const sorted = [...requests].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <div class="table-wrap">
      <table>
        <caption>
          {total} 件待处理 open · {requests.filter((r) => r.overdue).length} 件逾期 overdue
          {total > requests.length
            ? ` · 显示最早到期的 ${requests.length} 件 the ${requests.length} due first shown`
            : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">类型 Kind</th>
            <th scope="col">站点 Site</th>
            <th scope="col">客户 Subject</th>
            <th scope="col">提交 Received</th>
            <th scope="col">期限 Due</th>
            <th scope="col">状态 Status</th>
            {admin && <th scope="col">更改 Change</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr>
              <td colSpan={admin ? 7 : 6} class="quiet">
                没有待处理的请求 No open requests
              </td>
            </tr>
          )}
          {sorted.map((r) => (
            <tr key={r.id} class={r.overdue ? 'overdue' : undefined} data-request={r.id}>
              <td>{REQUEST_KIND_LABELS[r.kind]}</td>
              <td>{r.site}</td>
              <td class="mono small break">{r.subject}</td>
              <td class="nowrap">{formatInstant(r.createdAt)}</td>
              <td class="nowrap">
                {formatInstant(r.dueAt)}
                {r.overdue && <span class="badge danger">逾期 Overdue</span>}
              </td>
              <td>{REQUEST_STATUS_LABELS[r.status]}</td>
              {admin && (
                <td>
                  <StatusForm request={r} onChanged={onChanged} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusForm({ request, onChanged }: { request: QueuedDataRequest; onChanged: () => void }) {
  const { api } = useConsole();
  const [status, setStatus] = useState<DataRequestStatus>(request.status);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const what = `${REQUEST_KIND_LABELS[request.kind]} ${formatInstant(request.createdAt)}`;
  const save = async (e: Event) => {
    e.preventDefault();
    const body = RequestStatusBodySchema.safeParse({ status, note });
    if (!body.success) {
      setError(`请写明处理情况 Note: ${body.error.issues[0]?.message ?? 'say what was done'}`);
      return;
    }
    setError('');
    setSaved('');
    setBusy(true);
    try {
      await api.setRequestStatus(request.id, body.data);
      // The note is in the ledger now: an emptied field and a word say so, and a second click
      // does not record the same note twice.
      setNote('');
      setSaved(`已保存 Saved: ${REQUEST_STATUS_LABELS[body.data.status]}`);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="finding" onSubmit={(e) => void save(e)} noValidate>
      <select
        aria-label={`状态 Status: ${what}`}
        value={status}
        onChange={(e) => {
          const parsed = DataRequestStatusSchema.safeParse(e.currentTarget.value);
          if (parsed.success) setStatus(parsed.data);
        }}
      >
        {DataRequestStatusSchema.options.map((s) => (
          <option key={s} value={s}>
            {REQUEST_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <input
        aria-label={`备注 Note: ${what}`}
        placeholder="备注 Note"
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button type="submit" class="secondary small" disabled={busy}>
        保存 Save
      </button>
      {saved && <Status>{saved}</Status>}
      {error && (
        <span role="alert" class="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
