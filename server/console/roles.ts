// Who may do what in the review console (issue 7): auditors read, reviewers decide, admins manage.
// The session middleware (session/middleware.ts) puts the signed-in operator on the request; routes state
// the least role they need with `requireRole`.
import type { MiddlewareHandler } from 'hono';
import type { OperatorRole } from '../../shared/schema/staff';
import { AppError } from '../app/errors';

/** The signed-in operator, as the session middleware sets it. */
export interface ConsoleOperator {
  name: string;
  role: OperatorRole;
}

/** Hono environment of every console route. */
export interface ConsoleEnv {
  Variables: { operator: ConsoleOperator };
}

const RANK: Record<OperatorRole, number> = { auditor: 0, reviewer: 1, admin: 2 };

/** Whether `role` may do what `least` may: each role may do everything of the roles below it. */
export const roleAtLeast = (role: OperatorRole, least: OperatorRole): boolean =>
  RANK[role] >= RANK[least];

/**
 * Refuses (403) an operator below `least`. Mount after the session middleware.
 *
 * @example
 *   routes.post('/spot-checks', requireRole('reviewer'), handler);
 */
export function requireRole(least: OperatorRole): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const operator = c.get('operator');
    if (!roleAtLeast(operator.role, least)) {
      throw new AppError(
        403,
        'forbidden',
        `Signed in as ${operator.name} (${operator.role}); this needs the ${least} role or higher. Ask an administrator.`,
      );
    }
    await next();
  };
}
