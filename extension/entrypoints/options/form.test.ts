// Tests of the options page's checks: problems by field path, identity errors by field, and
// what managed storage pins.
import { describe, expect, it } from 'vitest';
import { FAIL_CLOSED_POLICY, type PolicyState } from '../../../shared/schema';
import { EXAMPLE_POLICY_TEXT } from './example-policy';
import { checkIdentity, policyPinned, policyTextProblems } from './form';

describe('policyTextProblems', () => {
  it('accepts the example and an empty text (which removes the policy)', () => {
    expect(policyTextProblems(EXAMPLE_POLICY_TEXT)).toEqual([]);
    expect(policyTextProblems('  \n')).toEqual([]);
  });

  it('names the field of each problem', () => {
    const text = JSON.stringify({
      version: '1',
      protect: ['ftp://x/*'],
      roles: { support: { reveal: { phon: {} } } },
    });
    const paths = policyTextProblems(text).map((p) => p.path);
    expect(paths).toContain('protect.0');
    expect(paths.some((p) => p.startsWith('roles.support.reveal'))).toBe(true);
    expect(policyTextProblems('{"version": "1",')).toMatchObject([{ path: '(json)' }]);
  });
});

describe('checkIdentity', () => {
  it('accepts a staff id and a role name, trimmed', () => {
    expect(checkIdentity({ staffId: ' CS-0420 ', role: 'team-lead' })).toEqual({
      ok: true,
      identity: { staffId: 'CS-0420', role: 'team-lead' },
    });
  });

  it('reports each bad field once', () => {
    const check = checkIdentity({ staffId: 'CS 0420', role: 'Team Lead' });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(Object.keys(check.errors).sort()).toEqual(['role', 'staffId']);
      expect(check.errors.staffId).toContain('staff number');
    }
    const empty = checkIdentity({ staffId: '', role: 'support' });
    expect(empty).toMatchObject({ ok: false, errors: { staffId: expect.any(String) } });
  });
});

describe('policyPinned', () => {
  const base: PolicyState = {
    policy: FAIL_CLOSED_POLICY,
    source: 'fail-closed',
    identity: null,
    identityManaged: false,
    problems: [],
  };
  it('is pinned by a managed policy, working or broken, not by the options page', () => {
    expect(policyPinned({ ...base, source: 'managed' })).toBe(true);
    const broken = [{ path: 'managed policyJson: protect', message: 'required' }];
    expect(policyPinned({ ...base, problems: broken })).toBe(true);
    expect(policyPinned(base)).toBe(false);
    expect(policyPinned({ ...base, problems: [{ path: 'protect', message: 'x' }] })).toBe(false);
  });
});
