// Tests of the staff device's routes through the app: enrollment (single use, 7-day expiry, a new
// code voids the old), device credentials, TOTP registration and unlock (±1 step, replays, the
// 5-in-15-minutes lock), status and the signed policy, and server-authorized reveals: grants in
// force, the behaviour rules over views, offline reveals and authorized reveals, review cases,
// and what an approval or a rejection changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPolicyNoteText } from '../../shared/access';
import { openNote, parseVerifierKey } from '../../shared/ledger';
import {
  EnrollResponseSchema,
  RevealVerdictSchema,
  SignedPolicySchema,
  StaffStatusSchema,
  UnlockResponseSchema,
  type RevealVerdict,
} from '../../shared/schema';
import { ed25519Verifier, nodeHasher } from '../ledger/node-crypto';
import { crmPolicy, ledgerEntries, totpCode } from '../staff/test-helpers';
import { governanceApp, revealRequest } from './governance-test-helpers';
import type { ErrorBody } from './index';

const DAY = 86_400_000;
const MIDNIGHT_SHANGHAI = '2026-11-24T16:00:00.000Z';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  vi.restoreAllMocks();
});

function setup(start?: number) {
  const g = governanceApp(start);
  open.push(g);
  const reveal = async (device: string, body: object = revealRequest()): Promise<RevealVerdict> => {
    const res = await g.call('/v1/staff/reveals', { body, token: device });
    expect(res.status).toBe(200);
    return RevealVerdictSchema.parse(await res.json());
  };
  const status = async (device: string) => {
    const res = await g.call('/v1/staff/status', { token: device });
    expect(res.status).toBe(200);
    return StaffStatusSchema.parse(await res.json());
  };
  const decide = async (caseId: string, decision: 'approve' | 'reject') => {
    const res = await g.call(`/v1/admin/reviews/${caseId}/decision`, {
      body: { decision, comment: 'Checked with the team lead.' },
      token: g.tokens.reviewer,
    });
    expect(res.status).toBe(200);
  };
  return { ...g, reveal, status, decide };
}

/** The error of a response (read from a clone, so it can be read twice). */
const errorOf = async (res: Response) => ((await res.clone().json()) as ErrorBody).error;

/** The demo policy with other behaviour rules. */
const withRules = (rules: object) => ({
  ...crmPolicy(),
  rules: { timeZone: 'Asia/Shanghai', ...rules },
});

