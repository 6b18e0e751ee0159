// Enrollment with the audit service (issue 6, R13): the server address (unless the administrator
// pinned it) and the one-time code; then the authenticator's QR code and secret, its first code,
// and the daily unlock. What the service says is shown as it says it.
import { useState } from 'preact/hooks';
import type { ActionAnswer, EnrollmentView, Governance } from '../../../shared/schema/popup';
import { groupSecret, qrDataUrl } from '../../lib/enrollment/qr';
import { clockTime, CodeForm } from '../../lib/unlock';

type Field = 'serverUrl' | 'code' | 'deviceLabel';

interface Props {
  view: EnrollmentView;
  enroll: (fields: Record<Field, string>) => Promise<ActionAnswer>;
  confirmTotp: (code: string) => Promise<ActionAnswer>;
  unlock: (code: string) => Promise<ActionAnswer>;
}

export function EnrollmentSection({ view, enroll, confirmTotp, unlock }: Props) {
  const [again, setAgain] = useState(false);
  const g = view.governance;
  return (
    <section aria-labelledby="enrollment-title">
      <h2 id="enrollment-title">登记与解锁 Enrollment and unlock</h2>
      {g && !again ? (
        <>
          <Enrolled governance={g} />
          {view.pendingTotp && (
            <TotpSetup
              secret={view.pendingTotp.secret}
              uri={view.pendingTotp.uri}
              confirm={confirmTotp}
            />
          )}
          {g.totpActive === false && !view.pendingTotp && (
            <p class="note" role="alert">
              验证器尚未注册，且其密钥已不在本机（浏览器已关闭）。The authenticator was not
              registered and its secret is gone (the browser was closed since): ask your
              administrator for a new enrollment code and enrol again.
            </p>
          )}
          {g.totpActive !== false && !view.pendingTotp && <Unlock governance={g} unlock={unlock} />}
          <div class="buttons">
            <button type="button" onClick={() => setAgain(true)}>
              重新登记 Enrol again
            </button>
          </div>
        </>
      ) : (
        <EnrollForm
          pins={view.pins}
          enroll={async (fields) => {
            const answer = await enroll(fields);
            if (answer.status === 'done') setAgain(false);
            return answer;
          }}
          {...(g ? { cancel: () => setAgain(false) } : {})}
        />
      )}
    </section>
  );
}

function Enrolled({ governance: g }: { governance: Governance }) {
  return (
    <>
      <dl class="facts" data-testid="enrollment">
        <dt>员工 Staff member</dt>
        <dd>
          {g.name} (<span data-testid="enrolled-staff-id">{g.staffId}</span>)
        </dd>
        <dt>审计服务 Audit service</dt>
        <dd>{g.serverUrl}</dd>
        <dt>登记时间 Enrolled</dt>
        <dd>{new Date(g.enrolledAt).toLocaleString()}</dd>
        <dt>角色 Roles</dt>
        <dd>
          {g.roles.length > 0 ? g.roles.join(', ') : '无（没有有效授权）none (no grant in force)'}
        </dd>
        <dt>签名策略 Signed policy</dt>
        <dd>
          {g.policyVersion ?? '尚无 none yet'}
          {g.policyAt !== null && ` · ${new Date(g.policyAt).toLocaleString()}`}
        </dd>
      </dl>
      {g.openCase && (
        <p class="problems" role="alert" data-testid="review-open">
          复核中，暂停查看，直至复核人员决定。Reveals are paused until a reviewer decides (case
          opened {new Date(g.openCase.openedAt).toLocaleString()}).
        </p>
      )}
      {g.policyProblem && (
        <p class="problems" data-testid="policy-problem">
          策略未更新 Policy not refreshed: {g.policyProblem}
        </p>
      )}
      {g.statusProblem && (
        <p class="problems" data-testid="status-problem">
          状态未更新 Status not refreshed: {g.statusProblem}
        </p>
      )}
    </>
  );
}

