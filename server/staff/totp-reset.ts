// Withdrawing a staff member's authenticator (R13), for a lost or replaced phone: an admin resets
// it, and the staff member registers a new one through their next enrollment. A ledger entry.
//
// - Secrets pending on devices enrolled before the reset are dropped too: only an enrollment code
//   issued after it can register the new authenticator.
// - Unlocks given by the old authenticator end now, and its wrong-code count is forgotten.
import { StaffIdSchema } from '../../shared/schema/staff';
import { done, type Outcome } from '../consent/problems';
import { isoAt, record, type GovernanceContext } from './context';
import { unknownStaff } from './members';

/**
 * Resets the staff member's authenticator (`POST /v1/admin/staff/:staffId/totp/reset`,
 * `npm run staff -- totp-reset STAFF_ID`). Resetting one never registered is allowed (it also
 * voids pending secrets) and says so.
 *
 * @example
 *   resetStaffTotp(ctx, 'li.wei', 'CS-0420'); // { ok: true, value: { staffId: 'CS-0420', wasActive: true } }
 */
export function resetStaffTotp(
  ctx: GovernanceContext,
  by: string,
  staffId: string,
): Outcome<{ staffId: string; wasActive: boolean }> {
  return ctx.store.transaction(() => {
    if (!StaffIdSchema.safeParse(staffId).success || !ctx.store.staff(staffId)) {
      return unknownStaff<{ staffId: string; wasActive: boolean }>(staffId);
    }
    const wasActive = ctx.store.resetTotp(staffId);
    record(ctx, { kind: 'totp-reset', by, at: isoAt(ctx.now()), staffId });
    return done({ staffId, wasActive });
  });
}
