// The options page's checks, pure so they are tested without a browser: the policy text as the
// administrator types it, the staff identity field by field, and what managed storage pins.
import { parsePolicy, type PolicyProblem } from '../../../shared/policy';
import { StaffIdentitySchema, type PolicyState, type StaffIdentity } from '../../../shared/schema';

/**
 * The problems of a policy text, by dotted field path; none for valid text or empty text (which
 * removes the options page's policy, so the extension fails closed).
 *
 * @example
 *   policyTextProblems('{"version":"1","protect":["x"]}');
 *   // [{ path: 'protect.0', message: 'must be a match pattern …' }]
 */
export function policyTextProblems(text: string): PolicyProblem[] {
  if (text.trim() === '') return [];
  const parsed = parsePolicy(text);
  return parsed.ok ? [] : parsed.problems;
}

export type IdentityField = keyof StaffIdentity;

/** A valid identity, or the first problem of each field. */
export type IdentityCheck =
  | { ok: true; identity: StaffIdentity }
  | { ok: false; errors: Partial<Record<IdentityField, string>> };

/**
 * @example
 *   checkIdentity({ staffId: 'CS-0420', role: 'Support' });
 *   // { ok: false, errors: { role: 'must be lower-case letters, digits, "-" or "_" …' } }
 */
export function checkIdentity(fields: { staffId: string; role: string }): IdentityCheck {
  const parsed = StaffIdentitySchema.safeParse(fields);
  if (parsed.success) return { ok: true, identity: parsed.data };
  const errors: Partial<Record<IdentityField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'staffId' || field === 'role') && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** Managed storage pins the policy: it is in force, or it is set but broken (then fail closed). */
export const policyPinned = (state: PolicyState): boolean =>
  state.source === 'managed' || state.problems.some((p) => p.path.startsWith('managed '));
