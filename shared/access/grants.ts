// Which grants are in force (R14): a grant ends at its expiry without anyone remembering to end it.
import type { Grant } from '../schema/staff';

/**
 * The grants in force at `now` (ms since the epoch): granted already, not expired (the expiry
 * instant itself is outside), not revoked.
 *
 * @example
 *   activeGrants(grants, Date.now()).map((g) => g.role); // ['support']
 */
export function activeGrants(grants: readonly Grant[], now: number): Grant[] {
  return grants.filter(
    (g) => g.revokedAt === null && Date.parse(g.grantedAt) <= now && now < Date.parse(g.expiresAt),
  );
}

/**
 * The roles a staff member holds at `now`, each once, in grant order.
 *
 * @example
 *   rolesAt(grants, Date.now()); // ['support', 'sales']
 */
export function rolesAt(grants: readonly Grant[], now: number): string[] {
  return [...new Set(activeGrants(grants, now).map((g) => g.role))];
}
