// What the policy says for one page and one staff member: is the page protected, which site rules
// apply, may this role reveal a type or pause protection (R12). Pure, so tests and the server agree.
import type { PiiType } from '../schema/pii';
import type { Role, SelectorRule, StaffIdentity, StaffPolicy } from '../schema/policy';
import { matchesAny } from './url-pattern';

/** What the content script needs to know about its page. */
export interface PagePolicy {
  protected: boolean;
  selectors: SelectorRule[];
  watermark: boolean;
}

/**
 * The policy for one page: protected when `protect` matches and `exclude` does not; the selector
 * rules and watermark of every site rule that matches, merged.
 *
 * @example
 *   pagePolicy(FAIL_CLOSED_POLICY, 'https://crm.example.com/').protected; // true
 */
export function pagePolicy(policy: StaffPolicy, url: string): PagePolicy {
  const isProtected = matchesAny(policy.protect, url) && !matchesAny(policy.exclude, url);
  if (!isProtected) return { protected: false, selectors: [], watermark: false };
  const sites = policy.sites.filter((site) => matchesAny(site.match, url));
  return {
    protected: true,
    selectors: sites.flatMap((site) => site.selectors),
    watermark: sites.some((site) => site.watermark),
  };
}

/** The answer to "may I reveal this": when allowed, how long and whether a reason is needed. */
export type RevealDecision =
  { allowed: true; reasonRequired: boolean; seconds: number } | { allowed: false; why: string };

/**
 * Whether a staff member may reveal a value of `type`. Refused, with a reason a person can act
 * on, when nobody is signed in, the role is not in the policy, or the role lacks the type.
 *
 * @example
 *   decideReveal(policy, { staffId: 'CS-0420', role: 'support' }, 'phone');
 *   // { allowed: true, reasonRequired: true, seconds: 30 }
 */
export function decideReveal(
  policy: StaffPolicy,
  identity: StaffIdentity | null,
  type: PiiType,
): RevealDecision {
  if (!identity) {
    return {
      allowed: false,
      why: 'No staff identity is set on this browser, so nothing can be revealed. Ask your administrator to enrol it.',
    };
  }
  const role = roleOf(policy, identity.role);
  if (!role) {
    return {
      allowed: false,
      why: `The role "${identity.role}" is not in policy ${policy.version}; ask your administrator to add it.`,
    };
  }
  const rule = role.reveal[type];
  if (!rule) {
    return {
      allowed: false,
      why: `The role "${identity.role}" may not reveal ${type} values (policy ${policy.version}); ask your administrator if your work needs it.`,
    };
  }
  return { allowed: true, reasonRequired: rule.reasonRequired, seconds: policy.revealSeconds };
}

/** Whether the staff member's role may pause protection on a tab. */
export function mayPause(policy: StaffPolicy, identity: StaffIdentity | null): boolean {
  return identity !== null && (roleOf(policy, identity.role)?.mayPause ?? false);
}

/** The policy's own role of that name: `constructor` is a valid role name and on every object. */
function roleOf(policy: StaffPolicy, name: string): Role | undefined {
  return Object.hasOwn(policy.roles, name) ? policy.roles[name] : undefined;
}
