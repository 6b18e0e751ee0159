// Sign-in: name, password and the authenticator's 6-digit code (R13 for reviewers too). The
// shared schema checks the form before it is sent; the server says one thing whatever was wrong.
import { useEffect, useState } from 'preact/hooks';
import { SignInBodySchema, type ConsoleSession } from '../../../shared/schema/review';
import type { ConsoleApi } from '../api';
import { errorText } from '../app/use-load';
import { Field } from '../components/field';
import { ErrorNotice } from '../components/notice';

type FieldName = 'name' | 'password' | 'code';

export function SignIn({
  api,
  notice,
  onSignedIn,
}: {
  api: ConsoleApi;
  /** Why the console is here (the session ended), shown above the form. */
  notice: string;
  onSignedIn: (session: ConsoleSession) => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = '登录 Sign in · Custodian';
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    const parsed = SignInBodySchema.safeParse({ name, password, code });
    if (!parsed.success) {
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === 'name' || key === 'password' || key === 'code') && !found[key]) {
          found[key] = issue.message;
        }
      }
      setErrors(found);
      const first = (['name', 'password', 'code'] as const).find((k) => found[k]);
      if (first) document.getElementById(`sign-in-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onSignedIn(await api.signIn(parsed.data));
    } catch (err) {
      setError(errorText(err));
      setCode('');
      document.getElementById('sign-in-code')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>
        Custodian 审核台 <span lang="en">Review console</span>
      </h1>
      <p class="quiet">
        请使用复核员、审计员或管理员账号登录 Sign in with your reviewer, auditor or administrator
        account.
      </p>
      {notice && <p class="notice info">{notice}</p>}
      <ErrorNotice message={error} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="sign-in-name" label="用户名 Name" error={errors.name}>
          {(a) => (
            <input
              {...a}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellcheck={false}
              required
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="sign-in-password" label="密码 Password" error={errors.password}>
          {(a) => (
            <input
              {...a}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="sign-in-code"
          label="验证码 Authenticator code"
          hint="身份验证器 App 显示的 6 位数字 The 6 digits your authenticator app shows"
          error={errors.code}
        >
          {(a) => (
            <input
              {...a}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={7}
              required
              class="code"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? '登录中 Signing in…' : '登录 Sign in'}
        </button>
      </form>
    </main>
  );
}
