// Tests of the admin API through the app: operator credentials and roles, staff members and their
// enrollment codes, grants (issue, change, revoke, and their limits), the signed staff policy, and
// review cases; and that every change is a governance entry in the ledger, naming the operator.
import { afterEach, describe, expect, it } from 'vitest';
import { readPolicyNoteText } from '../../shared/access';
import { openNote, parseVerifierKey, toHex } from '../../shared/ledger';
import {
  CreateStaffResponseSchema,
  EnrollmentIssuedSchema,
  GrantSchema,
  ReviewCaseSchema,
  SignedPolicySchema,
  StaffMemberSchema,
  type ReviewCase,
} from '../../shared/schema';
import { ed25519Verifier, nodeHasher } from '../ledger/node-crypto';
import { crmPolicy } from '../staff/test-helpers';
import { governanceApp, revealRequest } from './governance-test-helpers';
import type { ErrorBody } from './index';

const DAY = 86_400_000;

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

function setup() {
  const g = governanceApp();
  open.push(g);
  return g;
}

/** The error of a response (read from a clone, so it can be read twice). */
const errorOf = async (res: Response) => ((await res.clone().json()) as ErrorBody).error;

/** A staff member over the daily limit: 50 page views, then a refused reveal opens a case. */
async function openedCase(g: ReturnType<typeof setup>): Promise<ReviewCase> {
  const { device } = await g.unlockedStaff();
  await g.sendEvents(
    device,
    Array.from({ length: 50 }, () => g.event('page-view')),
  );
  const res = await g.call('/v1/staff/reveals', { body: revealRequest(), token: device });
  const verdict = (await res.json()) as { case?: unknown };
  return ReviewCaseSchema.parse(verdict.case);
}

describe('operator credentials', () => {
  it('refuses a missing or unknown token with 401, and says how to get one', async () => {
    const g = setup();
    for (const token of [undefined, 'cop_unknown', `cop_${'x'.repeat(43)}`, 'cdt_nope']) {
      const res = await g.call('/v1/admin/staff', { token });
      expect(res.status, String(token)).toBe(401);
      expect((await errorOf(res)).message).toContain('npm run staff -- operator add');
    }
  });

  it('lets every role read, and refuses a role that may not change (403)', async () => {
    const g = setup();
    for (const token of Object.values(g.tokens)) {
      expect((await g.call('/v1/admin/staff', { token })).status).toBe(200);
      expect((await g.call('/v1/admin/reviews', { token })).status).toBe(200);
    }
    const body = { staffId: 'CS-0420', name: '王芳' };
    for (const token of [g.tokens.auditor, g.tokens.reviewer]) {
      const res = await g.call('/v1/admin/staff', { body, token });
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
      expect((await errorOf(res)).message).toMatch(/this needs an admin/);
      expect(
        (await g.call('/v1/admin/policy', { method: 'PUT', body: crmPolicy(), token })).status,
      ).toBe(403);
    }
  });

  it('lets neither an auditor grant or decide, nor a reviewer grant; a reviewer decides', async () => {
    const g = setup();
    const c = await openedCase(g);
    const grantBody = {
      role: 'sales',
      expiresAt: new Date(g.clock.now() + DAY).toISOString(),
      note: 'project',
    };
    for (const token of [g.tokens.auditor, g.tokens.reviewer]) {
      const res = await g.call('/v1/admin/staff/CS-0420/grants', { body: grantBody, token });
      expect(res.status).toBe(403);
    }
    const decision = { decision: 'approve', comment: 'Campaign calls, checked with the lead.' };
    const path = `/v1/admin/reviews/${c.caseId}/decision`;
    const auditor = await g.call(path, { body: decision, token: g.tokens.auditor });
    expect(auditor.status).toBe(403);
    expect((await errorOf(auditor)).message).toContain('a reviewer or an admin');
    const reviewer = await g.call(path, { body: decision, token: g.tokens.reviewer });
    expect(reviewer.status).toBe(200);
    expect(ReviewCaseSchema.parse(await reviewer.json())).toMatchObject({
      status: 'approved',
      decidedBy: 'zhao.min',
    });
  });
});

