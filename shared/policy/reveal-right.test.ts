// revealRight: the best right over every role in force — widest access first, then at that access
// the most lenient reason and offline settings — with sites restrictions and awkward role names.
import { describe, expect, it } from 'vitest';
import { StaffPolicySchema, type RevealRule, type StaffPolicyInput } from '../schema/policy';
import { revealRight, roleOf } from './reveal-right';

const CRM = 'https://crm.example.com/customers/18';
const MAIL = 'https://mail.example.com/inbox/3';

type RuleInput = Partial<RevealRule>;

/** A policy whose roles each give one rule for `phone`. */
const phonePolicy = (roles: Record<string, RuleInput>) =>
  StaffPolicySchema.parse({
    version: '2026-03-01',
    protect: ['<all_urls>'],
    roles: Object.fromEntries(
      Object.entries(roles).map(([name, rule]) => [name, { reveal: { phone: rule } }]),
    ),
  } satisfies StaffPolicyInput);

const right = (roles: Record<string, RuleInput>, holding: string[], url = CRM) =>
  revealRight(phonePolicy(roles), holding, 'phone', url);

describe('revealRight', () => {
  it('refuses no-grant for no roles at all', () => {
    expect(right({ a: {} }, [])).toEqual({
      ok: false,
      refusal: { code: 'no-grant', why: expect.stringContaining('Ask your administrator') },
    });
  });

  it('fills in the rule’s defaults: full access, no reason, not offline', () => {
    expect(right({ a: {} }, ['a'])).toEqual({
      ok: true,
      right: { access: 'full', reasonRequired: false, offline: false },
    });
  });

  it('refuses type-not-allowed when no role gives the type, naming roles and policy', () => {
    const result = revealRight(phonePolicy({ a: {} }), ['a'], 'cn_id', CRM);
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'type-not-allowed',
        why: 'Your role ("a") may not reveal cn_id values (policy 2026-03-01); ask your administrator if your work needs it.',
      },
    });
  });

  it('gives nothing for roles the policy does not define', () => {
    expect(right({ a: {} }, ['ghost'])).toMatchObject({
      ok: false,
      refusal: { code: 'type-not-allowed' },
    });
  });

  describe('union over roles', () => {
    it('takes full over partial, whichever role comes first', () => {
      const roles = { p: { access: 'partial' }, f: { access: 'full' } } as const;
      expect(right(roles, ['p', 'f'])).toMatchObject({ right: { access: 'full' } });
      expect(right(roles, ['f', 'p'])).toMatchObject({ right: { access: 'full' } });
      expect(right(roles, ['p'])).toMatchObject({ right: { access: 'partial' } });
    });

    it('requires a reason only when every rule at the best access requires one', () => {
      const roles = {
        'full-reason': { access: 'full', reasonRequired: true },
        'full-free': { access: 'full' },
        'partial-free': { access: 'partial' },
        'full-reason-2': { access: 'full', reasonRequired: true },
      } as const;
      const reason = (held: string[]) => {
        const r = right(roles, held);
        return r.ok ? r.right.reasonRequired : null;
      };
      expect(reason(['full-reason', 'full-free'])).toBe(false);
      expect(reason(['full-reason', 'full-reason-2'])).toBe(true);
      // A partial right without a reason does not waive the reason of the full right.
      expect(reason(['full-reason', 'partial-free'])).toBe(true);
    });

    it('works offline when any rule at the best access allows it, and only then', () => {
      const roles = {
        'full-online': { access: 'full' },
        'full-offline': { access: 'full', offline: true },
        'partial-offline': { access: 'partial', offline: true },
      } as const;
      const offline = (held: string[]) => {
        const r = right(roles, held);
        return r.ok ? r.right.offline : null;
      };
      expect(offline(['full-online', 'full-offline'])).toBe(true);
      expect(offline(['full-online', 'partial-offline'])).toBe(false);
      expect(offline(['partial-offline'])).toBe(true);
    });

    it('counts a role held twice once, with the same answer', () => {
      expect(right({ a: { access: 'partial' } }, ['a', 'a'])).toEqual(
        right({ a: { access: 'partial' } }, ['a']),
      );
    });
  });

  describe('sites', () => {
    const mailOnly = { sites: ['https://mail.example.com/*'] };

    it('allows on the listed pages only, and refuses site-not-allowed elsewhere', () => {
      expect(right({ m: mailOnly }, ['m'], MAIL)).toMatchObject({ ok: true });
      expect(right({ m: mailOnly }, ['m'], CRM)).toEqual({
        ok: false,
        refusal: {
          code: 'site-not-allowed',
          why: 'Your role ("m") may reveal phone values only on other sites (policy 2026-03-01); ask your administrator if this site needs it.',
        },
      });
    });

    it('matches the page by scheme, host and path as a match pattern does', () => {
      expect(right({ m: mailOnly }, ['m'], 'http://mail.example.com/inbox')).toMatchObject({
        ok: false,
      });
      expect(right({ m: mailOnly }, ['m'], 'https://mail.example.com.evil.test/')).toMatchObject({
        ok: false,
      });
      expect(right({ m: mailOnly }, ['m'], 'https://mail.example.com/')).toMatchObject({
        ok: true,
      });
    });

    it('ignores a restricted role off its pages and takes what the others give', () => {
      const roles = { m: { ...mailOnly, access: 'full' }, p: { access: 'partial' } } as const;
      expect(right(roles, ['m', 'p'], CRM)).toMatchObject({ right: { access: 'partial' } });
      expect(right(roles, ['m', 'p'], MAIL)).toMatchObject({ right: { access: 'full' } });
    });

    it('says site-not-allowed, not type-not-allowed, when one role has the type elsewhere', () => {
      const policy = StaffPolicySchema.parse({
        version: '1',
        protect: ['<all_urls>'],
        roles: {
          m: { reveal: { phone: mailOnly } },
          e: { reveal: { email: {} } },
        },
      });
      expect(revealRight(policy, ['e', 'm'], 'phone', CRM)).toMatchObject({
        ok: false,
        refusal: { code: 'site-not-allowed', why: expect.stringContaining('("e", "m")') },
      });
    });
  });

  describe('role names that are also Object.prototype’s', () => {
    it('gives nothing for constructor, toString or __proto__ when the policy lacks them', () => {
      for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
        expect(right({ a: {} }, [name])).toMatchObject({
          ok: false,
          refusal: { code: 'type-not-allowed' },
        });
        expect(roleOf(phonePolicy({ a: {} }), name)).toBeUndefined();
      }
    });

    it('uses a role named constructor when the policy defines one', () => {
      // `as const`: TypeScript gives a property named constructor no contextual type to narrow by.
      const roles: Record<string, RuleInput> = { constructor: { access: 'partial' as const } };
      const policy = phonePolicy(roles);
      expect(roleOf(policy, 'constructor')).toBeDefined();
      expect(revealRight(policy, ['constructor'], 'phone', CRM)).toEqual({
        ok: true,
        right: { access: 'partial', reasonRequired: false, offline: false },
      });
      expect(revealRight(policy, ['constructor'], 'email', CRM)).toMatchObject({ ok: false });
    });
  });
});
