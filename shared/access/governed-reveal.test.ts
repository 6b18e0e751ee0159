// decideGovernedReveal: each refusal in the documented order (right from roles in force →
// unlocked → no open case → rules → reason), the allowed answer with its access, and the edges.
import { describe, expect, it } from 'vitest';
import { StaffPolicySchema, type StaffPolicyInput } from '../schema/policy';
import { RevealVerdictSchema, type RevealVerdict } from '../schema/staff';
import type { Activity } from '../schema/rules';
import { decideGovernedReveal, type GovernedRevealInput } from './governed-reveal';
import { dailyFiring, grant, reviewCase } from './test-values';

const CRM = 'https://crm.example.com/customers/18';
const policyInput: StaffPolicyInput = {
  version: '2026-03-01',
  protect: ['https://crm.example.com/*', 'https://mail.example.com/*'],
  revealSeconds: 45,
  roles: {
    support: {
      reveal: {
        phone: { access: 'full', reasonRequired: true },
        email: { access: 'partial' },
        name: { sites: ['https://mail.example.com/*'] },
      },
    },
    sales: { reveal: { phone: { access: 'partial' } } },
  },
};
const policy = StaffPolicySchema.parse(policyInput);

// Friday 2026-03-06, 10:00 in Shanghai: working hours.
const NOW = Date.parse('2026-03-06T10:00:00+08:00');
const MIDNIGHT = Date.parse('2026-03-07T00:00:00+08:00');
const support = grant('support', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');

/** An input that is allowed (with a reason); each test changes one thing. */
const base: GovernedRevealInput = {
  policy,
  grants: [support],
  now: NOW,
  type: 'phone',
  url: CRM,
  unlockedUntil: MIDNIGHT,
  openCase: null,
  cases: [],
  history: [],
  reason: 'customer called about order 18',
};

function decide(change: Partial<GovernedRevealInput> = {}): RevealVerdict {
  const result = decideGovernedReveal({ ...base, ...change });
  if (!result.ok) throw new Error(result.error);
  // Every answer is one the server may send as it is.
  expect(RevealVerdictSchema.parse(result.value)).toEqual(result.value);
  return result.value;
}

const code = (verdict: RevealVerdict) => (verdict.status === 'refused' ? verdict.code : null);

/** Fifty views this morning, five minutes apart: the next action is number 51. */
const fifty: Activity[] = Array.from({ length: 50 }, (_, i) => ({
  at: Date.parse('2026-03-06T05:00:00+08:00') + i * 300_000,
  kind: 'view',
}));
const openCase = reviewCase([dailyFiring('2026-03-06')], 'open', '2026-03-06T09:30:00+08:00');

describe('decideGovernedReveal', () => {
  it('allows with the policy’s reveal time and the role’s access', () => {
    expect(decide()).toEqual({ status: 'allowed', seconds: 45, access: 'full' });
    expect(decide({ type: 'email', reason: undefined })).toEqual({
      status: 'allowed',
      seconds: 45,
      access: 'partial',
    });
  });

  it('refuses no-grant when the staff member has no grant at all', () => {
    const verdict = decide({ grants: [] });
    expect(code(verdict)).toBe('no-grant');
    expect(verdict.status === 'refused' && verdict.why).toMatch(/Ask your administrator/);
  });

  it('refuses no-grant when every grant has expired or been revoked', () => {
    const expired = grant('support', '2026-02-01T00:00:00Z', '2026-03-06T02:00:00Z');
    const revoked = grant(
      'support',
      '2026-03-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      '2026-03-05T00:00:00Z',
    );
    const notYet = grant('support', '2026-03-07T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(code(decide({ grants: [expired] }))).toBe('no-grant');
    expect(code(decide({ grants: [expired, revoked, notYet] }))).toBe('no-grant');
  });

  it('ends a grant at its expiry instant', () => {
    const ending = grant('support', '2026-03-01T00:00:00Z', new Date(NOW + 1).toISOString());
    expect(decide({ grants: [ending] }).status).toBe('allowed');
    expect(code(decide({ grants: [ending], now: NOW + 1 }))).toBe('no-grant');
  });

  it('refuses type-not-allowed for a type none of the roles may reveal', () => {
    expect(code(decide({ type: 'cn_id' }))).toBe('type-not-allowed');
    // A role the policy does not define gives nothing either.
    const ghost = grant('ghost', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(code(decide({ grants: [ghost] }))).toBe('type-not-allowed');
  });

  it('refuses site-not-allowed where the role may reveal the type only on other pages', () => {
    expect(code(decide({ type: 'name' }))).toBe('site-not-allowed');
    expect(
      decide({ type: 'name', url: 'https://mail.example.com/inbox', reason: undefined }),
    ).toEqual({ status: 'allowed', seconds: 45, access: 'full' });
  });

  it('refuses locked when never unlocked, and from the unlock’s end on', () => {
    expect(code(decide({ unlockedUntil: null }))).toBe('locked');
    expect(decide({ unlockedUntil: NOW + 1 }).status).toBe('allowed');
    expect(code(decide({ unlockedUntil: NOW }))).toBe('locked');
    expect(code(decide({ unlockedUntil: NOW - 1 }))).toBe('locked');
  });

  it('refuses review-open while a case is open, and names the case', () => {
    const verdict = decide({ openCase });
    expect(verdict).toMatchObject({ status: 'refused', code: 'review-open', case: openCase });
  });

  it('refuses rule-fired with what fired, and no case (the server opens it)', () => {
    const verdict = decide({ history: fifty });
    expect(verdict).toMatchObject({ status: 'refused', code: 'rule-fired' });
    if (verdict.status !== 'refused') return;
    expect(verdict.fired?.map((f) => f.rule)).toEqual(['daily-limit']);
    expect(verdict.why).toBe(verdict.fired?.[0]?.message);
    expect(verdict.case).toBeUndefined();
  });

  it('allows again after the case is approved for that date', () => {
    const approved = reviewCase(
      [dailyFiring('2026-03-06')],
      'approved',
      '2026-03-06T09:30:00+08:00',
    );
    expect(decide({ history: fifty, cases: [approved] }).status).toBe('allowed');
    const rejected = reviewCase(
      [dailyFiring('2026-03-06')],
      'rejected',
      '2026-03-06T09:30:00+08:00',
    );
    expect(code(decide({ history: fifty, cases: [rejected] }))).toBe('rule-fired');
  });

  it('asks for a reason when the role requires one, only after every other check passed', () => {
    expect(decide({ reason: undefined })).toEqual({ status: 'reason-required' });
    expect(decide({ reason: '' })).toEqual({ status: 'reason-required' });
  });

  it('answers the first check that fails, in the documented order', () => {
    // Everything wrong at once; fix one thing at a time and the next refusal shows.
    const steps: [Partial<GovernedRevealInput>, string][] = [
      [{ grants: [] }, 'no-grant'],
      [{ type: 'cn_id' }, 'type-not-allowed'],
      [{ type: 'name' }, 'site-not-allowed'],
      [{ unlockedUntil: null }, 'locked'],
      [{ openCase }, 'review-open'],
      [{ history: fifty }, 'rule-fired'],
      [{ reason: undefined }, 'reason-required'],
    ];
    for (let i = 0; i < steps.length; i++) {
      // Faults i and later; where two set the same field (type), the earlier one's value stays.
      const change = steps
        .slice(i)
        .reverse()
        .reduce<Partial<GovernedRevealInput>>((all, [fault]) => ({ ...all, ...fault }), {});
      const verdict = decide(change);
      expect(code(verdict) ?? verdict.status, `step ${i}`).toBe(steps[i]![1]);
    }
  });

  it('takes the best right of all roles in force: full from support beats partial from sales', () => {
    const sales = grant('sales', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(decide({ grants: [sales], reason: undefined })).toEqual({
      status: 'allowed',
      seconds: 45,
      access: 'partial',
    });
    expect(decide({ grants: [sales, support] })).toMatchObject({ access: 'full' });
  });

  it('returns an error value, not a throw, for a time zone the runtime does not know', () => {
    const odd = { ...policy, rules: { ...policy.rules, timeZone: 'Mars/Olympus_Mons' } };
    expect(decideGovernedReveal({ ...base, policy: odd })).toEqual({
      ok: false,
      error: expect.stringContaining('unknown'),
    });
  });
});
