// Operators of the admin API and the review console (issues 6 and 7): a name, a role (auditors
// read, reviewers decide, admins manage), a bearer token `cop_…` for the API, and for the console
// a password and an authenticator (R13 applies to reviewers too). Secrets are shown once and
// stored as hashes, the authenticator's sealed. Created by the command line only, so the first
// admin needs a shell on the server, not a default password.
//
// Console sign-in:
// - Every attempt counts as failed until it succeeds: it is counted before the slow password
//   check, so parallel guesses cannot slip past the limit while their hashes are computed.
// - MAX_FAILED_SIGN_INS failures for a name within SIGN_IN_LOCK_WINDOW_MS lock that name until the
//   oldest leaves the window; the failure that reaches the limit is answered with the lock.
// - One refusal whatever was wrong (unknown name, password, code, replayed code): a guesser learns
//   nothing, and an unknown name costs as long as a known one (password.ts).
import {
  OperatorNameSchema,
  OperatorRoleSchema,
  type OperatorRole,
} from '../../shared/schema/staff';
import { SignInBodySchema } from '../../shared/schema/review';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import { CLI_OPERATOR, MAX_FAILED_SIGN_INS, SIGN_IN_LOCK_WINDOW_MS } from './config';
import { isoAt, newToken, record, secretHash, type GovernanceContext } from './context';
import { newPassword, type PasswordHasher } from './password';
import type { OperatorRow } from './store';
import { checkTotp, generateTotpSecret, totpUri } from './totp';

const TOKEN_PREFIX = 'cop_';
const TOKEN = /^cop_[A-Za-z0-9_-]{43}$/;

/** An authenticator secret for an operator, as the command line prints it once. */
export interface OperatorTotp {
  /** Base32, for typing into the app. */
  secret: string;
  /** `otpauth://totp/Custodian:NAME?…`, for a QR code. */
  uri: string;
}

/** A new operator's credentials, each shown only now. */
export type AddedOperator = OperatorRow & { token: string; password: string; totp: OperatorTotp };

/** The sealed secret's context: distinct from staff members' (`totp:`), so neither opens as the other. */
const operatorTotpContext = (name: string): string => `operator-totp:${name}`;

/** A fresh authenticator secret for `name`, and its sealed form. */
function issueTotp(ctx: GovernanceContext, name: string): { totp: OperatorTotp; sealed: string } {
  const secret = generateTotpSecret();
  const uri = totpUri(secret, name);
  // Operator names never hold a ":" (OperatorNameSchema), the one label totpUri refuses.
  if (!uri.ok) throw new Error(uri.error);
  return {
    totp: { secret, uri: uri.value },
    sealed: ctx.box.seal(secret, operatorTotpContext(name)),
  };
}

/**
 * Adds an operator with an API token, a console password and an authenticator secret; the answer
 * holds the only copies. A ledger entry names the operator and role, never a secret.
 *
 * @example
 *   addOperator(ctx, passwords, 'li.wei', 'admin');
 *   // { ok: true, value: { name: 'li.wei', role: 'admin', token: 'cop_…', password: '…', totp: { secret, uri } } }
 */
export function addOperator(
  ctx: GovernanceContext,
  passwords: PasswordHasher,
  name: string,
  role: string,
  by: string = CLI_OPERATOR,
): Outcome<AddedOperator> {
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
  const operator = { name: parsedName.data, role: parsedRole.data };
  const token = newToken(TOKEN_PREFIX);
  const password = newPassword();
  // Hashed before the transaction: the store is not held while scrypt runs.
  const passwordHash = passwords.hash(password);
  const { totp, sealed } = issueTotp(ctx, operator.name);
  return ctx.store.transaction(() => {
    if (ctx.store.operator(operator.name)) {
      return refuse<AddedOperator>(
        409,
        'operator-exists',
        `An operator "${operator.name}" exists already; choose another name.`,
      );
    }
    const now = ctx.now();
    ctx.store.insertOperator(operator.name, operator.role, secretHash(token), now);
    ctx.store.setOperatorPassword(operator.name, passwordHash);
    ctx.store.setOperatorTotp(operator.name, sealed);
    record(ctx, { kind: 'operator-added', by, at: isoAt(now), ...operator });
    return done({ ...operator, token, password, totp });
  });
}

const unknownOperator = <T>(name: string): Outcome<T> =>
  refuse(
    404,
    'unknown-operator',
    `No operator "${OperatorNameSchema.safeParse(name).success ? name : '(not a valid name)'}". Add one: npm run staff -- operator add NAME --role ROLE.`,
  );

/**
 * Gives an operator a new random console password (printed once); their console sessions end and
 * their failed sign-ins are forgotten, so an operator locked out can sign in at once.
 *
 * @example
 *   resetOperatorPassword(ctx, passwords, 'li.wei'); // { ok: true, value: { password: '…' } }
 */
export function resetOperatorPassword(
  ctx: GovernanceContext,
  passwords: PasswordHasher,
  name: string,
  by: string = CLI_OPERATOR,
): Outcome<{ password: string }> {
  const password = newPassword();
  const passwordHash = passwords.hash(password);
  return resetCredential(ctx, name, by, 'password', () => {
    ctx.store.setOperatorPassword(name, passwordHash);
    return { password };
  });
}

/**
 * Gives an operator a new authenticator secret (printed once): the old phone's codes stop working
 * and their console sessions end.
 *
 * @example
 *   resetOperatorTotp(ctx, 'li.wei'); // { ok: true, value: { secret: 'JBSW…', uri: 'otpauth://totp/…' } }
 */
