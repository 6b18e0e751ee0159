// Tests of the popup's status and of the local day used for "reveals today".
import { describe, expect, it } from 'vitest';
import { FAIL_CLOSED_POLICY, StaffPolicySchema, type PolicyState } from '../../../shared/schema';
import { localDay, popupStatus } from './status';

const policy = StaffPolicySchema.parse({
  version: 'p-1',
  protect: ['<all_urls>'],
  roles: { lead: { mayPause: true }, support: {} },
});
const state: PolicyState = {
  policy,
  source: 'options',
  identity: { staffId: 'CS-0420', role: 'lead' },
  identityManaged: false,
  problems: [],
};
const page = { origin: 'http://127.0.0.1:8787', path: '/demo/' };
const inputs = {
  state,
  tab: { page, paused: false },
  counts: { frames: 2, counts: { phone: 6, email: 1 } },
  revealsToday: 2,
  queueLength: 9,
  sync: {
    configured: true,
    lastSuccessAt: 1_790_000_000_000,
    failingSince: null,
    lastError: null,
    warn: false,
    deadLetters: 1,
  },
};

describe('popupStatus', () => {
  it('reports a protected tab with its counts, identity and policy', () => {
    expect(popupStatus(inputs)).toEqual({
      protection: 'protected',
      counts: { phone: 6, email: 1 },
      revealsToday: 2,
      identity: { staffId: 'CS-0420', role: 'lead' },
      identityManaged: false,
      policyVersion: 'p-1',
      policySource: 'options',
      policyProblems: 0,
      mayPause: true,
      queueLength: 9,
      sync: inputs.sync,
      governance: null,
    });
  });

  it('tells protected, paused and unprotected tabs apart', () => {
    expect(popupStatus({ ...inputs, tab: { page, paused: true } }).protection).toBe('paused');
    // Only a sub-frame reported (a protected iframe in an unprotected page): still protected.
    const frameOnly = { ...inputs, tab: { page: null, paused: false } };
    expect(popupStatus(frameOnly).protection).toBe('protected');
    const none = popupStatus({ ...frameOnly, counts: { frames: 0, counts: {} } });
    expect(none).toMatchObject({ protection: 'unprotected', counts: {} });
  });

  it('offers the pause switch only to a role the policy lets pause', () => {
    const support = { ...state, identity: { staffId: 'CS-1', role: 'support' } };
    expect(popupStatus({ ...inputs, state: support }).mayPause).toBe(false);
    expect(popupStatus({ ...inputs, state: { ...state, identity: null } }).mayPause).toBe(false);
    const failClosed: PolicyState = {
      ...state,
      policy: FAIL_CLOSED_POLICY,
      source: 'fail-closed',
      problems: [{ path: 'roles.lead.mayPaus', message: 'unknown key' }],
    };
    expect(popupStatus({ ...inputs, state: failClosed })).toMatchObject({
      mayPause: false,
      policySource: 'fail-closed',
      policyProblems: 1,
    });
  });
});

describe('popupStatus on an enrolled browser', () => {
  it('lets any role in force pause, and passes the governance view on', () => {
    const enrolled: PolicyState = {
      ...state,
      identity: { staffId: 'CS-0420', role: 'support' },
      staff: { staffId: 'CS-0420', name: 'Li Wei', roles: ['support', 'lead'] },
    };
    const governance = {
      staffId: 'CS-0420',
      name: 'Li Wei',
      serverUrl: 'https://audit.example.com',
      enrolledAt: 1,
      roles: ['support', 'lead'],
      totpActive: true,
      unlockedUntil: null,
      openCase: null,
      statusAt: 1,
      statusProblem: null,
      policyVersion: 'p-1',
      policyAt: 1,
      policyProblem: null,
    };
    expect(popupStatus({ ...inputs, state: enrolled, governance })).toMatchObject({
      mayPause: true,
      governance,
    });
    const none = { ...enrolled, identity: null, staff: { ...enrolled.staff!, roles: [] } };
    expect(popupStatus({ ...inputs, state: none }).mayPause).toBe(false);
  });
});

describe('localDay', () => {
  it('runs from local midnight to the next', () => {
    const noon = new Date(2026, 10, 22, 12, 30).getTime();
    expect(localDay(noon)).toEqual([
      new Date(2026, 10, 22).getTime(),
      new Date(2026, 10, 23).getTime(),
    ]);
    const midnight = new Date(2026, 10, 22).getTime();
    expect(localDay(midnight)[0]).toBe(midnight);
    expect(localDay(midnight - 1)[1]).toBe(midnight);
  });
});
