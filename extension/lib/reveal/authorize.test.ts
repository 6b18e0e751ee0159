// Tests of the background's reveal decision: the standalone trial decides locally; an enrolled
// browser stops at once on its cache, otherwise follows the service, and offline allows only what
// the policy marks revealable offline. Every allowed reveal's event says who allowed it and how much.
import { describe, expect, it } from 'vitest';
import {
  StaffPolicySchema,
  type Activity,
  type PolicyState,
  type RevealAuthorizeBody,
  type RevealRequest,
  type StaffStatus,
} from '../../../shared/schema';
import type { NewEvent } from '../queue/enqueue';
import { reviewCase, status } from '../staff-status/test-status';
import { authorizeReveal, type RevealDeps, type ServiceVerdict } from './authorize';

const NOW = Date.parse('2026-03-06T02:00:00Z'); // Friday 10:00 in Shanghai
const HASH = 'a'.repeat(64);
const policy = StaffPolicySchema.parse({
  version: 'p-1',
  protect: ['<all_urls>'],
  roles: {
    support: {
      reveal: { phone: { offline: true, access: 'partial' }, email: { reasonRequired: true } },
    },
  },
  rules: { timeZone: 'Asia/Shanghai', dailyLimit: { max: 3 } },
});
const enrolledState: PolicyState = {
  policy,
  source: 'server',
  identity: { staffId: 'CS-0420', role: 'support' },
  identityManaged: false,
  problems: [],
  staff: { staffId: 'CS-0420', name: 'Li Wei', roles: ['support'] },
};
const request = (piiType: 'phone' | 'email', reason?: string): RevealRequest => ({
  type: 'reveal-request',
  piiType,
  value: piiType === 'phone' ? '13812345678' : 'lina@example.cn',
  page: { origin: 'https://crm.example.com', path: '/c/18' },
  ...(reason ? { reason } : {}),
});

interface Options {
  enrolled?: boolean;
  status?: StaffStatus | null;
  statusAt?: number;
  history?: Activity[];
  service?: (body: RevealAuthorizeBody) => ServiceVerdict;
  refreshed?: StaffStatus;
}

