// What a set of roles may reveal of one type on one page (R12): the best right any of the roles
// gives there. Used for the browser's own decision and by the server's, so both agree.
import type { PiiType } from '../schema/pii';
import type { RevealAccess, RevealRule, Role, StaffPolicy } from '../schema/policy';
import { matchesAny } from './url-pattern';

/** A right to reveal: how much shows, whether a reason is needed, whether it works offline. */
export interface RevealRight {
  access: RevealAccess;
  reasonRequired: boolean;
  offline: boolean;
}

/** Why no right was found, for code, with a sentence a person can act on. */
export interface NoRevealRight {
  code: 'no-grant' | 'type-not-allowed' | 'site-not-allowed';
  why: string;
}

export type RevealRightResult =
  { ok: true; right: RevealRight } | { ok: false; refusal: NoRevealRight };

const RANK: Record<RevealAccess, number> = { partial: 1, full: 2 };

/**
 * The best reveal right `roles` give for `type` on `url` (a page URL, origin and path at least):
 * the widest access; at that access, no reason needed if any role waives it, offline if any role
 * allows it. Roles the policy does not define give nothing.
 *
 * @example
 *   revealRight(policy, ['support'], 'phone', 'https://crm.example.com/c/18');
 *   // { ok: true, right: { access: 'full', reasonRequired: true, offline: false } }
 */
export function revealRight(
  policy: StaffPolicy,
  roles: readonly string[],
  type: PiiType,
  url: string,
): RevealRightResult {
  if (roles.length === 0) {
    return {
      ok: false,
      refusal: {
        code: 'no-grant',
        why: 'You hold no role at the moment (no grant, or every grant has ended). Ask your administrator for a grant.',
      },
    };
  }
  const rules: RevealRule[] = [];
  let elsewhere = false;
  for (const name of roles) {
    const rule = roleOf(policy, name)?.reveal[type];
    if (!rule) continue;
    if (rule.sites && !matchesAny(rule.sites, url)) elsewhere = true;
    else rules.push(rule);
  }
  if (rules.length === 0) {
    const list = roles.map((r) => `"${r}"`).join(', ');
    return {
      ok: false,
      refusal: elsewhere
        ? {
            code: 'site-not-allowed',
            why: `Your role (${list}) may reveal ${type} values only on other sites (policy ${policy.version}); ask your administrator if this site needs it.`,
          }
        : {
            code: 'type-not-allowed',
            why: `Your role (${list}) may not reveal ${type} values (policy ${policy.version}); ask your administrator if your work needs it.`,
          },
    };
  }
  const best = Math.max(...rules.map((r) => RANK[r.access]));
  const top = rules.filter((r) => RANK[r.access] === best);
  return {
    ok: true,
    right: {
      access: top[0]!.access,
      reasonRequired: top.every((r) => r.reasonRequired),
      offline: top.some((r) => r.offline),
    },
  };
}

/** The policy's own role of that name: `constructor` is a valid role name and on every object. */
export function roleOf(policy: StaffPolicy, name: string): Role | undefined {
  return Object.hasOwn(policy.roles, name) ? policy.roles[name] : undefined;
}
