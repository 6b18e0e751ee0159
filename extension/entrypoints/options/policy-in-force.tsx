// The policy the extension applies now, as the background published it: source, version and,
// when a configured policy was refused, the problems that made it fail closed.
import type { PolicyState } from '../../../shared/schema';
import { SOURCE_LABELS } from '../../lib/popup/labels';

export function PolicyInForce({ state }: { state: PolicyState }) {
  const roles = Object.keys(state.policy.roles);
  return (
    <section aria-labelledby="in-force-title">
      <h2 id="in-force-title">生效的策略 Policy in force</h2>
      <dl class="facts">
        <dt>来源 Source</dt>
        <dd data-testid="policy-source" data-source={state.source}>
          {SOURCE_LABELS[state.source]}
        </dd>
        <dt>版本 Version</dt>
        <dd>{state.policy.version}</dd>
        <dt>角色 Roles</dt>
        <dd>{roles.length > 0 ? roles.join(', ') : '无 none'}</dd>
      </dl>
      {state.problems.length > 0 && (
        <div class="problems" role="alert">
          <p>
            配置的策略无效，已全部遮盖。The configured policy was refused, so every page is masked
            and nothing can be revealed:
          </p>
          <ul>
            {state.problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
