// Tests of the offline decision: allowed only for a type the cached policy marks `offline`, with
// the cached unlock still valid and the local rules allowing; never without a cached status.
import { describe, expect, it } from 'vitest';
import { StaffPolicySchema } from '../../../shared/schema';
import { reviewCase, status } from '../staff-status/test-status';
import { decideOffline, localVerdict, type LocalInput } from './offline';

const NOW = Date.parse('2026-03-06T02:00:00Z'); // Friday 10:00 in Shanghai
const policy = StaffPolicySchema.parse({
  version: 'p-1',
  protect: ['<all_urls>'],
  roles: {
    support: {
      reveal: {
        phone: { offline: true, access: 'partial' },
        email: { offline: true, reasonRequired: true },
        cn_id: {},
      },
    },
  },
  rules: { timeZone: 'Asia/Shanghai', dailyLimit: { max: 3 } },
});
const input: LocalInput = {
  policy,
  status: status(),
  now: NOW,
  type: 'phone',
  url: 'https://crm.example.com/c/18',
  history: [],
};
const WHY = 'the audit service cannot be reached (network error)';

describe('decideOffline', () => {
  it('allows a type marked offline, with its access', () => {
    expect(decideOffline(input, WHY)).toEqual({
      status: 'allowed',
      seconds: 30,
      access: 'partial',
    });
  });

  it('asks for the reason first when the right needs one, then allows', () => {
    expect(decideOffline({ ...input, type: 'email' }, WHY)).toEqual({ status: 'reason-required' });
    expect(decideOffline({ ...input, type: 'email', reason: '客户来电' }, WHY)).toMatchObject({
      status: 'allowed',
      access: 'full',
    });
  });

  it('refuses a type not marked offline, saying the service is unreachable', () => {
    const answer = decideOffline({ ...input, type: 'cn_id' }, WHY);
    expect(answer).toMatchObject({ status: 'refused' });
    if (answer.status === 'refused') {
      expect(answer.why).toContain('The audit service cannot be reached');
      expect(answer.why).toContain('does not allow revealing cn_id values while it is unreachable');
    }
  });

  it('refuses when the cached unlock has ended, a case is open or a rule fires', () => {
    const ended = { ...input, status: status({ unlockedUntil: '2026-03-06T01:59:59.999Z' }) };
    expect(decideOffline(ended, WHY)).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('locked'),
    });
    expect(decideOffline({ ...input, status: status({ unlockedUntil: null }) }, WHY).status).toBe(
      'refused',
    );
    const open = status({ openCase: reviewCase('2026-03-06T01:00:00Z', '2026-03-06', 'open') });
    expect(decideOffline({ ...input, status: open }, WHY).status).toBe('refused');
    const busy = [1, 2, 3].map((i) => ({ at: NOW - i * 60_000, kind: 'view' as const }));
    expect(decideOffline({ ...input, history: busy }, WHY)).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('limit is 3'),
    });
  });

  it('refuses when the grant has expired, and without any cached status', () => {
    const expired = status({
      grants: [
        {
          ...status().grants[0]!,
          expiresAt: '2026-03-06T02:00:00Z', // the expiry instant itself is outside the grant
        },
      ],
    });
    expect(decideOffline({ ...input, status: expired }, WHY)).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('no role'),
    });
    expect(decideOffline(null, WHY)).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('no status'),
    });
  });
});

describe('localVerdict', () => {
  it('honours an approved daily-limit case: another allowance that day', () => {
    const busy = [1, 2, 3].map((i) => ({ at: NOW - i * 60_000, kind: 'view' as const }));
    expect(localVerdict({ ...input, history: busy })).toMatchObject({
      ok: true,
      value: { status: 'refused', code: 'rule-fired' },
    });
    const approved = status({
      approvals: [reviewCase('2026-03-06T01:30:00Z', '2026-03-06', 'approved')],
    });
    expect(localVerdict({ ...input, history: busy, status: approved })).toMatchObject({
      ok: true,
      value: { status: 'allowed' },
    });
  });
});