describe('staff members', () => {
  it('creates a staff member with a one-time code, lists them, and logs both', async () => {
    const g = setup();
    const res = await g.admin('/v1/admin/staff', { body: { staffId: 'CS-0420', name: ' 王芳 ' } });
    expect(res.status).toBe(201);
    const created = CreateStaffResponseSchema.parse(await res.json());
    expect(created.staff).toEqual({
      staffId: 'CS-0420',
      name: '王芳',
      createdAt: '2026-11-24T02:00:00.000Z',
      enrolledAt: null,
      totpActive: false,
    });
    expect(created.enrollment.code).toMatch(
      /^ENR-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/,
    );
    expect(created.enrollment.expiresAt).toBe('2026-12-01T02:00:00.000Z');

    const list = await g.call('/v1/admin/staff', { token: g.tokens.auditor });
    expect(await list.json()).toEqual({ staff: [created.staff] });
    const detail = await g.call('/v1/admin/staff/CS-0420', { token: g.tokens.auditor });
    expect(await detail.json()).toEqual({ staff: created.staff, grants: [] });

    expect(g.governanceEntries()).toEqual([
      {
        kind: 'staff-created',
        by: 'li.wei',
        at: '2026-11-24T02:00:00.000Z',
        staffId: 'CS-0420',
        name: '王芳',
      },
      {
        kind: 'enrollment-issued',
        by: 'li.wei',
        at: '2026-11-24T02:00:00.000Z',
        staffId: 'CS-0420',
        expiresAt: created.enrollment.expiresAt,
      },
    ]);
    // The code itself is never recorded: it is a credential.
    expect(JSON.stringify(g.governanceEntries())).not.toContain(created.enrollment.code);
  });

  it('refuses a second staff member with the same number (409) and a bad body (400)', async () => {
    const g = setup();
    await g.createStaff('CS-0420');
    const again = await g.admin('/v1/admin/staff', { body: { staffId: 'CS-0420', name: 'x' } });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'staff-exists' });
    for (const body of [{ staffId: 'CS 0420', name: 'x' }, { staffId: 'CS-1' }, '{"staffId":']) {
      const res = await g.admin('/v1/admin/staff', { body });
      expect(res.status).toBe(400);
    }
  });

  it('answers 404 for an unknown staff member, without echoing a malformed number', async () => {
    const g = setup();
    const res = await g.admin('/v1/admin/staff/CS-9999');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'unknown-staff' });
    const odd = await g.admin('/v1/admin/staff/13812345678%20x');
    expect(odd.status).toBe(404);
    expect((await errorOf(odd)).message).not.toContain('13812345678');
    expect((await g.admin('/v1/admin/staff/CS-9999/enrollment', { body: {} })).status).toBe(404);
  });

  it('issues a new enrollment code that voids the older unused one', async () => {
    const g = setup();
    const first = await g.createStaff('CS-0420');
    const res = await g.admin('/v1/admin/staff/CS-0420/enrollment', { method: 'POST' });
    expect(res.status).toBe(201);
    const second = EnrollmentIssuedSchema.parse(await res.json());
    expect(second.code).not.toBe(first);
    const old = await g.call('/v1/enroll', { body: { code: first, deviceLabel: 'laptop' } });
    expect(old.status).toBe(401);
    expect(await errorOf(old)).toMatchObject({ code: 'enrollment-invalid' });
    await g.enroll(second.code);
    expect(g.governanceEntries().map((e) => e.kind)).toEqual([
      'staff-created',
      'enrollment-issued',
      'enrollment-issued',
      'device-enrolled',
    ]);
  });
});