export function resetOperatorTotp(
  ctx: GovernanceContext,
  name: string,
  by: string = CLI_OPERATOR,
): Outcome<OperatorTotp> {
  if (!OperatorNameSchema.safeParse(name).success) return unknownOperator(name);
  const { totp, sealed } = issueTotp(ctx, name);
  return resetCredential(ctx, name, by, 'totp', () => {
    ctx.store.setOperatorTotp(name, sealed);
    return totp;
  });
}

/**
 * One credential reset, in one transaction: `set` stores the new credential, then the operator's
 * sessions end, their failed sign-ins are forgotten and the reset is a ledger entry.
 */
function resetCredential<T>(
  ctx: GovernanceContext,
  name: string,
  by: string,
  what: 'password' | 'totp',
  set: () => T,
): Outcome<T> {
  return ctx.store.transaction(() => {
    if (!ctx.store.operator(name)) return unknownOperator<T>(name);
    const value = set();
    ctx.store.deleteSessionsOf(name);
    ctx.store.clearSignInFailures(name);
    record(ctx, { kind: 'operator-credentials-reset', by, at: isoAt(ctx.now()), name, what });
    return done(value);
  });
}

/** A console sign-in's outcome, and the name whose credentials were checked and found wrong (a
 * failure the console records), else null: a locked name's attempts are refused unchecked. */
export interface SignInResult {
  outcome: Outcome<OperatorRow>;
  failedName: string | null;
}

const SIGN_IN_FAILED =
  'The name, password or authenticator code is not right. Check them and try again with the code your app shows now ' +
  `(a code works once); after ${MAX_FAILED_SIGN_INS} failures within 15 minutes, sign-in for this name pauses for 15 minutes.`;

/**
 * Checks a console sign-in (`POST /admin/api/session`): name, password and a TOTP code not used
 * before. 400 for a body that is not a sign-in, 401 `sign-in-failed`, 429 `sign-in-locked` with
 * Retry-After.
 *
 * @example
 *   const { outcome } = await signInOperator(ctx, passwords, { name: 'li.wei', password, code: '287082' });
 *   // outcome: { ok: true, value: { name: 'li.wei', role: 'admin' } }
 */
export async function signInOperator(
  ctx: GovernanceContext,
  passwords: PasswordHasher,
  input: unknown,
): Promise<SignInResult> {
  const body = SignInBodySchema.safeParse(input);
  if (!body.success) {
    return {
      outcome: refuse(
        400,
        'bad_request',
        `Send {"name": "li.wei", "password": "…", "code": "123456"} (${issuesText(body.error.issues)}).`,
      ),
      failedName: null,
    };
  }
  const { name, password, code } = body.data;
  const locked = (oldest: number, now: number): Outcome<OperatorRow> => {
    const seconds = Math.max(1, Math.ceil((oldest + SIGN_IN_LOCK_WINDOW_MS - now) / 1000));
    return refuse(
      429,
      'sign-in-locked',
      `${MAX_FAILED_SIGN_INS} sign-ins for "${name}" failed within 15 minutes, so sign-in for this name is paused. ` +
        `Try again in ${Math.ceil(seconds / 60)} minutes, or ask an administrator to reset your password (npm run staff -- operator password NAME).`,
      seconds,
    );
  };

  const refused = ctx.store.transaction((): Outcome<OperatorRow> | null => {
    const now = ctx.now();
    const since = now - SIGN_IN_LOCK_WINDOW_MS;
    const before = ctx.store.signInFailuresSince(name, since);
    if (before.count >= MAX_FAILED_SIGN_INS) return locked(before.oldest ?? now, now);
    ctx.store.purgeSignInFailures(since);
    ctx.store.addSignInFailure(name, now);
    return null;
  });
  if (refused) return { outcome: refused, failedName: null };

  const stored = ctx.store.operatorCredentials(name);
  const passwordOk = await passwords.verify(password, stored?.passwordHash ?? null);

  return ctx.store.transaction((): SignInResult => {
    const now = ctx.now();
    const row = ctx.store.operatorCredentials(name);
    let accepted: { step: number } | undefined;
    if (passwordOk && row?.totpSealed && row.passwordHash === stored?.passwordHash) {
      let secret: string;
      try {
        secret = ctx.box.unseal(row.totpSealed, operatorTotpContext(name));
      } catch (cause) {
        throw new Error(
          `The authenticator secret of operator ${name} does not open with the governance key: restore the governance-key file, or issue a new one: npm run staff -- operator totp ${name}.`,
          { cause },
        );
      }
      const checked = checkTotp(secret, code, now, row.totpLastStep);
      if (checked.ok) accepted = checked;
      else if (checked.reason === 'bad-secret' || checked.reason === 'bad-time') {
        throw new Error(checked.message);
      }
    }
    if (accepted && row) {
      ctx.store.setOperatorTotpStep(name, accepted.step);
      ctx.store.clearSignInFailures(name);
      return { outcome: done({ name: row.name, role: row.role }), failedName: null };
    }
    const after = ctx.store.signInFailuresSince(name, now - SIGN_IN_LOCK_WINDOW_MS);
    return {
      outcome:
        after.count >= MAX_FAILED_SIGN_INS
          ? locked(after.oldest ?? now, now)
          : refuse(401, 'sign-in-failed', SIGN_IN_FAILED),
      failedName: name,
    };
  });
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
