// What a staff member may do now, as the extension asks it (`GET /v1/staff/status`): grants in force,
// whether this device is unlocked, the case blocking reveals, recent approvals for the extension's
// own rule check, and the policy version so it knows when to fetch the policy again.
import { activeGrants } from '../../shared/access';
import type { StaffStatus } from '../../shared/schema';
import { APPROVALS_MS } from './config';
import { isoAt, type GovernanceContext } from './context';
import type { StaffDevice } from './enrollment';
import { currentPolicy } from './policy';

/**
 * @example
 *   staffStatus(ctx, who);
 *   // { staffId: 'CS-0420', name: '王芳', totpActive: true, unlockedUntil: null, grants: [...],
 *   //   openCase: null, approvals: [], policyVersion: '2026-11-01' }
 */
export function staffStatus(ctx: GovernanceContext, who: StaffDevice): StaffStatus {
  const now = ctx.now();
  const { staffId } = who.staff;
  const until = ctx.store.unlockedUntil(who.device.id);
  return {
    staffId,
    name: who.staff.name,
    totpActive: ctx.store.totp(staffId) !== undefined,
    unlockedUntil: until !== null && now < until ? isoAt(until) : null,
    grants: activeGrants(ctx.store.grantsOf(staffId), now),
    openCase: ctx.store.openCase(staffId),
    approvals: ctx.store
      .casesSince(staffId, now - APPROVALS_MS)
      .filter((c) => c.status === 'approved'),
    policyVersion: currentPolicy(ctx)?.signed.version ?? null,
  };
}