describe('grants', () => {
  const until = (g: ReturnType<typeof setup>, days: number) =>
    new Date(g.clock.now() + days * DAY).toISOString();

  it('refuses a role while no policy is published, and names the roles that are', async () => {
    const g = setup();
    await g.createStaff('CS-0420');
    const body = { role: 'support', expiresAt: until(g, 30), note: 'Project Aurora' };
    const none = await g.admin('/v1/admin/staff/CS-0420/grants', { body });
    expect(none.status).toBe(400);
    expect(await errorOf(none)).toMatchObject({ code: 'unknown-role' });
    expect((await errorOf(none)).message).toContain('Publish one first');
    await g.publish();
    const wrong = await g.admin('/v1/admin/staff/CS-0420/grants', {
      body: { ...body, role: 'marketing' },
    });
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).message).toContain(
      'its roles are "auditor", "data-admin", "sales", "support"',
    );
  });

  it('refuses an end in the past, now, or more than 366 days away', async () => {
    const g = setup();
    await g.publish();
    await g.createStaff('CS-0420');
    for (const expiresAt of [
      until(g, -1),
      new Date(g.clock.now()).toISOString(),
      until(g, 366.01),
    ]) {
      const res = await g.admin('/v1/admin/staff/CS-0420/grants', {
        body: { role: 'support', expiresAt, note: 'Project Aurora' },
      });
      expect(res.status, expiresAt).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'bad-expiry' });
    }
    const max = await g.admin('/v1/admin/staff/CS-0420/grants', {
      body: { role: 'support', expiresAt: until(g, 366), note: 'Project Aurora' },
    });
    expect(max.status).toBe(201);
    const bad = await g.admin('/v1/admin/staff/CS-0420/grants', {
      body: { role: 'support', expiresAt: '2026-12-31', note: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'bad_request' });
    const unknown = await g.admin('/v1/admin/staff/CS-0001/grants', {
      body: { role: 'support', expiresAt: until(g, 3), note: 'Project Aurora' },
    });
    expect(unknown.status).toBe(404);
  });

  it('issues, moves and revokes a grant, each a ledger entry; a revoked grant is final', async () => {
    const g = setup();
    await g.publish();
    await g.createStaff('CS-0420');
    const res = await g.admin('/v1/admin/staff/CS-0420/grants', {
      body: { role: 'support', expiresAt: '2026-12-31T23:59:59+08:00', note: 'Project Aurora' },
    });
    expect(res.status).toBe(201);
    const grant = GrantSchema.parse(await res.json());
    expect(grant).toMatchObject({
      staffId: 'CS-0420',
      role: 'support',
      grantedAt: '2026-11-24T02:00:00.000Z',
      grantedBy: 'li.wei',
      expiresAt: '2026-12-31T15:59:59.000Z',
      note: 'Project Aurora',
      revokedAt: null,
      revokedBy: null,
    });

    g.clock.advance(60_000);
    const changed = await g.admin(`/v1/admin/grants/${grant.grantId}/change`, {
      body: { expiresAt: '2027-01-31T16:00:00Z', note: 'project extended' },
    });
    expect(changed.status).toBe(200);
    expect(GrantSchema.parse(await changed.json()).expiresAt).toBe('2027-01-31T16:00:00.000Z');

    const revoked = await g.admin(`/v1/admin/grants/${grant.grantId}/revoke`, {
      body: { note: 'left the project' },
    });
    expect(revoked.status).toBe(200);
    expect(GrantSchema.parse(await revoked.json())).toMatchObject({
      revokedAt: '2026-11-24T02:01:00.000Z',
      revokedBy: 'li.wei',
    });
    const again = await g.admin(`/v1/admin/grants/${grant.grantId}/revoke`, {
      body: { note: 'again' },
    });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'grant-revoked' });
    const move = await g.admin(`/v1/admin/grants/${grant.grantId}/change`, {
      body: { expiresAt: '2027-02-28T16:00:00Z', note: 'revive' },
    });
    expect(move.status).toBe(409);

    const detail = await g.call('/v1/admin/staff/CS-0420', { token: g.tokens.reviewer });
    expect((await detail.json()) as unknown).toMatchObject({
      grants: [{ grantId: grant.grantId, expiresAt: '2027-01-31T16:00:00.000Z' }],
    });

    const entries = g.governanceEntries().filter((e) => e.kind.startsWith('grant-'));
    expect(entries).toEqual([
      { kind: 'grant-issued', by: 'li.wei', at: '2026-11-24T02:00:00.000Z', grant },
      {
        kind: 'grant-changed',
        by: 'li.wei',
        at: '2026-11-24T02:01:00.000Z',
        grantId: grant.grantId,
        staffId: 'CS-0420',
        from: '2026-12-31T15:59:59.000Z',
        to: '2027-01-31T16:00:00.000Z',
        note: 'project extended',
      },
      {
        kind: 'grant-revoked',
        by: 'li.wei',
        at: '2026-11-24T02:01:00.000Z',
        grantId: grant.grantId,
        staffId: 'CS-0420',
        note: 'left the project',
      },
    ]);
  });

  it('answers 404 for an unknown grant, and 400 for a change without a note', async () => {
    const g = setup();
    const unknown = '0190a000-0000-7000-8000-000000000001';
    for (const path of [`/v1/admin/grants/${unknown}/revoke`, '/v1/admin/grants/nope/change']) {
      const res = await g.admin(path, { body: { note: 'why not' } });
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toMatchObject({ code: 'unknown-grant' });
    }
    await g.publish();
    await g.createStaff('CS-0420');
    const grant = await g.grant('CS-0420', 'support');
    const res = await g.admin(`/v1/admin/grants/${grant.grantId}/change`, {
      body: { expiresAt: until(g, 3) },
    });
    expect(res.status).toBe(400);
    const past = await g.admin(`/v1/admin/grants/${grant.grantId}/change`, {
      body: { expiresAt: until(g, -3), note: 'end it' },
    });
    expect(await errorOf(past)).toMatchObject({ code: 'bad-expiry' });
  });
});

