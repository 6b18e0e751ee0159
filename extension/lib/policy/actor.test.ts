// Tests of who events name: the enrollment's staff id and roles, or the configured identity.
import { describe, expect, it } from 'vitest';
import { FAIL_CLOSED_POLICY, StaffPolicySchema, type PolicyState } from '../../../shared/schema';
import { actorOf, mayPauseNow } from './actor';

const base: PolicyState = {
  policy: StaffPolicySchema.parse({
    version: '1',
    protect: ['<all_urls>'],
    roles: { lead: { mayPause: true }, support: {} },
  }),
  source: 'options',
  identity: { staffId: 'CS-1', role: 'support' },
  identityManaged: false,
  problems: [],
};

describe('actorOf and mayPauseNow', () => {
  it('uses the identity on a browser not enrolled', () => {
    expect(actorOf(base)).toEqual({ staffId: 'CS-1', role: 'support' });
    expect(mayPauseNow(base)).toBe(false);
    expect(actorOf({ ...base, identity: null })).toEqual({ staffId: null, role: null });
    expect(mayPauseNow({ ...base, identity: { staffId: 'CS-1', role: 'lead' } })).toBe(true);
  });

  it('uses the enrollment and every role in force once enrolled', () => {
    const staff = { staffId: 'CS-0420', name: 'Li Wei', roles: ['support', 'lead'] };
    expect(actorOf({ ...base, staff })).toEqual({ staffId: 'CS-0420', role: 'support,lead' });
    expect(mayPauseNow({ ...base, staff })).toBe(true);
    expect(actorOf({ ...base, staff: { ...staff, roles: [] } })).toEqual({
      staffId: 'CS-0420',
      role: null,
    });
    const many = { ...staff, roles: ['data-admin', 'support', 'sales', 'team-lead', 'auditor'] };
    const role = actorOf({ ...base, staff: many }).role!;
    expect(role.length).toBeLessThanOrEqual(40);
    expect(role).toBe('data-admin,support,sales,team-lead');
    expect(mayPauseNow({ ...base, policy: FAIL_CLOSED_POLICY, staff })).toBe(false);
  });
});
