// Operators of the admin API (issue 6): a name, a role (auditors read, reviewers decide, admins
// manage) and a bearer token `cop_…` shown once and stored as a hash. Created by the command line
// only, so the first admin needs a shell on the server, not a default password.
import {
  OperatorNameSchema,
  OperatorRoleSchema,
  type OperatorRole,
} from '../../shared/schema/staff';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import { CLI_OPERATOR } from './config';
import { newToken, secretHash, type GovernanceContext } from './context';
import type { OperatorRow } from './store';

const TOKEN_PREFIX = 'cop_';
const TOKEN = /^cop_[A-Za-z0-9_-]{43}$/;

/**
 * Adds an operator; the token in the answer is the only copy.
 *
 * @example
 *   addOperator(ctx, 'li.wei', 'admin'); // { ok: true, value: { name: 'li.wei', role: 'admin', token: 'cop_…' } }
 */
export function addOperator(
  ctx: GovernanceContext,
  name: string,
  role: string,
): Outcome<OperatorRow & { token: string }> {
  const parsedName = OperatorNameSchema.safeParse(name);
  if (!parsedName.success) {
    return refuse(400, 'bad_request', `The operator name ${issuesText(parsedName.error.issues)}.`);
  }
  const parsedRole = OperatorRoleSchema.safeParse(role);
  if (!parsedRole.success) {
    return refuse(400, 'bad_request', 'The role must be one of admin, reviewer or auditor.');
  }
  if (parsedName.data === CLI_OPERATOR) {
    return refuse(
      400,
      'bad_request',
      `"${CLI_OPERATOR}" names what the command line does in the ledger; choose another name.`,
    );
  }
  if (ctx.store.operator(parsedName.data)) {
    return refuse(
      409,
      'operator-exists',
      `An operator "${parsedName.data}" exists already; choose another name.`,
    );
  }
  const token = newToken(TOKEN_PREFIX);
  ctx.store.insertOperator(parsedName.data, parsedRole.data, secretHash(token), ctx.now());
  return done({ name: parsedName.data, role: parsedRole.data, token });
}

/**
 * The operator an `Authorization: Bearer cop_…` header names, if their role is among `roles`:
 * 401 without a header or with an unknown token, 403 for a role that may not do this.
 *
 * @example
 *   authenticateOperator(ctx, 'Bearer cop_…', ['admin']); // { ok: true, value: { name, role } }
 */
export function authenticateOperator(
  ctx: GovernanceContext,
  authorization: string | undefined,
  roles: readonly OperatorRole[],
): Outcome<OperatorRow> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const operator =
    token && TOKEN.test(token) ? ctx.store.operatorByToken(secretHash(token)) : undefined;
  if (!operator) {
    return refuse(
      401,
      'unauthorized',
      token
        ? 'The operator token is unknown. Ask an administrator for one: npm run staff -- operator add NAME --role ROLE.'
        : 'Send an operator token as "Authorization: Bearer cop_…" (npm run staff -- operator add NAME --role ROLE prints one).',
    );
  }
  if (!roles.includes(operator.role)) {
    return refuse(
      403,
      'forbidden',
      `Operator "${operator.name}" is ${article(operator.role)} ${operator.role}; this needs ${roles
        .map((r) => `${article(r)} ${r}`)
        .join(' or ')}.`,
    );
  }
  return done(operator);
}

const article = (role: string) => (/^[aeiou]/.test(role) ? 'an' : 'a');

/** Whether any operator exists (the server's start-up says how to create the first). */
export const hasOperators = (ctx: GovernanceContext): boolean => ctx.store.operatorCount() > 0;