function TotpSetup({
  secret,
  uri,
  confirm,
}: {
  secret: string;
  uri: string;
  confirm: (code: string) => Promise<ActionAnswer>;
}) {
  return (
    <div class="totp" data-testid="totp-setup">
      <h3>注册验证器 Register your authenticator</h3>
      <p>
        用验证器应用（如 Google Authenticator、Microsoft Authenticator）扫描二维码，或手动输入密钥，
        然后输入它显示的 6 位数字。Scan the QR code with your authenticator app, or type the secret,
        then enter the 6-digit code it shows.
      </p>
      <div class="totp-row">
        <img
          src={qrDataUrl(uri)}
          alt="验证器二维码 QR code for your authenticator app"
          width={200}
          height={200}
        />
        <div>
          <p class="label">密钥 Secret</p>
          <code class="secret" data-testid="totp-secret">
            {groupSecret(secret)}
          </code>
          <CodeForm
            id="totp-confirm"
            label="第一个验证码 First code"
            button="确认 Confirm"
            submit={confirm}
          />
        </div>
      </div>
    </div>
  );
}

function Unlock({
  governance: g,
  unlock,
}: {
  governance: Governance;
  unlock: (code: string) => Promise<ActionAnswer>;
}) {
  if (g.unlockedUntil !== null) {
    return (
      <p class="status" data-testid="unlock-state" data-locked="false">
        已解锁至 Unlocked until {clockTime(g.unlockedUntil)}
      </p>
    );
  }
  return (
    <>
      <p class="note" data-testid="unlock-state" data-locked="true">
        已锁定：今日查看原文需先解锁。Locked: reveals need today's unlock with your authenticator
        code.
      </p>
      <CodeForm
        id="options-unlock"
        label="验证码 Authenticator code"
        button="解锁 Unlock"
        submit={unlock}
      />
    </>
  );
}

function EnrollForm({
  pins,
  enroll,
  cancel,
}: {
  pins: EnrollmentView['pins'];
  enroll: (fields: Record<Field, string>) => Promise<ActionAnswer>;
  cancel?: () => void;
}) {
  const [fields, setFields] = useState<Record<Field, string>>({
    serverUrl: pins.serverUrl ?? '',
    code: '',
    deviceLabel: `Chrome · ${navigator.platform || 'browser'}`,
  });
  const [error, setError] = useState<{ field?: Field; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await enroll(fields);
      if (answer.status === 'refused') {
        setError({ message: answer.message, ...(answer.field ? { field: answer.field } : {}) });
      }
    } catch (e) {
      setError({ message: `未能发送 Not sent: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  const input = (name: Field, label: string, extra: Record<string, string | boolean> = {}) => {
    const message = error?.field === name ? error.message : '';
    return (
      <div class="field">
        <label for={`enroll-${name}`}>{label}</label>
        <input
          id={`enroll-${name}`}
          value={fields[name]}
          autocomplete="off"
          aria-invalid={message !== ''}
          aria-describedby={`enroll-${name}-error`}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setFields((f) => ({ ...f, [name]: value }));
            setError(null);
          }}
          {...extra}
        />
        <p id={`enroll-${name}-error`} class="error">
          {message}
        </p>
      </div>
    );
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <p class="note">
        输入审计服务地址和管理员给你的登记码。Enter the audit service's address and the enrollment
        code your administrator gave you; this browser then reveals only what the service allows.
      </p>
      {input('serverUrl', '审计服务地址 Server URL', {
        placeholder: 'https://audit.example.com',
        ...(pins.serverUrl ? { readOnly: true } : {}),
      })}
      {pins.serverUrl && <p class="note">由管理员设置 Set by your administrator.</p>}
      <div class="row">
        {input('code', '登记码 Enrollment code', { placeholder: 'ENR-XXXX-XXXX-XXXX-XXXX' })}
        {input('deviceLabel', '设备名称 Device name', { placeholder: 'office laptop' })}
      </div>
      {error && !error.field && (
        <p class="problems" role="alert" data-testid="enroll-error">
          {error.message}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          登记 Enrol
        </button>
        {cancel && (
          <button type="button" onClick={cancel}>
            取消 Cancel
          </button>
        )}
      </div>
    </form>
  );
}
