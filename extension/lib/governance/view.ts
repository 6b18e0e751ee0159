// What the popup and the options page show of an enrolled browser's governance (pure): put
// together from the enrollment, the cached status and the kept signed policy.
import { rolesAt } from '../../../shared/access';
import type { Governance } from '../../../shared/schema/popup';
import type { EnrollmentRecord } from '../enrollment/record';
import type { ServerPolicyRecord } from '../server-policy/store';
import { unlockedUntil, type StatusCache } from '../staff-status/cache';

/**
 * @example
 *   governanceView(enrollment, statusCache, policyRecord, Date.now()).unlockedUntil; // ms or null
 */
export function governanceView(
  enrollment: EnrollmentRecord,
  cache: StatusCache,
  policy: ServerPolicyRecord,
  now: number,
): Governance {
  // A status cached for an earlier enrollment says nothing about this one.
  const status = cache.status?.staffId === enrollment.staffId ? cache.status : null;
  return {
    staffId: enrollment.staffId,
    name: enrollment.name,
    serverUrl: enrollment.serverUrl,
    enrolledAt: enrollment.enrolledAt,
    roles: status ? rolesAt(status.grants, now) : [],
    totpActive: status ? status.totpActive : null,
    unlockedUntil: unlockedUntil(status, now),
    openCase: status?.openCase
      ? { caseId: status.openCase.caseId, openedAt: status.openCase.openedAt }
      : null,
    statusAt: status ? cache.fetchedAt : null,
    statusProblem: cache.problem,
    policyVersion: policy.kept?.version ?? null,
    policyAt: policy.kept?.fetchedAt ?? null,
    policyProblem: policy.problem,
  };
}

/**
 * Why pausing protection is not possible now on an enrolled browser, or null: a pause shows
 * every value, so it needs an unlocked session and no open review case, as a reveal does.
 *
 * @example
 *   pauseBlockedBy(view); // 'Unlock reveals first …' or null
 */
export function pauseBlockedBy(view: Governance | null): string | null {
  if (!view) return null;
  if (view.openCase) {
    return '复核中，不能暂停保护。A reviewer is looking at your activity; protection cannot be paused until the case is decided.';
  }
  if (view.unlockedUntil === null) {
    return '请先解锁。Unlock reveals with your authenticator code first (popup or options page); pausing shows every value.';
  }
  return null;
}