function setup(options: Options = {}) {
  const log: string[] = [];
  const events: NewEvent[] = [];
  const asked: RevealAuthorizeBody[] = [];
  const activity: Activity[] = [];
  let current = options.status === undefined ? status() : options.status;
  let statusAt = options.statusAt ?? NOW - 1000;
  const context = () => ({ staffId: 'CS-0420', status: current, statusAt });
  let ids = 0;
  const deps: RevealDeps = {
    governed: async () => (options.enrolled === false ? null : context()),
    askService: async (body) => {
      asked.push(body);
      return options.service?.(body) ?? { kind: 'unreachable', reason: 'network error' };
    },
    history: async () => options.history ?? [],
    recordActivity: async (a) => void activity.push(a),
    refreshStatus: async () => {
      log.push('refresh (awaited)');
      if (options.refreshed) current = options.refreshed;
      statusAt = NOW;
      return context();
    },
    statusMayHaveChanged: () => void log.push('refresh soon'),
    ruleFiredLocally: (body) => void log.push(`rule fired ${body.piiType}`),
    enqueue: async (event) => void events.push(event),
    valueHash: async () => HASH,
    countReveal: async () => void log.push('counted'),
    requestId: () => `0190a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    now: () => NOW,
  };
  return { deps, log, events, asked, activity };
}

const allowed = (access: 'partial' | 'full'): ServiceVerdict => ({
  kind: 'verdict',
  verdict: { status: 'allowed', seconds: 30, access },
});

describe('authorizeReveal, not enrolled (the standalone trial)', () => {
  it('decides by the browser policy and logs the reveal as local', async () => {
    const t = setup({ enrolled: false });
    const state: PolicyState = { ...enrolledState, source: 'options', staff: undefined };
    expect(await authorizeReveal(t.deps, state, request('phone'))).toEqual({
      status: 'allowed',
      seconds: 30,
      access: 'partial',
    });
    expect(t.asked).toEqual([]);
    expect(t.events).toMatchObject([
      { kind: 'reveal', authorizedBy: 'local', access: 'partial', staffId: 'CS-0420' },
    ]);
    expect(await authorizeReveal(t.deps, state, request('email'))).toEqual({
      status: 'reason-required',
    });
  });
});

describe('authorizeReveal, enrolled', () => {
  it('follows an allowed verdict: the event says server and the access, the history grows', async () => {
    const t = setup({ service: () => allowed('partial') });
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toEqual({
      status: 'allowed',
      seconds: 30,
      access: 'partial',
    });
    expect(t.asked).toEqual([
      {
        requestId: expect.stringMatching(/^0190a000-/),
        piiType: 'phone',
        page: { origin: 'https://crm.example.com', path: '/c/18' },
        valueHash: HASH,
      },
    ]);
    expect(t.events).toEqual([
      {
        kind: 'reveal',
        staffId: 'CS-0420',
        role: 'support',
        policyVersion: 'p-1',
        page: { origin: 'https://crm.example.com', path: '/c/18' },
        piiType: 'phone',
        count: 1,
        valueHash: HASH,
        seconds: 30,
        authorizedBy: 'server',
        access: 'partial',
      },
    ]);
    expect(t.activity).toEqual([{ at: NOW, kind: 'reveal' }]);
    // Never the raw value, in the question or the event.
    expect(JSON.stringify([t.asked, t.events])).not.toContain('13812345678');
  });

  it('passes a reason-required verdict on, then asks again with the reason and a new id', async () => {
    const t = setup({
      service: (body) =>
        body.reason ? allowed('full') : { kind: 'verdict', verdict: { status: 'reason-required' } },
    });
    expect(await authorizeReveal(t.deps, enrolledState, request('email'))).toEqual({
      status: 'reason-required',
    });
    expect(t.events).toEqual([]);
    const answer = await authorizeReveal(t.deps, enrolledState, request('email', '客户来电核对'));
    expect(answer).toMatchObject({ status: 'allowed', access: 'full' });
    expect(t.asked[1]?.reason).toBe('客户来电核对');
    expect(t.asked[1]?.requestId).not.toBe(t.asked[0]?.requestId);
    expect(t.events[0]).toMatchObject({ reason: '客户来电核对', authorizedBy: 'server' });
  });

  it('refuses at once while locked, without asking the service', async () => {
    const t = setup({ status: status({ unlockedUntil: null }), service: () => allowed('full') });
    const answer = await authorizeReveal(t.deps, enrolledState, request('phone'));
    expect(answer).toMatchObject({ status: 'refused', why: expect.stringContaining('Unlock') });
    expect(t.asked).toEqual([]);
    expect(t.events).toEqual([]);
    expect(t.log).toEqual(['refresh soon']);
  });

  it('refuses at once when a rule fires locally, says a review is needed and reports it', async () => {
    const history = [1, 2, 3].map((i) => ({ at: NOW - i * 60_000, kind: 'view' as const }));
    const t = setup({ history, service: () => allowed('full') });
    const answer = await authorizeReveal(t.deps, enrolledState, request('phone'));
    expect(answer).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('Review needed'),
    });
    expect(t.asked).toEqual([]);
    expect(t.log).toEqual(['rule fired phone']);
    expect(t.events).toEqual([]);
  });

  it('refuses while a review case is still open, after asking for the status once', async () => {
    const open = status({ openCase: reviewCase('2026-03-06T01:00:00Z', '2026-03-06', 'open') });
    const t = setup({ status: open, service: () => allowed('full') });
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('reviewer'),
    });
    expect(t.log).toEqual(['refresh (awaited)']);
    expect(t.asked).toEqual([]);
  });

  it('reveals on the first click after a reviewer decided, even with a fresh cache', async () => {
    const open = status({ openCase: reviewCase('2026-03-06T01:00:00Z', '2026-03-06', 'open') });
    const t = setup({ status: open, refreshed: status(), service: () => allowed('full') });
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toMatchObject({
      status: 'allowed',
    });
    expect(t.log[0]).toBe('refresh (awaited)');
  });

  it("shows the service's refusal and refreshes the status", async () => {
    const t = setup({
      service: () => ({
        kind: 'verdict',
        verdict: { status: 'refused', code: 'no-grant', why: 'You hold no role at the moment.' },
      }),
    });
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toEqual({
      status: 'refused',
      why: 'You hold no role at the moment.',
    });
    expect(t.log).toEqual(['refresh soon']);
    const revoked = setup({
      service: () => ({ kind: 'refused', message: 'Unknown device token.' }),
    });
    expect(await authorizeReveal(revoked.deps, enrolledState, request('phone'))).toEqual({
      status: 'refused',
      why: 'Unknown device token.',
    });
  });

  it('offline: allows a type marked offline and logs it as offline; refuses others', async () => {
    const t = setup();
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toEqual({
      status: 'allowed',
      seconds: 30,
      access: 'partial',
    });
    expect(t.events).toMatchObject([{ authorizedBy: 'offline', access: 'partial' }]);
    expect(t.asked).toHaveLength(1);
    const email = await authorizeReveal(t.deps, enrolledState, request('email', 'reason'));
    expect(email).toMatchObject({ status: 'refused', why: expect.stringContaining('unreachable') });
    expect(t.events).toHaveLength(1);
  });

  it('offline without a cached status allows nothing', async () => {
    const t = setup({ status: null });
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toMatchObject({
      status: 'refused',
    });
    expect(t.asked).toHaveLength(1);
    expect(t.events).toEqual([]);
  });

  it('refuses when the event cannot be stored', async () => {
    const t = setup({ service: () => allowed('full') });
    t.deps.enqueue = () => Promise.reject(new Error('quota'));
    expect(await authorizeReveal(t.deps, enrolledState, request('phone'))).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('could not be recorded'),
    });
    expect(t.activity).toEqual([]);
  });
});
