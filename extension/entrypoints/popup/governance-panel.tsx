// The popup's governance lines (issue 6): locked or unlocked (with the code field), a review case
// pausing reveals, and the last problem refreshing the status or the signed policy.
import type { ActionAnswer, Governance } from '../../../shared/schema/popup';
import { clockTime, CodeForm } from '../../lib/unlock';

interface Props {
  governance: Governance;
  unlock: (code: string) => Promise<ActionAnswer>;
}

export function GovernancePanel({ governance: g, unlock }: Props) {
  return (
    <section aria-labelledby="reveals-title">
      <h2 id="reveals-title">查看原文 Reveals</h2>
      {g.openCase && (
        <p class="warning" role="alert" data-testid="review-open">
          复核中，暂停查看，直至复核人员决定。Reveals paused until a reviewer decides (case opened{' '}
          {clockTime(Date.parse(g.openCase.openedAt))}).
        </p>
      )}
      {g.totpActive === false ? (
        <p class="quiet" data-testid="unlock-state" data-locked="true">
          尚未注册验证器 No authenticator registered yet: finish enrollment in Settings.
        </p>
      ) : g.unlockedUntil !== null ? (
        <p class="state protected" data-testid="unlock-state" data-locked="false">
          已解锁至 Unlocked until {clockTime(g.unlockedUntil)}
        </p>
      ) : (
        <>
          <p class="state paused" data-testid="unlock-state" data-locked="true">
            已锁定 Locked: reveals need today's unlock
          </p>
          <CodeForm
            id="popup-unlock"
            label="验证码 Authenticator code"
            button="解锁 Unlock"
            submit={unlock}
          />
        </>
      )}
      {g.policyProblem && (
        <p class="error" data-testid="policy-problem">
          策略未更新 Policy not refreshed: {g.policyProblem}
        </p>
      )}
      {g.statusProblem && (
        <p class="error" data-testid="status-problem">
          状态未更新 Status not refreshed: {g.statusProblem}
        </p>
      )}
    </section>
  );
}
