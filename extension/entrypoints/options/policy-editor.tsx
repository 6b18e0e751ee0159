// The staff policy as JSON, checked as the administrator types: problems listed by field path,
// Save disabled while any remain. Read-only when managed storage pins the policy, or when the
// browser is enrolled (the audit service's signed policy is then in force).
import { useState } from 'preact/hooks';
import type { PolicyState } from '../../../shared/schema';
import { EXAMPLE_POLICY_TEXT, POLICY_KEYS } from './example-policy';
import { policyPinned, policyTextProblems } from './form';

interface Props {
  state: PolicyState;
  /** The text the options page last saved. */
  saved: string;
  save: (text: string) => Promise<void>;
}

export function PolicyEditor({ state, saved, save }: Props) {
  const [text, setText] = useState(saved);
  const [note, setNote] = useState('');
  const problems = policyTextProblems(text);

  if (state.staff && !policyPinned(state)) {
    return (
      <section aria-labelledby="policy-title">
        <h2 id="policy-title">员工策略 Staff policy</h2>
        <p class="note" data-testid="server-policy-note">
          本机已登记，生效的是审计服务签发的策略，不能在此修改。This browser is enrolled: the policy
          the audit service signed is in force, and it cannot be changed here.
        </p>
        {state.source === 'server' && (
          <pre class="readonly" aria-label="审计服务策略 The audit service's policy">
            {JSON.stringify(state.policy, null, 2)}
          </pre>
        )}
      </section>
    );
  }

  if (policyPinned(state)) {
    return (
      <section aria-labelledby="policy-title">
        <h2 id="policy-title">员工策略 Staff policy</h2>
        <p class="note">
          此策略由管理员设置，不能在此修改。Your administrator set this policy (Chrome policy); it
          cannot be changed here.
        </p>
        {state.source === 'managed' && (
          <pre class="readonly" aria-label="管理员策略 Administrator's policy">
            {JSON.stringify(state.policy, null, 2)}
          </pre>
        )}
      </section>
    );
  }

  const onSave = async (event: Event) => {
    event.preventDefault();
    if (problems.length > 0) return;
    try {
      await save(text);
      setNote(text.trim() === '' ? '已删除策略 Policy removed.' : '已保存 Saved.');
    } catch (error) {
      setNote(`保存失败 Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">员工策略 Staff policy</h2>
      <form onSubmit={onSave}>
        <label for="policy-text">策略 JSON · Policy as JSON</label>
        <textarea
          id="policy-text"
          spellcheck={false}
          rows={18}
          value={text}
          aria-invalid={problems.length > 0}
          aria-describedby="policy-problems policy-help"
          onInput={(e) => {
            setText(e.currentTarget.value);
            setNote('');
          }}
        />
        <div id="policy-problems" aria-live="polite">
          {problems.length > 0 && (
            <ul class="problems" aria-label="策略中的问题 Problems in the policy">
              {problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="buttons">
          <button type="submit" class="primary" disabled={problems.length > 0 || text === saved}>
            保存 Save
          </button>
          <button
            type="button"
            onClick={() => {
              setText(EXAMPLE_POLICY_TEXT);
              setNote('');
            }}
          >
            载入示例 Load example
          </button>
          <span class="status" role="status">
            {note}
          </span>
        </div>
      </form>
      <details id="policy-help">
        <summary>字段说明 What the keys mean</summary>
        <dl class="keys">
          {POLICY_KEYS.map(([key, meaning]) => [<dt key={key}>{key}</dt>, <dd>{meaning}</dd>])}
        </dl>
        <p>
          清空并保存即删除策略：所有页面遮盖，不能查看原文。Saving an empty text removes the policy:
          every page is masked and nothing can be revealed.
        </p>
      </details>
    </section>
  );
}
