// Grants (R12, R14): a role of the published policy, given to a staff member until a date, for a
// reason. A grant ends on its date without anyone remembering; moving the date or revoking it is
// possible, and every issue, change and revocation is a ledger entry.
//
// - The end is in the future and at most MAX_GRANT_DAYS away, when issued and when moved.
// - The role must be one the published policy defines (the answer names those that are).
// - A revoked grant is final: changing or revoking it again is a 409.
import { roleOf } from '../../shared/policy';
import {
  ChangeGrantBodySchema,
  CreateGrantBodySchema,
  MAX_GRANT_DAYS,
  RevokeGrantBodySchema,
  StaffIdSchema,
  UuidSchema,
  type Grant,
} from '../../shared/schema';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import { isoAt, newId, record, type GovernanceContext } from './context';
import { unknownStaff } from './members';
import { currentPolicy } from './policy';

const DAY_MS = 86_400_000;

/** Why `expiresAt` cannot end a grant now, or null when it can. */
function badExpiry(ctx: GovernanceContext, expiresAt: string): Outcome<never> | null {
  const end = Date.parse(expiresAt);
  const now = ctx.now();
  if (end <= now) {
    return refuse(
      400,
      'bad-expiry',
      `expiresAt (${expiresAt}) is not in the future; give the date the access should end, e.g. the project's last day.`,
    );
  }
  if (end > now + MAX_GRANT_DAYS * DAY_MS) {
    return refuse(
      400,
      'bad-expiry',
      `expiresAt (${expiresAt}) is more than ${MAX_GRANT_DAYS} days away; access is temporary (R14): grant it for the project, and extend it later if needed.`,
    );
  }
  return null;
}

const unknownGrant = <T>(): Outcome<T> =>
  refuse(
    404,
    'unknown-grant',
    "No such grant. Take the grantId from the staff member's grants: GET /v1/admin/staff/:staffId.",
  );

const revoked = <T>(grant: Grant): Outcome<T> =>
  refuse(
    409,
    'grant-revoked',
    `This grant was revoked at ${grant.revokedAt} by ${grant.revokedBy}; a revoked grant is final. Issue a new grant if the access is needed again.`,
  );

/** The grant a path names, or a 404 (a malformed id is not echoed). */
function grantOf(ctx: GovernanceContext, grantId: string): Outcome<Grant> {
  const grant = UuidSchema.safeParse(grantId).success ? ctx.store.grant(grantId) : undefined;
  return grant ? done(grant) : unknownGrant();
}

/**
 * Grants a role until a date (`POST /v1/admin/staff/:staffId/grants`).
 *
 * @example
 *   createGrant(ctx, 'li.wei', 'CS-0420', { role: 'support', expiresAt: '2026-12-31T16:00:00Z', note: 'Project Aurora' });
 *   // { ok: true, value: { grantId: '0190…', role: 'support', revokedAt: null, … } }
 */
export function createGrant(
  ctx: GovernanceContext,
  by: string,
  staffId: string,
  input: unknown,
): Outcome<Grant> {
  if (!StaffIdSchema.safeParse(staffId).success || !ctx.store.staff(staffId)) {
    return unknownStaff(staffId);
  }
  const body = CreateGrantBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"role": "support", "expiresAt": "2026-12-31T23:59:59+08:00", "note": "why"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { role, expiresAt, note } = body.data;
  const policy = currentPolicy(ctx);
  if (!policy) {
    return refuse(
      400,
      'unknown-role',
      'No staff policy is published yet, so no role exists. Publish one first: PUT /v1/admin/policy (npm run staff -- policy publish FILE).',
    );
  }
  if (!roleOf(policy.policy, role)) {
    const roles = Object.keys(policy.policy.roles);
    return refuse(
      400,
      'unknown-role',
      `Policy ${policy.policy.version} has no role "${role}"; its roles are ${roles.length ? roles.map((r) => `"${r}"`).join(', ') : 'none'}.`,
    );
  }
  const expiry = badExpiry(ctx, expiresAt);
  if (expiry) return expiry;
  const now = ctx.now();
  const grant: Grant = {
    grantId: newId(ctx),
    staffId,
    role,
    grantedAt: isoAt(now),
    grantedBy: by,
    expiresAt: isoAt(Date.parse(expiresAt)),
    note,
    revokedAt: null,
    revokedBy: null,
  };
  return ctx.store.transaction(() => {
    ctx.store.insertGrant(grant);
    record(ctx, { kind: 'grant-issued', by, at: grant.grantedAt, grant });
    return done(grant);
  });
}

/**
 * Moves a grant's end, earlier or later (`POST /v1/admin/grants/:grantId/change`).
 *
 * @example
 *   changeGrant(ctx, 'li.wei', grantId, { expiresAt: '2027-01-31T16:00:00Z', note: 'project extended' });
 */
export function changeGrant(
  ctx: GovernanceContext,
  by: string,
  grantId: string,
  input: unknown,
): Outcome<Grant> {
  const found = grantOf(ctx, grantId);
  if (!found.ok) return found;
  const body = ChangeGrantBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"expiresAt": "2027-01-31T23:59:59+08:00", "note": "why"} (${issuesText(body.error.issues)}).`,
    );
  }
  const expiry = badExpiry(ctx, body.data.expiresAt);
  if (expiry) return expiry;
  const to = isoAt(Date.parse(body.data.expiresAt));
  return ctx.store.transaction(() => {
    const grant = ctx.store.grant(found.value.grantId)!;
    if (grant.revokedAt !== null) return revoked<Grant>(grant);
    ctx.store.setGrantExpiry(grant.grantId, to);
    record(ctx, {
      kind: 'grant-changed',
      by,
      at: isoAt(ctx.now()),
      grantId: grant.grantId,
      staffId: grant.staffId,
      from: grant.expiresAt,
      to,
      note: body.data.note,
    });
    return done({ ...grant, expiresAt: to });
  });
}

/**
 * Withdraws a grant now (`POST /v1/admin/grants/:grantId/revoke`); 409 when revoked already.
 *
 * @example
 *   revokeGrant(ctx, 'li.wei', grantId, { note: 'left the project' });
 *   // { ok: true, value: { …, revokedAt: '2026-11-24T02:00:00.000Z', revokedBy: 'li.wei' } }
 */
export function revokeGrant(
  ctx: GovernanceContext,
  by: string,
  grantId: string,
  input: unknown,
): Outcome<Grant> {
  const found = grantOf(ctx, grantId);
  if (!found.ok) return found;
  const body = RevokeGrantBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"note": "why the access is withdrawn"} (${issuesText(body.error.issues)}).`,
    );
  }
  return ctx.store.transaction(() => {
    const grant = ctx.store.grant(found.value.grantId)!;
    const at = isoAt(ctx.now());
    if (!ctx.store.revokeGrant(grant.grantId, at, by)) return revoked<Grant>(grant);
    record(ctx, {
      kind: 'grant-revoked',
      by,
      at,
      grantId: grant.grantId,
      staffId: grant.staffId,
      note: body.data.note,
    });
    return done<Grant>({ ...grant, revokedAt: at, revokedBy: by });
  });
}