describe('the staff policy', () => {
  it('publishes a policy signed with the ledger key, recorded with its text hash', async () => {
    const g = setup();
    const none = await g.call('/v1/admin/policy', { token: g.tokens.auditor });
    expect(none.status).toBe(404);
    expect(await errorOf(none)).toMatchObject({ code: 'no-policy' });

    const res = await g.admin('/v1/admin/policy', { method: 'PUT', body: crmPolicy() });
    expect(res.status).toBe(200);
    const signed = SignedPolicySchema.parse(await res.json());
    expect(signed.version).toBe('crm-demo-1');
    const key = parseVerifierKey(nodeHasher, g.ledger.publicKey);
    if (!key.ok) throw new Error(key.error);
    const text = openNote(signed.note, ed25519Verifier(key.value));
    expect(text.ok).toBe(true);
    if (!text.ok) return;
    const policy = readPolicyNoteText(text.value);
    expect(policy.ok && policy.value.roles['data-admin']?.reveal.cn_id).toEqual({
      access: 'full',
      reasonRequired: true,
      offline: false,
    });
    expect(g.governanceEntries()).toEqual([
      {
        kind: 'policy-published',
        by: 'li.wei',
        at: '2026-11-24T02:00:00.000Z',
        version: 'crm-demo-1',
        textHash: toHex(nodeHasher.sha256(new TextEncoder().encode(text.value))),
      },
    ]);
    const read = await g.call('/v1/admin/policy', { token: g.tokens.auditor });
    expect(await read.json()).toEqual(signed);
  });

  it('lists every problem of a bad policy, path and message', async () => {
    const g = setup();
    const res = await g.admin('/v1/admin/policy', {
      method: 'PUT',
      body: {
        version: 'x',
        protect: ['ftp://x/*'],
        roles: { support: { reveal: { phon: {} } } },
        rules: { timeZone: 'Mars/Base' },
      },
    });
    expect(res.status).toBe(400);
    const { code, message } = await errorOf(res);
    expect(code).toBe('bad-policy');
    expect(message).toContain('protect.0: must be a match pattern');
    expect(message).toContain('roles.support.reveal.phon');
    expect(message).toContain('rules.timeZone: must be an IANA time zone');
    expect(g.governanceEntries()).toEqual([]);
  });

  it('republishes the same text as a no-op and refuses other content under a published version', async () => {
    const g = setup();
    await g.publish();
    const same = await g.admin('/v1/admin/policy', { method: 'PUT', body: crmPolicy() });
    expect(same.status).toBe(200);
    expect(g.governanceEntries()).toHaveLength(1);
    const changed = { ...crmPolicy(), revealSeconds: 60 };
    const clash = await g.admin('/v1/admin/policy', { method: 'PUT', body: changed });
    expect(clash.status).toBe(400);
    expect((await errorOf(clash)).message).toContain('give this policy a new version');
    const next = await g.admin('/v1/admin/policy', {
      method: 'PUT',
      body: { ...changed, version: 'crm-demo-2' },
    });
    expect(next.status).toBe(200);
    expect(g.governanceEntries().map((e) => e.kind)).toEqual([
      'policy-published',
      'policy-published',
    ]);
  });
});

