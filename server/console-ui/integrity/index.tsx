// Integrity (R17): whether the ledger verifies (or the first bad entry), the latest signed
// checkpoint, the public key, the export to download, and the commands that check it all offline,
// so an auditor need not trust this console. Administrators can rerun the verification.
import { useState } from 'preact/hooks';
import { ledgerExportUrl } from '../api';
import { useConsole } from '../app/context';
import { errorText, useLoad } from '../app/use-load';
import { CopyCode } from '../components/copy-code';
import { ErrorNotice, Loading, Status } from '../components/notice';
import { PageTitle } from '../components/page-title';
import { formatInstant } from '../lib/days';

export function IntegrityPage() {
  const { api, can } = useConsole();
  const info = useLoad(() => api.integrity(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const data = info.data;

  const rerun = async () => {
    setBusy(true);
    setError('');
    setDone('');
    try {
      await api.rerunVerify();
      info.reload();
      setDone('已重新校验 Verified again');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title="完整性 Integrity" />
      <p class="lead">
        审计日志只追加、成链并定期签名（R17）。The ledger is append-only, hash-chained and signed at
        checkpoints (R17): anyone can check it offline with the commands below.
      </p>
      <ErrorNotice message={info.error} />
      {info.loading && !data && <Loading what="integrity" />}
      {data && (
        <>
          <section aria-labelledby="verify-title">
            <h2 id="verify-title">校验结果 Verification</h2>
            {data.verify.ok ? (
              <p class="notice ok" data-testid="verify-state">
                ✓ 完整 Intact: {data.verify.size} 条记录 entries, {data.verify.checkpoints}{' '}
                个签名检查点 signed checkpoints match.
              </p>
            ) : (
              <p class="notice danger" data-testid="verify-state">
                ✗ 损坏 Broken at entry #{data.verify.index}: {data.verify.reason}
              </p>
            )}
            <dl class="facts wide">
              <div>
                <dt>校验时间 Checked</dt>
                <dd>{formatInstant(data.verify.checkedAt)}</dd>
              </div>
              <div>
                <dt>日志大小 Size</dt>
                <dd>{data.size} 条 entries</dd>
              </div>
              {data.verify.ok && (data.verify.pruned ?? 0) > 0 && (
                <div>
                  <dt>过保留期 Past retention</dt>
                  <dd data-testid="verify-pruned">
                    {data.verify.pruned} 条仅存哈希 entries kept as hashes only (payload removed,
                    tree and checkpoints still checked)
                  </dd>
                </div>
              )}
              {data.verify.ok && (
                <div>
                  <dt>根哈希 Root</dt>
                  <dd class="mono break">{data.verify.root}</dd>
                </div>
              )}
            </dl>
            {can('admin') && (
              <p>
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={() => void rerun()}
                >
                  {busy ? '校验中 Verifying…' : '重新校验 Verify again'}
                </button>
              </p>
            )}
            {done && <Status>{done}</Status>}
            <ErrorNotice message={error} />
          </section>
          <section aria-labelledby="checkpoint-title">
            <h2 id="checkpoint-title">最新检查点 Latest checkpoint</h2>
            {data.checkpoint ? (
              <>
                <dl class="facts wide">
                  <div>
                    <dt>来源 Origin</dt>
                    <dd class="mono">{data.checkpoint.origin}</dd>
                  </div>
                  <div>
                    <dt>覆盖 Covers</dt>
                    <dd>{data.checkpoint.size} 条 entries</dd>
                  </div>
                  <div>
                    <dt>根哈希 Root</dt>
                    <dd class="mono break">{data.checkpoint.root}</dd>
                  </div>
                </dl>
                <h3>签名检查点 Signed note</h3>
                <CopyCode code={data.checkpoint.note} label="签名检查点 Checkpoint note" />
              </>
            ) : (
              <p class="quiet">尚无检查点 No checkpoint yet.</p>
            )}
          </section>
          <section aria-labelledby="key-title">
            <h2 id="key-title">公钥 Public key</h2>
            <CopyCode code={data.publicKey} label="公钥 Public key" />
          </section>
          <section aria-labelledby="export-title">
            <h2 id="export-title">导出与离线校验 Export and verify offline</h2>
            <p>
              <a class="button" href={ledgerExportUrl} download>
                下载日志导出 Download the ledger export
              </a>{' '}
              <span class="quiet small">
                下载会记入审计日志 The download is recorded in the ledger.
              </span>
            </p>
            <ol class="commands">
              {data.commands.map((command, i) => (
                <li key={i}>
                  <CopyCode code={command} label={`命令 Command ${i + 1}`} />
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
