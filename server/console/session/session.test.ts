// Tests of console sign-in and sessions through the app: name, password and authenticator code;
// one refusal whatever was wrong; the lock after 5 failures; replayed codes; the cookie's
// attributes; idle and absolute expiry on the service's clock; sign-out; sessions ended by new
// credentials; the CSRF header; and every sign-in, failed or not, on the record.
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSessionSchema } from '../../../shared/schema/review';
import type { ErrorBody } from '../../app';
import { totpCode } from '../../staff/test-helpers';
import { FAILED_SIGN_IN_ENTRIES, FAILURE_WINDOW_MS, SUMMARY_EVERY } from './failure-budget';
import { consoleTestApp } from './test-app';

const MINUTE = 60_000;

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

function setup() {
  const t = consoleTestApp();
  open.push(t);
  return t;
}

const errorOf = async (res: Response) => ((await res.clone().json()) as ErrorBody).error;

describe('console sign-in', () => {
  it('opens a session with name, password and code, in an HttpOnly SameSite=Strict cookie', async () => {
    const t = setup();
    const { name, password, secret } = t.credentials.reviewer;
    const res = await t.api('/session', {
      body: { name, password, code: totpCode(secret, t.clock.now()) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const session = ConsoleSessionSchema.parse(await res.json());
    expect(session).toEqual({
      name: 'ops.reviewer',
      role: 'reviewer',
      expiresAt: new Date(t.clock.now() + 30 * MINUTE).toISOString(),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^custodian_console=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('Path=/admin');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');

    const cookie = t.cookieOf(res);
    const again = await t.api('/session', { cookie });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ name: 'ops.reviewer', role: 'reviewer' });
    expect(t.consoleEntries()).toEqual([
      { kind: 'signed-in', by: 'ops.reviewer', at: new Date(t.clock.now()).toISOString() },
    ]);
  });

  it('marks the cookie Secure when the console is reached over https', async () => {
    const t = setup();
    const { name, password, secret } = t.credentials.admin;
    const res = await t.api('/session', {
      origin: 'https://custodian.example.com',
      body: { name, password, code: totpCode(secret, t.clock.now()) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers one refusal whatever was wrong, and records each failure', async () => {
    const t = setup();
    const { name, password, secret } = t.credentials.admin;
    const code = totpCode(secret, t.clock.now());
    const attempts = [
      { name, password: `${password}x`, code },
      { name, password, code: code === '000000' ? '111111' : '000000' },
      { name: 'nobody', password, code },
    ];
    const messages = new Set<string>();
    for (const body of attempts) {
      const res = await t.api('/session', { body });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const error = await errorOf(res);
      expect(error.code).toBe('sign-in-failed');
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
    expect([...messages][0]).not.toContain(password);
    expect(t.consoleEntries().map((e) => e.kind === 'sign-in-failed' && e.name)).toEqual([
      'ops.admin',
      'ops.admin',
      'nobody',
    ]);
    // A body that is not a sign-in is a 400, not a failure.
    const malformed = await t.api('/session', { body: { name, password, code: 'abc' } });
    expect(malformed.status).toBe(400);
    expect(t.consoleEntries()).toHaveLength(3);
  });

  it('counts a flood of failures under new names in a few entries, then records one by one again', async () => {
    const t = setup();
    const flood = FAILED_SIGN_IN_ENTRIES + SUMMARY_EVERY + 3;
    for (let i = 0; i < flood; i++) {
      const res = await t.api('/session', {
        body: { name: `bot.${i}`, password: 'guess-guess-guess', code: '123456' },
      });
      expect(res.status).toBe(401);
    }
    const entries = t.consoleEntries();
    expect(entries).toHaveLength(FAILED_SIGN_IN_ENTRIES + 1);
    expect(entries.at(-1)).toMatchObject({
      kind: 'sign-in-failures-counted',
      count: SUMMARY_EVERY,
      names: SUMMARY_EVERY,
    });
    // The next window: the 3 still counted are written first, then failures are entries again.
    t.clock.advance(FAILURE_WINDOW_MS);
    const { name, password } = t.credentials.admin;
    await t.api('/session', { body: { name, password: `${password}x`, code: '123456' } });
    expect(t.consoleEntries().slice(FAILED_SIGN_IN_ENTRIES + 1)).toMatchObject([
      { kind: 'sign-in-failures-counted', count: 3, names: 3 },
      { kind: 'sign-in-failed', name: 'ops.admin' },
    ]);
  });

  it('locks a name after 5 failures within 15 minutes (429, Retry-After), then lets it in', async () => {
    const t = setup();
    const { name, password, secret } = t.credentials.admin;
    const wrong = { name, password: 'not-the-password', code: '123456' };
    for (let i = 1; i <= 4; i++) {
      expect((await t.api('/session', { body: wrong })).status).toBe(401);
      t.clock.advance(MINUTE);
    }
    const fifth = await t.api('/session', { body: wrong });
    expect(fifth.status).toBe(429);
    expect((await errorOf(fifth)).code).toBe('sign-in-locked');
    // The first failure leaves the window 15 minutes after it: 11 minutes from now.
    expect(fifth.headers.get('retry-after')).toBe(String(11 * 60));

    t.clock.advance(30_000);
    const right = () => ({ name, password, code: totpCode(secret, t.clock.now()) });
    const locked = await t.api('/session', { body: right() });
    expect(locked.status).toBe(429);
    // Another name is not locked.
    const other = t.credentials.auditor;
    const signedIn = await t.api('/session', {
      body: {
        name: other.name,
        password: other.password,
        code: totpCode(other.secret, t.clock.now()),
      },
    });
    expect(signedIn.status).toBe(200);

    t.clock.advance(11 * MINUTE);
    const after = await t.api('/session', { body: right() });
    expect(after.status).toBe(200);
    // Five failures on the record; the attempt refused while locked was not checked.
    expect(t.consoleEntries().filter((e) => e.kind === 'sign-in-failed')).toHaveLength(5);
  });

  it('refuses a code used before (replay), even with the right password', async () => {
    const t = setup();
    const { name, password, secret } = t.credentials.reviewer;
    const body = { name, password, code: totpCode(secret, t.clock.now()) };
    expect((await t.api('/session', { body })).status).toBe(200);
    const replay = await t.api('/session', { body });
    expect(replay.status).toBe(401);
    expect((await errorOf(replay)).code).toBe('sign-in-failed');
    // The previous step's code is older than the one used: refused as well.
    const older = { ...body, code: totpCode(secret, t.clock.now(), -1) };
    expect((await t.api('/session', { body: older })).status).toBe(401);
    t.clock.advance(30_000);
    const next = { ...body, code: totpCode(secret, t.clock.now()) };
    expect((await t.api('/session', { body: next })).status).toBe(200);
  });
});

describe('console sessions', () => {
  it('end after 30 minutes without use', async () => {
    const t = setup();
    const cookie = await t.signIn('auditor');
    t.clock.advance(29 * MINUTE);
    expect((await t.api('/session', { cookie })).status).toBe(200);
    t.clock.advance(29 * MINUTE);
    const used = await t.api('/session', { cookie });
    expect(used.status).toBe(200);
    expect((await used.json()) as unknown).toMatchObject({
      expiresAt: new Date(t.clock.now() + 30 * MINUTE).toISOString(),
    });
    t.clock.advance(30 * MINUTE);
    const ended = await t.api('/session', { cookie });
    expect(ended.status).toBe(401);
    expect((await errorOf(ended)).code).toBe('signed-out');
    // Ended for good: it does not come back.
    t.clock.advance(-MINUTE);
    expect((await t.api('/session', { cookie })).status).toBe(401);
  });

  it('end 12 hours after sign-in however busy they are', async () => {
    const t = setup();
    const cookie = await t.signIn('admin');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advance(20 * MINUTE);
      const res = await t.api('/session', { cookie });
      expect(res.status, `at ${minutes} minutes`).toBe(200);
    }
    const last = (await (await t.api('/session', { cookie })).json()) as { expiresAt: string };
    t.clock.advance(Date.parse(last.expiresAt) - t.clock.now());
    expect((await t.api('/session', { cookie })).status).toBe(401);
  });

  it('ends at sign-out and clears the cookie; signing out twice is fine', async () => {
    const t = setup();
    const cookie = await t.signIn('reviewer');
    const out = await t.api('/session', { method: 'DELETE', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^custodian_console=; Max-Age=0; Path=\/admin/);
    expect((await t.api('/session', { cookie })).status).toBe(401);
    expect((await t.api('/session', { method: 'DELETE', cookie })).status).toBe(204);
  });

  it('end when the operator gets a new password or authenticator', async () => {
    const t = setup();
    const first = await t.signIn('reviewer');
    expect(t.governance.resetOperatorPassword('ops.reviewer').ok).toBe(true);
    expect((await t.api('/session', { cookie: first })).status).toBe(401);
    const reset = t.governance.resetOperatorPassword('ops.reviewer');
    if (!reset.ok) throw new Error(reset.message);
    t.credentials.reviewer.password = reset.value.password;
    const second = await t.signIn('reviewer');
    const totp = t.governance.resetOperatorTotp('ops.reviewer');
    if (!totp.ok) throw new Error(totp.message);
    expect((await t.api('/session', { cookie: second })).status).toBe(401);
    t.credentials.reviewer.secret = totp.value.secret;
    await t.signIn('reviewer');
  });

  it('refuses every console route without a session (401), and an unknown cookie alike', async () => {
    const t = setup();
    for (const path of ['/session', '/activity/chart?from=2026-11-01&to=2026-11-02', '/reviews']) {
      const res = await t.api(path);
      expect(res.status, path).toBe(401);
      expect((await errorOf(res)).code).toBe('signed-out');
    }
    expect((await t.api('/reviews', { cookie: 'x'.repeat(43) })).status).toBe(401);
    expect((await t.api('/reviews', { cookie: 'not even a session id' })).status).toBe(401);
  });
});

describe('CSRF defence', () => {
  it('refuses POST, PUT and DELETE without X-Custodian-Console: 1 (403 csrf), sign-in included', async () => {
    const t = setup();
    const { name, password, secret } = t.credentials.admin;
    const signIn = await t.api('/session', {
      csrf: false,
      body: { name, password, code: totpCode(secret, t.clock.now()) },
    });
    expect(signIn.status).toBe(403);
    expect((await errorOf(signIn)).code).toBe('csrf');
    expect(t.consoleEntries()).toEqual([]);

    const cookie = await t.signIn('admin');
    for (const [method, path] of [
      ['DELETE', '/session'],
      ['POST', '/reviews/0190a000-0000-7000-8000-000000000001/decision'],
      ['PUT', '/anything'],
    ] as const) {
      const res = await t.api(path, { method, cookie, csrf: false, body: {} });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await errorOf(res)).code).toBe('csrf');
    }
    // The session survived the refused sign-out.
    expect((await t.api('/session', { cookie })).status).toBe(200);
  });
});
