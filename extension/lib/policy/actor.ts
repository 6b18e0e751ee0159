// Who acts, as events record it, and whether they may pause: from the enrollment when the browser
// is enrolled (roles from grants in force, possibly several), else from the configured identity.
import { roleOf } from '../../../shared/policy';
import type { PolicyState } from '../../../shared/schema';

/** Longest `role` an event holds (StaffEvent schema). */
const MAX_ROLE_LENGTH = 40;

/**
 * The staff id and role(s) events record. Several roles are joined with commas (an auditor sees
 * every role the person held); none gives null.
 *
 * @example
 *   actorOf(state); // { staffId: 'CS-0420', role: 'support,sales' }
 */
export function actorOf(state: PolicyState): { staffId: string | null; role: string | null } {
  if (state.staff) {
    const joined = state.staff.roles.join(',');
    // Cut at a comma: a role name is never shown half.
    const role =
      joined.length <= MAX_ROLE_LENGTH
        ? joined
        : joined.slice(0, joined.lastIndexOf(',', MAX_ROLE_LENGTH)) ||
          joined.slice(0, MAX_ROLE_LENGTH);
    return { staffId: state.staff.staffId, role: role || null };
  }
  return { staffId: state.identity?.staffId ?? null, role: state.identity?.role ?? null };
}

/**
 * Whether any role of the person may pause protection under the policy in force.
 *
 * @example
 *   mayPauseNow(state); // true when a role in force has `mayPause`
 */
export function mayPauseNow(state: PolicyState): boolean {
  const roles = state.staff ? state.staff.roles : state.identity ? [state.identity.role] : [];
  return roles.some((role) => roleOf(state.policy, role)?.mayPause ?? false);
}
