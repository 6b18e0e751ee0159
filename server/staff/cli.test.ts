// Tests of `npm run staff`: operators, staff members and codes, grants, the policy, reviews and
// their decisions, the list, every change recorded as operator `cli`, and usage errors (exit 2).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GovernanceEntrySchema } from '../../shared/schema';
import { tempDir } from '../ledger/test-helpers';
import { runStaffCli, STAFF_USAGE } from './cli';
import { crmPolicy, ledgerEntries, tempGovernance, totpCode } from './test-helpers';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

function cli() {
  const t = tempGovernance();
  open.push(t);
  const dir = tempDir();
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runStaffCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      t.governance,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const entries = () =>
    ledgerEntries(t.ledger)
      .filter((e) => e.kind === 'governance')
      .map((e) => GovernanceEntrySchema.parse(e.payload));
  return { ...t, file, run, entries };
}

describe('npm run staff', () => {
  it('adds an operator and prints the token once; the token opens the admin API', () => {
    const t = cli();
    const added = t.run('operator', 'add', 'li.wei', '--role', 'admin');
    expect(added.code).toBe(0);
    const token = /^(cop_[A-Za-z0-9_-]{43})$/m.exec(added.out)?.[1];
    expect(token).toBeDefined();
    expect(t.governance.operator(`Bearer ${token}`, ['admin'])).toMatchObject({
      ok: true,
      value: { name: 'li.wei', role: 'admin' },
    });
    expect(t.governance.hasOperators()).toBe(true);
    const again = t.run('operator', 'add', 'li.wei', '--role', 'auditor');
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('exists already') });
    expect(t.run('operator', 'add', 'x', '--role', 'root')).toMatchObject({ code: 1 });
    expect(t.run('operator', 'add', 'cli', '--role', 'admin')).toMatchObject({ code: 1 });
    expect(t.entries()).toEqual([
      {
        kind: 'operator-added',
        by: 'cli',
        at: '2026-11-24T02:00:00.000Z',
        name: 'li.wei',
        role: 'admin',
      },
    ]);
    expect(JSON.stringify(ledgerEntries(t.ledger))).not.toContain(token);
  });

  it('prints a console password and an authenticator secret that sign in; resets either', async () => {
    const t = cli();
    const added = t.run('operator', 'add', 'zhao.min', '--role', 'reviewer');
    const password = /^console password: (\S+)$/m.exec(added.out)?.[1];
    const secret = /^authenticator secret \(to type into the app\): ([A-Z2-7]{32})$/m.exec(
      added.out,
    )?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(added.out).toContain(
      `authenticator (otpauth URI, e.g. for a QR code): otpauth://totp/Custodian:zhao.min?secret=${secret}&issuer=Custodian`,
    );
    const signIn = (p: string, s: string) =>
      t.governance.signIn({ name: 'zhao.min', password: p, code: totpCode(s, t.clock.now()) });
    expect((await signIn(password!, secret!)).outcome).toEqual({
      ok: true,
      value: { name: 'zhao.min', role: 'reviewer' },
    });

    const newPassword = t.run('operator', 'password', 'zhao.min');
    expect(newPassword.code).toBe(0);
    const password2 = /^console password: (\S+)$/m.exec(newPassword.out)?.[1];
    expect(password2).toBeDefined();
    expect(password2).not.toBe(password);
    t.clock.advance(30_000);
    expect((await signIn(password!, secret!)).outcome).toMatchObject({ ok: false, status: 401 });
    t.clock.advance(30_000);
    expect((await signIn(password2!, secret!)).outcome.ok).toBe(true);

    const newTotp = t.run('operator', 'totp', 'zhao.min');
    expect(newTotp.code).toBe(0);
    const secret2 = /^authenticator secret \(to type into the app\): ([A-Z2-7]{32})$/m.exec(
      newTotp.out,
    )?.[1];
    expect(secret2).toBeDefined();
    t.clock.advance(30_000);
    expect((await signIn(password2!, secret!)).outcome.ok).toBe(false);
    expect((await signIn(password2!, secret2!)).outcome.ok).toBe(true);

    expect(t.run('operator', 'password', 'nobody')).toMatchObject({
      code: 1,
      err: expect.stringContaining('No operator "nobody"'),
    });
    expect(t.entries().map((e) => e.kind)).toEqual([
      'operator-added',
      'operator-credentials-reset',
      'operator-credentials-reset',
    ]);
    expect(t.entries().slice(1)).toMatchObject([
      { by: 'cli', name: 'zhao.min', what: 'password' },
      { by: 'cli', name: 'zhao.min', what: 'totp' },
    ]);
    const recorded = JSON.stringify(ledgerEntries(t.ledger));
    for (const s of [password, password2, secret, secret2]) expect(recorded).not.toContain(s);
  });

  it('resets a staff member’s authenticator, on the record', () => {
    const t = cli();
    t.run('create', 'CS-0420', 'Wang Fang');
    expect(t.run('totp-reset', 'CS-0420')).toMatchObject({
      code: 0,
      out: expect.stringContaining('was not registered'),
    });
    expect(t.run('totp-reset', 'CS-9999')).toMatchObject({ code: 1 });
    expect(t.entries().at(-1)).toEqual({
      kind: 'totp-reset',
      by: 'cli',
      at: '2026-11-24T02:00:00.000Z',
      staffId: 'CS-0420',
    });
  });

  it('creates a staff member with a code, issues a new one, grants, revokes and lists', () => {
    const t = cli();
    expect(t.run('list').out).toContain('no staff members yet');
    expect(t.run('policy', 'publish', t.file('p.json', crmPolicy()))).toMatchObject({
      code: 0,
      out: `staff policy crm-demo-1 published (signed by ${t.ledger.publicKey})`,
    });
    const created = t.run('create', 'CS-0420', 'Wang', 'Fang');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(
      /^staff member CS-0420 \(Wang Fang\) created\nenrollment code: ENR-[0-9A-Z-]{19} \(valid until 2026-12-01T02:00:00.000Z\)$/,
    );
    expect(t.run('enrollment', 'CS-0420').out).toMatch(/^enrollment code: ENR-/);
    expect(t.run('enrollment', 'CS-9999')).toMatchObject({ code: 1 });

    const granted = t.run(
      'grant',
      'CS-0420',
      'support',
      '--until',
      '2026-12-31T23:59:59+08:00',
      '--note',
      'Project Aurora',
    );
    expect(granted.code).toBe(0);
    const grantId = /^grant (\S+): CS-0420 is support until 2026-12-31T15:59:59.000Z$/.exec(
      granted.out,
    )?.[1];
    expect(grantId).toBeDefined();
    expect(t.run('list').out).toBe(
      [
        'CS-0420\tWang Fang\tnot enrolled\tauthenticator not registered',
        `  grant ${grantId}\tsupport until 2026-12-31T15:59:59.000Z\tProject Aurora`,
      ].join('\n'),
    );
    const late = t.run(
      'grant',
      'CS-0420',
      'support',
      '--until',
      '2020-01-01T00:00:00Z',
      '--note',
      'x y',
    );
    expect(late).toMatchObject({ code: 1, err: expect.stringContaining('not in the future') });

    expect(t.run('revoke', grantId!, '--note', 'project ended')).toMatchObject({ code: 0 });
    expect(t.run('revoke', grantId!, '--note', 'again')).toMatchObject({ code: 1 });
    expect(t.run('list').out).toBe(
      'CS-0420\tWang Fang\tnot enrolled\tauthenticator not registered',
    );

    const entries = t.entries();
    expect(entries.map((e) => e.kind)).toEqual([
      'policy-published',
      'staff-created',
      'enrollment-issued',
      'enrollment-issued',
      'grant-issued',
      'grant-revoked',
    ]);
    for (const e of entries) expect(e).toMatchObject({ by: 'cli' });
  });

  it('lists review cases and decides one with a comment', () => {
    const t = cli();
    t.run('policy', 'publish', t.file('p.json', crmPolicy()));
    t.run('create', 'CS-0420', 'Wang Fang');
    // A view at 19:00 in Shanghai, outside working hours, opens a case.
    t.governance.recordEvents('CS-0420', [
      {
        schema: 1,
        id: '0190a000-0000-7000-8000-000000000001',
        deviceId: '0190a000-0000-7000-8000-ffffffffffff',
        seq: 0,
        staffId: 'CS-0420',
        role: 'support',
        policyVersion: 'crm-demo-1',
        at: '2026-11-24T11:00:00.000Z',
        page: { origin: 'http://127.0.0.1:8787', path: '/demo/' },
        kind: 'page-view',
        counts: { phone: 3 },
      },
    ]);
    expect(t.run('reviews', '--status', 'approved').out).toBe('no review cases');
    const listed = t.run('reviews', '--status', 'open');
    const caseId = /^(\S+)\topen\tCS-0420\topened 2026-11-24T02:00:00.000Z\tworking-hours$/.exec(
      listed.out,
    )?.[1];
    expect(caseId).toBeDefined();
    expect(t.run('reviews', '--status', 'closed')).toMatchObject({ code: 1 });
    expect(t.run('decide', caseId!, 'approve', '--comment', 'Evening shift, agreed.')).toEqual({
      code: 0,
      out: `case ${caseId} (CS-0420) approved`,
      err: '',
    });
    expect(t.run('decide', caseId!, 'reject', '--comment', 'no')).toMatchObject({ code: 1 });
    expect(t.run('reviews').out).toContain('\tapproved by cli at 2026-11-24T02:00:00.000Z\t');
    expect(t.entries().at(-1)).toMatchObject({ kind: 'review-decided', by: 'cli' });
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['operator', 'add', 'li.wei']],
    [['operator', 'add', 'li.wei', '--role']],
    [['operator', 'remove', 'li.wei', '--role', 'admin']],
    [['operator', 'password']],
    [['operator', 'password', 'li.wei', '--role', 'admin']],
    [['operator', 'totp', 'li.wei', 'extra']],
    [['totp-reset']],
    [['create', 'CS-0420']],
    [['enrollment']],
    [['grant', 'CS-0420', 'support', '--until', '2026-12-31T00:00:00Z']],
    [['grant', 'CS-0420', 'support', '--until', 'x', '--note', 'y', '--note', 'z']],
    [['revoke', 'id']],
    [['policy', 'publish']],
    [['reviews', 'open']],
    [['reviews', '--state', 'open']],
    [['decide', 'id', 'maybe', '--comment', 'x']],
    [['list', 'all']],
  ])('prints the usage and exits 2 for %j', (argv) => {
    const t = cli();
    const result = t.run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^staff: .+\n/);
    expect(result.err).toContain(STAFF_USAGE);
  });

  it('exits 2 for a policy file it cannot read or parse, and 1 for a policy that is not valid', () => {
    const t = cli();
    expect(t.run('policy', 'publish', '/nonexistent/p.json')).toMatchObject({
      code: 2,
      err: expect.stringContaining('cannot read /nonexistent/p.json (ENOENT)'),
    });
    expect(t.run('policy', 'publish', t.file('bad.json', '{"version":'))).toMatchObject({
      code: 2,
    });
    expect(t.run('policy', 'publish', t.file('p.json', { version: 'x' }))).toMatchObject({
      code: 1,
      err: expect.stringContaining('protect: '),
    });
  });
});