describe('review cases', () => {
  it('lists cases by status, shows one, and decides it once, on the record', async () => {
    const g = setup();
    const c = await openedCase(g);
    expect(c).toMatchObject({ staffId: 'CS-0420', status: 'open', trigger: { kind: 'reveal' } });
    const list = async (query: string) => {
      const res = await g.call(`/v1/admin/reviews${query}`, { token: g.tokens.auditor });
      expect(res.status).toBe(200);
      return ((await res.json()) as { cases: unknown[] }).cases.map((x) =>
        ReviewCaseSchema.parse(x),
      );
    };
    expect(await list('?status=open')).toEqual([c]);
    expect(await list('?status=approved')).toEqual([]);
    expect(await list('')).toEqual([c]);
    expect(
      (await g.call('/v1/admin/reviews?status=closed', { token: g.tokens.auditor })).status,
    ).toBe(400);

    const one = await g.call(`/v1/admin/reviews/${c.caseId}`, { token: g.tokens.auditor });
    expect(await one.json()).toEqual({ case: c });
    const missing = await g.admin('/v1/admin/reviews/0190a000-0000-7000-8000-000000000009');
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({ code: 'unknown-case' });

    const path = `/v1/admin/reviews/${c.caseId}/decision`;
    expect((await g.admin(path, { body: { decision: 'approve' } })).status).toBe(400);
    g.clock.advance(600_000);
    const decided = await g.admin(path, {
      body: { decision: 'reject', comment: 'No ticket explains these lookups.' },
    });
    expect(decided.status).toBe(200);
    const rejected = ReviewCaseSchema.parse(await decided.json());
    expect(rejected).toEqual({
      ...c,
      status: 'rejected',
      decidedAt: '2026-11-24T02:10:30.000Z',
      decidedBy: 'li.wei',
      comment: 'No ticket explains these lookups.',
    });
    const again = await g.admin(path, { body: { decision: 'approve', comment: 'changed mind' } });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'review-decided' });
    expect(await list('?status=rejected')).toEqual([rejected]);

    const entries = g.governanceEntries();
    expect(entries.filter((e) => e.kind === 'review-opened')).toEqual([
      { kind: 'review-opened', at: c.openedAt, case: c },
    ]);
    expect(entries.filter((e) => e.kind === 'review-decided')).toEqual([
      {
        kind: 'review-decided',
        by: 'li.wei',
        at: '2026-11-24T02:10:30.000Z',
        caseId: c.caseId,
        staffId: 'CS-0420',
        decision: 'reject',
        comment: 'No ticket explains these lookups.',
      },
    ]);
  });

  it('lists the staff member created, granted and enrolled, each on the record', async () => {
    const g = setup();
    await g.unlockedStaff();
    const staff = await g.call('/v1/admin/staff', { token: g.tokens.auditor });
    const [member] = ((await staff.json()) as { staff: unknown[] }).staff.map((s) =>
      StaffMemberSchema.parse(s),
    );
    expect(member).toMatchObject({
      staffId: 'CS-0420',
      enrolledAt: '2026-11-24T02:00:00.000Z',
      totpActive: true,
    });
    expect(g.governanceEntries().map((e) => e.kind)).toEqual([
      'policy-published',
      'staff-created',
      'enrollment-issued',
      'grant-issued',
      'device-enrolled',
      'totp-registered',
    ]);
  });
});
