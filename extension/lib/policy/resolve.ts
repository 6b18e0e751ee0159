// Which policy and identity are in force, from what each source holds (pure, so the precedence is
// tested without a browser). In order:
// 1. enterprise managed storage's `policyJson` (Chrome policy), which staff cannot edit;
// 2. when the browser is enrolled: the policy the audit service signed, verified (issue 6); an
//    enrolled browser never falls back to the options page, whose policy staff could write;
// 3. the options page (a browser not enrolled: the standalone trial);
// 4. none: FAIL_CLOSED_POLICY, every http(s) page protected and nothing revealable.
import type { Result } from '../../../shared/ledger';
import { parsePolicy } from '../../../shared/policy';
import {
  FAIL_CLOSED_POLICY,
  StaffIdentitySchema,
  type PolicyState,
  type StaffIdentity,
  type StaffPolicy,
} from '../../../shared/schema';
import type { ManagedRead } from './managed';

/** Keys an administrator sets through Chrome policy (see public/managed-schema.json). */
export const MANAGED_KEYS = { policyJson: 'policyJson', staffId: 'staffId', role: 'role' } as const;

export interface PolicySources {
  managed: ManagedRead;
  /** The options page's policy text and identity, as stored (unparsed). */
  policyText: unknown;
  identity: unknown;
  /** The enrolled staff member and the roles their grants give now; null when not enrolled. */
  enrolled: { staffId: string; name: string; roles: string[] } | null;
  /** The kept signed policy, verified again: null when none is kept. */
  server: Result<StaffPolicy> | null;
  /** Why the last refresh of the signed policy failed, if it did. */
  serverProblem: string | null;
}

const SIGNED = '(signed policy)';

/**
 * @example
 *   resolvePolicyState({ managed: { available: true, values: {} }, policyText: '', identity: null,
 *     enrolled: { staffId: 'CS-0420', name: 'Li Wei', roles: ['support'] },
 *     server: { ok: true, value: policy }, serverProblem: null }).source; // 'server'
 */
export function resolvePolicyState(sources: PolicySources): PolicyState {
  const { managed: managedRead, enrolled } = sources;
  const staff = enrolled ? { staff: enrolled } : {};
  if (!managedRead.available) {
    // An administrator's policy may be pinned there and stricter than any other: until it can be
    // read, fail closed (the publisher reads again shortly).
    return {
      policy: FAIL_CLOSED_POLICY,
      source: 'fail-closed',
      identity: null,
      identityManaged: false,
      problems: [
        {
          path: '(managed storage)',
          message: 'Chrome has not answered yet; everything stays masked until it does',
        },
      ],
      ...staff,
    };
  }
  const managed = managedRead.values;
  const managedIdentity = StaffIdentitySchema.safeParse({
    staffId: managed[MANAGED_KEYS.staffId],
    role: managed[MANAGED_KEYS.role],
  });
  const localIdentity = StaffIdentitySchema.safeParse(sources.identity);
  let identity: StaffIdentity | null;
  if (enrolled) {
    const [role] = enrolled.roles;
    identity = role ? { staffId: enrolled.staffId, role } : null;
  } else {
    identity = managedIdentity.success
      ? managedIdentity.data
      : localIdentity.success
        ? localIdentity.data
        : null;
  }
  const base = { identity, identityManaged: managedIdentity.success, ...staff };
  const failClosed = (problems: PolicyState['problems']): PolicyState => ({
    ...base,
    policy: FAIL_CLOSED_POLICY,
    source: 'fail-closed',
    problems,
  });

  const pinnedStaff = managed[MANAGED_KEYS.staffId];
  if (enrolled && typeof pinnedStaff === 'string' && pinnedStaff.trim() !== enrolled.staffId) {
    return failClosed([
      {
        path: '(enrollment)',
        message: `this browser is enrolled as ${enrolled.staffId} but your administrator set it up for ${pinnedStaff.trim()}; enrol it again with that staff member's code`,
      },
    ]);
  }

  const managedText = managed[MANAGED_KEYS.policyJson];
  if (managedText !== undefined) {
    const parsed = parsePolicy(managedText);
    return parsed.ok
      ? { ...base, policy: parsed.policy, source: 'managed', problems: [] }
      : failClosed(parsed.problems.map((p) => ({ ...p, path: `managed policyJson: ${p.path}` })));
  }
  if (enrolled) {
    if (sources.server?.ok) {
      return { ...base, policy: sources.server.value, source: 'server', problems: [] };
    }
    if (sources.server) return failClosed([{ path: SIGNED, message: sources.server.error }]);
    return failClosed([
      {
        path: SIGNED,
        message:
          sources.serverProblem ??
          'no signed policy from the audit service yet; everything stays masked until it arrives',
      },
    ]);
  }
  const localText = sources.policyText;
  if (typeof localText === 'string' && localText.trim() !== '') {
    const parsed = parsePolicy(localText);
    if (parsed.ok) return { ...base, policy: parsed.policy, source: 'options', problems: [] };
    return failClosed(parsed.problems);
  }
  return failClosed([]);
}
