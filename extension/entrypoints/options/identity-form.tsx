// Who uses this browser: staff id and role, checked field by field before they are saved.
// Read-only when managed storage pins them, or when the browser is enrolled (the enrollment says
// who, the grants say which roles).
import { useState } from 'preact/hooks';
import type { PolicyState, StaffIdentity } from '../../../shared/schema';
import { checkIdentity } from './form';

interface Props {
  state: PolicyState;
  /** The identity the options page last saved. */
  saved: StaffIdentity | null;
  save: (identity: StaffIdentity) => Promise<void>;
}

export function IdentityForm({ state, saved, save }: Props) {
  const [staffId, setStaffId] = useState(saved?.staffId ?? '');
  const [role, setRole] = useState(saved?.role ?? '');
  const [tried, setTried] = useState(false);
  const [note, setNote] = useState('');
  const check = checkIdentity({ staffId, role });
  const errors = check.ok ? {} : check.errors;
  // Show a field's problem once something is typed in it, or after a save was tried.
  const shown = (field: 'staffId' | 'role', value: string) =>
    tried || value !== '' ? errors[field] : undefined;
  const roles = Object.keys(state.policy.roles);

  if (state.staff) {
    return (
      <section aria-labelledby="identity-title">
        <h2 id="identity-title">员工身份 Staff identity</h2>
        <p class="note">
          本机已登记，身份由登记决定，角色由授权决定。This browser is enrolled: the enrollment says
          who you are and your grants give your roles; the audit service's policy is in force.
        </p>
        <dl class="facts">
          <dt>工号 Staff id</dt>
          <dd>{state.staff.staffId}</dd>
          <dt>姓名 Name</dt>
          <dd>{state.staff.name}</dd>
          <dt>角色 Roles</dt>
          <dd>{state.staff.roles.length > 0 ? state.staff.roles.join(', ') : '无 none'}</dd>
        </dl>
      </section>
    );
  }

  if (state.identityManaged && state.identity) {
    return (
      <section aria-labelledby="identity-title">
        <h2 id="identity-title">员工身份 Staff identity</h2>
        <p class="note">
          由管理员设置，不能在此修改。Your administrator set the identity; it cannot be changed
          here.
        </p>
        <dl class="facts">
          <dt>工号 Staff id</dt>
          <dd>{state.identity.staffId}</dd>
          <dt>角色 Role</dt>
          <dd>{state.identity.role}</dd>
        </dl>
      </section>
    );
  }

  const onSave = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!check.ok) return;
    try {
      await save(check.identity);
      setNote('已保存 Saved.');
    } catch (error) {
      setNote(`保存失败 Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const field = (
    name: 'staffId' | 'role',
    label: string,
    value: string,
    set: (v: string) => void,
    extra: Record<string, string> = {},
  ) => {
    const error = shown(name, value);
    return (
      <div class="field">
        <label for={`identity-${name}`}>{label}</label>
        <input
          id={`identity-${name}`}
          value={value}
          autocomplete="off"
          aria-invalid={error !== undefined}
          aria-describedby={`identity-${name}-error`}
          onInput={(e) => {
            set(e.currentTarget.value);
            setNote('');
          }}
          {...extra}
        />
        <p id={`identity-${name}-error`} class="error">
          {error}
        </p>
      </div>
    );
  };

  return (
    <section aria-labelledby="identity-title">
      <h2 id="identity-title">员工身份 Staff identity</h2>
      <form onSubmit={onSave} noValidate>
        <div class="row">
          {field('staffId', '工号 Staff id', staffId, setStaffId, { placeholder: 'CS-0420' })}
          {field('role', '角色 Role', role, setRole, {
            list: 'policy-roles',
            placeholder: 'support',
          })}
        </div>
        <datalist id="policy-roles">
          {roles.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {check.ok && !Object.hasOwn(state.policy.roles, check.identity.role) && (
          <p class="note">
            生效的策略中没有此角色，无法查看原文。Role "{check.identity.role}" is not in policy{' '}
            {state.policy.version}, so it cannot reveal anything.
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary">
            保存身份 Save identity
          </button>
          <span class="status" role="status">
            {note}
          </span>
        </div>
      </form>
    </section>
  );
}
