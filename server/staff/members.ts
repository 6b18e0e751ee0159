// Staff members and their enrollment codes (issue 6): an admin creates a staff member and hands
// them a one-time code; a new code voids the older unused ones. Both are ledger entries.
//
// - A code is 16 random Crockford base32 characters (80 bits), kept only as its SHA-256.
// - It expires ENROLLMENT_TTL_MS after it is issued and works once.
import { randomInt } from 'node:crypto';
import {
  CreateStaffBodySchema,
  StaffIdSchema,
  type CreateStaffResponse,
  type EnrollmentIssued,
  type Grant,
  type StaffMember,
} from '../../shared/schema/staff';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import { ENROLLMENT_TTL_MS } from './config';
import { isoAt, record, secretHash, type GovernanceContext } from './context';

/** Crockford's base32: no I, L, O or U, so a code read aloud or handwritten is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh `ENR-XXXX-XXXX-XXXX-XXXX` code. */
function newEnrollmentCode(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join(''),
  );
  return `ENR-${groups.join('-')}`;
}

/** The stored form of a code (as EnrollmentCodeSchema normalises it: trimmed, upper case). */
export const codeHash = (code: string): string => secretHash(`enrollment:${code}`);

/** 404 for a staff number; one that is not even well-formed is not echoed (a path may hold anything). */
export const unknownStaff = <T = never>(staffId: string): Outcome<T> =>
  refuse(
    404,
    'unknown-staff',
    `${StaffIdSchema.safeParse(staffId).success ? `No staff member "${staffId}"` : 'No such staff member (a staff number is letters, digits, ".", "_" or "-")'}. ` +
      'Check the staff number, or create them: POST /v1/admin/staff (npm run staff -- create STAFF_ID NAME).',
  );

/** Issues a code for an existing staff member, voiding their older unused ones; call in a transaction. */
function issueCode(ctx: GovernanceContext, by: string, staffId: string): EnrollmentIssued {
  const now = ctx.now();
  const code = newEnrollmentCode();
  const expiresAt = now + ENROLLMENT_TTL_MS;
  ctx.store.insertCode(codeHash(code), staffId, now, expiresAt);
  const issued = { code, expiresAt: isoAt(expiresAt) };
  record(ctx, {
    kind: 'enrollment-issued',
    by,
    at: isoAt(now),
    staffId,
    expiresAt: issued.expiresAt,
  });
  return issued;
}

/**
 * Creates a staff member and their first enrollment code (`POST /v1/admin/staff`).
 *
 * @example
 *   createStaff(ctx, 'li.wei', { staffId: 'CS-0420', name: '王芳' });
 *   // { ok: true, value: { staff: { staffId: 'CS-0420', … }, enrollment: { code: 'ENR-…', expiresAt } } }
 */
export function createStaff(
  ctx: GovernanceContext,
  by: string,
  input: unknown,
): Outcome<CreateStaffResponse> {
  const body = CreateStaffBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"staffId": "CS-0420", "name": "…"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { staffId, name } = body.data;
  return ctx.store.transaction(() => {
    if (ctx.store.staff(staffId)) {
      return refuse<CreateStaffResponse>(
        409,
        'staff-exists',
        `Staff member "${staffId}" exists already. For a new enrollment code use POST /v1/admin/staff/${staffId}/enrollment.`,
      );
    }
    const now = ctx.now();
    ctx.store.insertStaff(staffId, name, now);
    record(ctx, { kind: 'staff-created', by, at: isoAt(now), staffId, name });
    const enrollment = issueCode(ctx, by, staffId);
    return done({ staff: ctx.store.staff(staffId)!, enrollment });
  });
}

/**
 * A new enrollment code for a staff member (`POST /v1/admin/staff/:staffId/enrollment`); their
 * older unused codes stop working.
 *
 * @example
 *   issueEnrollment(ctx, 'li.wei', 'CS-0420'); // { ok: true, value: { code: 'ENR-…', expiresAt } }
 */
export function issueEnrollment(
  ctx: GovernanceContext,
  by: string,
  staffId: string,
): Outcome<EnrollmentIssued> {
  return ctx.store.transaction(() => {
    if (!StaffIdSchema.safeParse(staffId).success || !ctx.store.staff(staffId)) {
      return unknownStaff<EnrollmentIssued>(staffId);
    }
    return done(issueCode(ctx, by, staffId));
  });
}

/** Every staff member, by staff number. */
export const listStaff = (ctx: GovernanceContext): StaffMember[] => ctx.store.allStaff();

/**
 * A staff member with every grant they ever had, the newest first.
 *
 * @example
 *   staffDetail(ctx, 'CS-0420'); // { ok: true, value: { staff, grants: [...] } }
 */
export function staffDetail(
  ctx: GovernanceContext,
  staffId: string,
): Outcome<{ staff: StaffMember; grants: Grant[] }> {
  const staff = StaffIdSchema.safeParse(staffId).success ? ctx.store.staff(staffId) : undefined;
  if (!staff) return unknownStaff(staffId);
  return done({ staff, grants: ctx.store.grantsOf(staffId) });
}