describe('POST /v1/enroll', () => {
  it('exchanges a code for a device token bound to the staff member, once', async () => {
    const g = setup();
    const code = await g.createStaff('CS-0420', '王芳');
    const res = await g.call('/v1/enroll', {
      body: { code: code.toLowerCase(), deviceLabel: 'office laptop' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const enrolled = EnrollResponseSchema.parse(await res.json());
    expect(enrolled).toMatchObject({
      staffId: 'CS-0420',
      name: '王芳',
      serverKey: g.ledger.publicKey,
    });
    expect(enrolled.totp.uri).toBe(
      `otpauth://totp/Custodian:CS-0420?secret=${enrolled.totp.secret}&issuer=Custodian&algorithm=SHA1&digits=6&period=30`,
    );
    expect(g.devices.authenticate(enrolled.deviceToken)).toMatchObject({
      label: 'office laptop',
      staffId: 'CS-0420',
    });

    const again = await g.call('/v1/enroll', { body: { code, deviceLabel: 'home laptop' } });
    expect(again.status).toBe(401);
    expect(await errorOf(again)).toMatchObject({ code: 'enrollment-invalid' });
    expect((await errorOf(again)).message).toContain('Ask your administrator for a new code');

    const device = g.governanceEntries().find((e) => e.kind === 'device-enrolled');
    expect(device).toEqual({
      kind: 'device-enrolled',
      at: '2026-11-24T02:00:00.000Z',
      staffId: 'CS-0420',
      deviceId: g.devices.authenticate(enrolled.deviceToken)!.id,
      deviceLabel: 'office laptop',
    });
    // The TOTP secret is a credential: never in the ledger.
    expect(JSON.stringify(ledgerEntries(g.ledger))).not.toContain(enrolled.totp.secret);
  });

  it('accepts a code until 7 days have passed, and not after', async () => {
    const g = setup();
    const code = await g.createStaff('CS-0420');
    g.clock.advance(7 * DAY);
    const late = await g.call('/v1/enroll', { body: { code, deviceLabel: 'laptop' } });
    expect(late.status).toBe(401);
    expect(await errorOf(late)).toMatchObject({ code: 'enrollment-invalid' });

    const fresh = await g.admin('/v1/admin/staff/CS-0420/enrollment', { method: 'POST' });
    const { code: next } = (await fresh.json()) as { code: string };
    g.clock.advance(7 * DAY - 1);
    await g.enroll(next);
  });

  it('refuses a malformed body with 400 and an unknown code with 401', async () => {
    const g = setup();
    for (const body of [
      { code: 'ENR-1234', deviceLabel: 'x' },
      { code: 'ENR-AAAA-AAAA-AAAA-AAAA' },
    ]) {
      const res = await g.call('/v1/enroll', { body });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'bad_request' });
    }
    const unknown = await g.call('/v1/enroll', {
      body: { code: 'ENR-AAAA-AAAA-AAAA-AAAA', deviceLabel: 'x' },
    });
    expect(unknown.status).toBe(401);
  });

  it('lets a staff member enroll several devices, one code each', async () => {
    const g = setup();
    const first = await g.enroll(await g.createStaff('CS-0420'));
    const res = await g.admin('/v1/admin/staff/CS-0420/enrollment', { method: 'POST' });
    const second = await g.enroll(((await res.json()) as { code: string }).code, 'home');
    expect(second.deviceToken).not.toBe(first.deviceToken);
    expect(second.totp.secret).not.toBe(first.totp.secret);
    for (const { deviceToken } of [first, second]) {
      expect(g.devices.authenticate(deviceToken)?.staffId).toBe('CS-0420');
    }
  });
});

describe('device credentials', () => {
  const routes: [string, object | undefined][] = [
    ['/v1/staff/status', undefined],
    ['/v1/staff/policy', undefined],
    ['/v1/staff/totp/confirm', { code: '123456' }],
    ['/v1/staff/unlock', { code: '123456' }],
    ['/v1/staff/reveals', revealRequest()],
  ];

  it('answers 401 without a token or with an unknown one', async () => {
    const g = setup();
    for (const [path, body] of routes) {
      for (const token of [undefined, 'cdt_unknown']) {
        const res = await g.call(path, { body, token });
        expect(res.status, `${path} ${token}`).toBe(401);
      }
    }
  });

  it('answers 403 not-enrolled for a token of npm run device', async () => {
    const g = setup();
    const { token } = g.devices.issue('CS-0420 laptop');
    for (const [path, body] of routes) {
      const res = await g.call(path, { body, token });
      expect(res.status, path).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'not-enrolled' });
    }
  });

  it('answers the extension’s CORS preflight', async () => {
    const g = setup();
    for (const path of ['/v1/enroll', '/v1/staff/reveals']) {
      const res = await g.app.request(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'chrome-extension://abcdefghijklmnop',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('TOTP registration and unlock', () => {
  it('registers the authenticator with one right code, once, on the record', async () => {
    const g = setup();
    const code = await g.createStaff('CS-0420');
    const { deviceToken: device, totp } = await g.enroll(code);
    const confirm = (c: string, token = device) =>
      g.call('/v1/staff/totp/confirm', { body: { code: c }, token });
    const unlockFirst = await g.call('/v1/staff/unlock', {
      body: { code: totpCode(totp.secret, g.clock.now()) },
      token: device,
    });
    expect(unlockFirst.status).toBe(409);
    expect(await errorOf(unlockFirst)).toMatchObject({ code: 'totp-not-registered' });

    const wrong = await confirm(totpCode(totp.secret, g.clock.now(), 3));
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toMatchObject({ code: 'totp-wrong' });
    expect((await confirm('12345')).status).toBe(400);
    const right = await confirm(totpCode(totp.secret, g.clock.now()));
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ totpActive: true });
    const again = await confirm(totpCode(totp.secret, g.clock.now(), 1));
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'totp-active' });

    // A second device uses the authenticator already registered.
    const more = await g.admin('/v1/admin/staff/CS-0420/enrollment', { method: 'POST' });
    const second = await g.enroll(((await more.json()) as { code: string }).code, 'home');
    const secondConfirm = await confirm(
      totpCode(second.totp.secret, g.clock.now()),
      second.deviceToken,
    );
    expect(secondConfirm.status).toBe(409);
    expect(g.governanceEntries().filter((e) => e.kind === 'totp-registered')).toEqual([
      { kind: 'totp-registered', at: '2026-11-24T02:00:00.000Z', staffId: 'CS-0420' },
    ]);
  });

  it('accepts a code one step either side, refuses a replay and a code two steps away', async () => {
    const g = setup();
    const { device, secret } = await g.unlockedStaff();
    const unlock = (code: string) => g.call('/v1/staff/unlock', { body: { code }, token: device });
    g.clock.advance(60_000);
    const now = () => g.clock.now();

    const behind = await unlock(totpCode(secret, now(), -1));
    expect(behind.status).toBe(200);
    const replay = await unlock(totpCode(secret, now(), -1));
    expect(replay.status).toBe(400);
    expect(await errorOf(replay)).toMatchObject({ code: 'totp-replayed' });
    const far = await unlock(totpCode(secret, now(), 2));
    expect(far.status).toBe(400);
    expect(await errorOf(far)).toMatchObject({ code: 'totp-wrong' });
    const ahead = await unlock(totpCode(secret, now(), 1));
    expect(ahead.status).toBe(200);
    // The current code is older than the one just used: a replay too.
    expect(await errorOf(await unlock(totpCode(secret, now())))).toMatchObject({
      code: 'totp-replayed',
    });
  });

  it('unlocks this device until the next midnight in the policy’s zone', async () => {
    const g = setup();
    const { device, secret } = await g.unlockedStaff();
    expect((await g.status(device)).unlockedUntil).toBe(MIDNIGHT_SHANGHAI);

    const more = await g.admin('/v1/admin/staff/CS-0420/enrollment', { method: 'POST' });
    const other = await g.enroll(((await more.json()) as { code: string }).code, 'home');
    expect((await g.status(other.deviceToken)).unlockedUntil).toBeNull();
    expect(await g.reveal(other.deviceToken)).toMatchObject({ status: 'refused', code: 'locked' });

    g.clock.advance(Date.parse(MIDNIGHT_SHANGHAI) - g.clock.now());
    expect((await g.status(device)).unlockedUntil).toBeNull();
    expect(await g.reveal(device)).toMatchObject({ status: 'refused', code: 'locked' });
    const res = await g.call('/v1/staff/unlock', {
      body: { code: totpCode(secret, g.clock.now()) },
      token: device,
    });
    expect(UnlockResponseSchema.parse(await res.json()).unlockedUntil).toBe(
      '2026-11-25T16:00:00.000Z',
    );
  });

  it('locks unlocking after 5 wrong codes within 15 minutes, with Retry-After', async () => {
    const g = setup();
    const { device, secret } = await g.unlockedStaff();
    const unlock = (code: string) => g.call('/v1/staff/unlock', { body: { code }, token: device });
    const wrong = () => totpCode(secret, g.clock.now(), 5);
    // A replay (the code that just unlocked) is not a wrong code: it does not count.
    expect(await errorOf(await unlock(totpCode(secret, g.clock.now())))).toMatchObject({
      code: 'totp-replayed',
    });
    const firstWrongAt = g.clock.now();
    for (let i = 1; i <= 4; i += 1) {
      const res = await unlock(wrong());
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toContain(
        `${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left`,
      );
      g.clock.advance(60_000);
    }
    const fifth = await unlock(wrong());
    expect(fifth.status).toBe(429);
    expect(await errorOf(fifth)).toMatchObject({ code: 'totp-locked' });
    expect(fifth.headers.get('retry-after')).toBe(String(900 - 240));
    // The extension reads it from another origin.
    expect(fifth.headers.get('access-control-expose-headers')).toBe('Retry-After');

    const right = await unlock(totpCode(secret, g.clock.now()));
    expect(right.status).toBe(429);
    // When the first wrong code leaves the window, four remain: one more try is allowed.
    g.clock.t = firstWrongAt + 15 * 60_000 + 1;
    expect((await unlock(totpCode(secret, g.clock.now()))).status).toBe(200);
  });
});

describe('status and policy', () => {
  it('says what the staff member may do: nothing before a policy and a grant', async () => {
    const g = setup();
    const { deviceToken } = await g.enroll(await g.createStaff('CS-0420', '王芳'));
    expect(await g.status(deviceToken)).toEqual({
      staffId: 'CS-0420',
      name: '王芳',
      totpActive: false,
      unlockedUntil: null,
      grants: [],
      openCase: null,
      approvals: [],
      policyVersion: null,
    });
    const policy = await g.call('/v1/staff/policy', { token: deviceToken });
    expect(policy.status).toBe(404);
    expect(await errorOf(policy)).toMatchObject({ code: 'no-policy' });
  });

  it('serves the policy signed by the key enrollment gave, and lists only grants in force', async () => {
    const g = setup();
    await g.publish();
    const code = await g.createStaff('CS-0420');
    const short = await g.grant('CS-0420', 'sales', 1);
    const long = await g.grant('CS-0420', 'support', 30);
    const enrolled = await g.enroll(code);
    const res = await g.call('/v1/staff/policy', { token: enrolled.deviceToken });
    const signed = SignedPolicySchema.parse(await res.json());
    const key = parseVerifierKey(nodeHasher, enrolled.serverKey);
    if (!key.ok) throw new Error(key.error);
    const text = openNote(signed.note, ed25519Verifier(key.value));
    if (!text.ok) throw new Error(text.error);
    expect(readPolicyNoteText(text.value)).toMatchObject({
      ok: true,
      value: { version: 'crm-demo-1' },
    });

    const before = await g.status(enrolled.deviceToken);
    expect(before.policyVersion).toBe('crm-demo-1');
    expect(before.grants.map((x) => x.grantId).sort()).toEqual(
      [short.grantId, long.grantId].sort(),
    );
    g.clock.advance(DAY);
    expect((await g.status(enrolled.deviceToken)).grants).toEqual([long]);
  });
});

describe('POST /v1/staff/reveals: rights', () => {
  it('refuses everything while no policy is published', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff({ policy: null, role: null });
    expect(await g.reveal(device)).toMatchObject({ status: 'refused', code: 'no-policy' });
  });

  it('allows what the role gives, partial or full, and asks for a reason when needed', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff({ role: 'support' });
    expect(await g.reveal(device, revealRequest('name'))).toEqual({
      status: 'allowed',
      seconds: 30,
      access: 'partial',
    });
    const phone = revealRequest('phone');
    expect(await g.reveal(device, phone)).toEqual({ status: 'reason-required' });
    expect(await g.reveal(device, { ...phone, reason: 'customer asked for a callback' })).toEqual({
      status: 'allowed',
      seconds: 30,
      access: 'full',
    });
    expect(await g.reveal(device, revealRequest('cn_id'))).toMatchObject({
      status: 'refused',
      code: 'type-not-allowed',
    });
    const bad = await g.call('/v1/staff/reveals', {
      body: { ...revealRequest(), valueHash: '13812345678' },
      token: device,
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).not.toContain('13812345678');
  });

  it('refuses a role’s type on a site it is not given for', async () => {
    const g = setup();
    const policy = crmPolicy();
    const { device } = await g.unlockedStaff({
      policy: {
        ...policy,
        roles: { support: { reveal: { name: { sites: ['https://crm.example.com/*'] } } } },
      },
    });
    expect(await g.reveal(device)).toMatchObject({ status: 'refused', code: 'site-not-allowed' });
  });

  it('refuses once the grant has expired, and once it is revoked', async () => {
    const g = setup();
    const { device, grant } = await g.unlockedStaff();
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' });
    const short = await g.grant('CS-0420', 'sales', 0.25);
    const revoke = await g.admin(`/v1/admin/grants/${grant!.grantId}/revoke`, {
      body: { note: 'moved to sales' },
    });
    expect(revoke.status).toBe(200);
    // Sales still gives names, in full.
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed', access: 'full' });
    g.clock.t = Date.parse(short.expiresAt);
    expect(await g.reveal(device)).toMatchObject({ status: 'refused', code: 'no-grant' });
  });

  it('answers a resent requestId with the same verdict, counted once', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff({ policy: withRules({ dailyLimit: { max: 3 } }) });
    const request = revealRequest();
    const first = await g.reveal(device, request);
    expect(first).toMatchObject({ status: 'allowed' });
    for (let i = 0; i < 4; i += 1) expect(await g.reveal(device, request)).toEqual(first);
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' });
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' });
    const fourth = await g.reveal(device);
    expect(fourth).toMatchObject({ status: 'refused', code: 'rule-fired' });
  });
});

