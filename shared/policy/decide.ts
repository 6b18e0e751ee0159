// What the policy says for one page and one staff member: is the page protected, which site rules
// apply, may this role reveal a type or pause protection (R12). Pure, so tests and the server agree.
import type { PiiType } from '../schema/pii';
import type { RevealAccess, SelectorRule, StaffIdentity, StaffPolicy } from '../schema/policy';
import { revealRight, roleOf } from './reveal-right';
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
  | { allowed: true; reasonRequired: boolean; seconds: number; access: RevealAccess }
  | { allowed: false; why: string };

/**
 * Whether a staff member may reveal a value of `type` on `url`, by the browser's own policy (a
 * browser not enrolled with the audit service). Refused, with a reason a person can act on, when
 * nobody is signed in, the role is not in the policy, or the role lacks the type or the site.
 *
 * @example
 *   decideReveal(policy, { staffId: 'CS-0420', role: 'support' }, 'phone', 'https://crm.example.com/');
 *   // { allowed: true, reasonRequired: true, seconds: 30, access: 'full' }
 */
export function decideReveal(
  policy: StaffPolicy,
  identity: StaffIdentity | null,
  type: PiiType,
  url: string,
): RevealDecision {
  if (!identity) {
    return {
      allowed: false,
      why: 'No staff identity is set on this browser, so nothing can be revealed. Ask your administrator to enrol it.',
    };
  }
  if (!roleOf(policy, identity.role)) {
    return {
      allowed: false,
      why: `The role "${identity.role}" is not in policy ${policy.version}; ask your administrator to add it.`,
    };
  }
  const result = revealRight(policy, [identity.role], type, url);
  if (!result.ok) return { allowed: false, why: result.refusal.why };
  return {
    allowed: true,
    reasonRequired: result.right.reasonRequired,
    seconds: policy.revealSeconds,
    access: result.right.access,
  };
}

/** Whether the staff member's role may pause protection on a tab. */
export function mayPause(policy: StaffPolicy, identity: StaffIdentity | null): boolean {
  return identity !== null && (roleOf(policy, identity.role)?.mayPause ?? false);
}
