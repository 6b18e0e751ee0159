// Tests of the policy's precedence: managed storage, then the signed policy when enrolled (never
// the options page then), then the options page, then fail closed; and the enrolled identity.
import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/ledger';
import { StaffPolicySchema } from '../../../shared/schema';
import { resolvePolicyState, type PolicySources } from './resolve';

const policy = (version: string) => ({ version, protect: ['<all_urls>'] });
const server = StaffPolicySchema.parse({
  ...policy('server-1'),
  roles: { support: { mayPause: true } },
});
const none: PolicySources = {
  managed: { available: true, values: {} },
  policyText: '',
  identity: null,
  enrolled: null,
  server: null,
  serverProblem: null,
};
const enrolled = { staffId: 'CS-0420', name: 'Li Wei', roles: ['support', 'sales'] };

describe('resolvePolicyState', () => {
  it('fails closed with nothing configured, and while managed storage is silent', () => {
    expect(resolvePolicyState(none)).toMatchObject({ source: 'fail-closed', problems: [] });
    const silent = resolvePolicyState({ ...none, managed: { available: false }, enrolled });
    expect(silent).toMatchObject({
      source: 'fail-closed',
      problems: [{ path: '(managed storage)' }],
      staff: enrolled,
    });
  });

  it('puts managed > signed policy (when enrolled) > options page', () => {
    const options = { ...none, policyText: JSON.stringify(policy('options-1')) };
    expect(resolvePolicyState(options)).toMatchObject({
      source: 'options',
      policy: { version: 'options-1' },
    });
    const signed = { ...options, enrolled, server: ok(server) };
    expect(resolvePolicyState(signed)).toMatchObject({
      source: 'server',
      policy: { version: 'server-1' },
      problems: [],
    });
    const managed = {
      ...signed,
      managed: { available: true as const, values: { policyJson: JSON.stringify(policy('m-1')) } },
    };
    expect(resolvePolicyState(managed)).toMatchObject({
      source: 'managed',
      policy: { version: 'm-1' },
    });
  });

  it('never falls back to the options page once enrolled: no signed policy is fail closed', () => {
    const sources = {
      ...none,
      policyText: JSON.stringify(policy('options-1')),
      identity: { staffId: 'CS-9999', role: 'admin' },
      enrolled,
    };
    expect(resolvePolicyState(sources)).toMatchObject({
      source: 'fail-closed',
      problems: [{ path: '(signed policy)', message: expect.stringContaining('no signed policy') }],
    });
    const refused = resolvePolicyState({ ...sources, serverProblem: 'No policy is published.' });
    expect(refused.problems).toEqual([
      { path: '(signed policy)', message: 'No policy is published.' },
    ]);
    const broken = resolvePolicyState({ ...sources, server: err('signature does not verify') });
    expect(broken).toMatchObject({
      source: 'fail-closed',
      problems: [{ path: '(signed policy)', message: 'signature does not verify' }],
    });
  });

  it('takes the identity from the enrollment, with its first role, not the options page', () => {
    const state = resolvePolicyState({
      ...none,
      identity: { staffId: 'CS-9999', role: 'admin' },
      enrolled,
      server: ok(server),
    });
    expect(state.identity).toEqual({ staffId: 'CS-0420', role: 'support' });
    expect(state.staff).toEqual(enrolled);
    const noRole = resolvePolicyState({
      ...none,
      enrolled: { ...enrolled, roles: [] },
      server: ok(server),
    });
    expect(noRole.identity).toBeNull();
    expect(resolvePolicyState({ ...none, identity: { staffId: 'CS-1', role: 'x' } })).toMatchObject(
      { identity: { staffId: 'CS-1', role: 'x' } },
    );
    expect(resolvePolicyState(none).staff).toBeUndefined();
  });

  it('fails closed when the managed staff id contradicts the enrollment', () => {
    const state = resolvePolicyState({
      ...none,
      managed: { available: true, values: { staffId: 'CS-0001' } },
      enrolled,
      server: ok(server),
    });
    expect(state).toMatchObject({
      source: 'fail-closed',
      problems: [{ path: '(enrollment)', message: expect.stringContaining('CS-0001') }],
    });
  });
});