describe('POST /v1/staff/reveals: behaviour rules and review', () => {
  /** `n` page views, a minute apart, ending now. */
  async function views(g: ReturnType<typeof setup>, device: string, n: number) {
    const start = g.clock.now() - n * 60_000;
    const events = Array.from({ length: n }, (_, i) =>
      g.event('page-view', { at: new Date(start + i * 60_000).toISOString() }),
    );
    await g.sendEvents(device, events);
  }

  it('opens a case on the 51st view or reveal of the day, blocks, and an approval lets reveals go on', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff();
    await views(g, device, 50);
    expect((await g.status(device)).openCase).toBeNull();

    const fired = await g.reveal(device);
    expect(fired).toMatchObject({
      status: 'refused',
      code: 'rule-fired',
      fired: [{ rule: 'daily-limit', count: 51, max: 50, date: '2026-11-24' }],
      case: { staffId: 'CS-0420', status: 'open', trigger: { kind: 'reveal', piiType: 'name' } },
    });
    if (fired.status !== 'refused' || !fired.case) throw new Error('no case');
    const blocked = await g.reveal(device);
    expect(blocked).toMatchObject({ status: 'refused', code: 'review-open', case: fired.case });
    expect((await g.status(device)).openCase).toEqual(fired.case);
    expect(g.governanceEntries().filter((e) => e.kind === 'review-opened')).toHaveLength(1);

    await g.decide(fired.case.caseId, 'approve');
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' });
    const after = await g.status(device);
    expect(after.openCase).toBeNull();
    expect(after.approvals).toMatchObject([{ caseId: fired.case.caseId, status: 'approved' }]);
  });

  it('keeps reveals blocked after a rejection: the next one opens a new case', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff();
    await views(g, device, 50);
    const fired = await g.reveal(device);
    if (fired.status !== 'refused' || !fired.case) throw new Error('no case');
    await g.decide(fired.case.caseId, 'reject');
    const next = await g.reveal(device);
    expect(next).toMatchObject({ status: 'refused', code: 'rule-fired' });
    if (next.status !== 'refused' || !next.case) throw new Error('no case');
    expect(next.case.caseId).not.toBe(fired.case.caseId);
    expect((await g.status(device)).approvals).toEqual([]);
  });

  it('opens a case at ingest on the 51st view; views without customer data do not count', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff();
    const empty = Array.from({ length: 60 }, () => g.event('page-view', { counts: {} }));
    await g.sendEvents(device, empty);
    await views(g, device, 50);
    expect((await g.status(device)).openCase).toBeNull();
    await views(g, device, 1);
    const { openCase } = await g.status(device);
    expect(openCase).toMatchObject({
      fired: [{ rule: 'daily-limit', count: 51 }],
      trigger: { kind: 'view', page: { path: '/demo/customer.html' } },
    });
    expect(await g.reveal(device)).toMatchObject({ status: 'refused', code: 'review-open' });
  });

  it('opens a case for a view outside working hours; approval covers the rest of that day', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff();
    g.clock.t = Date.parse('2026-11-24T19:00:00+08:00');
    await views(g, device, 1);
    const { openCase } = await g.status(device);
    expect(openCase).toMatchObject({
      fired: [{ rule: 'working-hours', time: '18:59', dayKind: 'workday' }],
    });
    await g.decide(openCase!.caseId, 'approve');
    g.clock.advance(30 * 60_000);
    await views(g, device, 1);
    expect((await g.status(device)).openCase).toBeNull();
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' });
  });

  it('counts offline reveals of every device once, by the device’s staff member, and no others', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff({ policy: withRules({ dailyLimit: { max: 4 } }) });
    const offline = [
      g.event('reveal', { staffId: 'CS-9999' }),
      g.event('reveal', { staffId: null }),
    ];
    const byServer = g.event('reveal', { authorizedBy: 'server' });
    const local = g.event('reveal', { authorizedBy: 'local' });
    await g.sendEvents(device, [...offline, byServer, local]);
    await g.sendEvents(device, [...offline, byServer, local]);
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' }); // 3rd
    expect(await g.reveal(device)).toMatchObject({ status: 'allowed' }); // 4th
    expect(await g.reveal(device)).toMatchObject({
      status: 'refused',
      code: 'rule-fired',
      fired: [{ rule: 'daily-limit', count: 5 }],
    });
    // The ledger records whose device sent the events, whatever they claim.
    const stored = ledgerEntries(g.ledger).filter((e) => e.kind === 'staff-event');
    expect(stored).toHaveLength(4);
    for (const e of stored) {
      expect(e.payload).toMatchObject({ sender: { staffId: 'CS-0420', label: 'office laptop' } });
    }
  });

  it('fires on the 11th reveal within a minute', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff();
    for (let i = 0; i < 10; i += 1) {
      expect(await g.reveal(device)).toMatchObject({ status: 'allowed' });
      g.clock.advance(1000);
    }
    expect(await g.reveal(device)).toMatchObject({
      status: 'refused',
      code: 'rule-fired',
      fired: [{ rule: 'bulk-reveals', count: 11, max: 10, seconds: 60 }],
    });
  });

  it('never fails the event sync because of the rules', async () => {
    const g = setup();
    const { device } = await g.unlockedStaff();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(g.governance, 'recordEvents').mockImplementation(() => {
      throw new Error('disk full');
    });
    const res = await g.sendEvents(device, [g.event('page-view')]);
    expect(((await res.json()) as { acks: unknown[] }).acks).toHaveLength(1);
    expect(logged).toHaveBeenCalledWith(
      '[events] stored, but not counted for the behaviour rules:',
      'disk full',
    );
  });
});
