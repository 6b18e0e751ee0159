// Tests of enrollment: what is stored on success, and that nothing is when the URL, the code, the
// service or the managed pins say no; the service's own message is passed on.
import { describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../../shared/schema';
import { makeServerKey } from '../server-policy/test-keys';
import { memoryArea } from '../service/area';
import type { FetchLike } from '../service/call';
import { enroll, type EnrollInput } from './enroll';
import { NO_PINS, type Pins } from './pins';
import { ENROLLMENT_KEY, PENDING_TOTP_KEY, readEnrollment, readPendingTotp } from './record';

const CODE = 'ENR-7K2M-Q9XD-4TPA-H3VW';
const input: EnrollInput = {
  serverUrl: 'https://audit.example.com/',
  code: ` ${CODE.toLowerCase()} `,
  deviceLabel: 'office laptop',
};

async function setup(pins: Pins | null = NO_PINS, answer?: (body: unknown) => Response) {
  const key = await makeServerKey();
  const response: EnrollResponse = {
    staffId: 'CS-0420',
    name: 'Li Wei',
    deviceToken: 'cdt_0123456789abcdef0123',
    serverKey: key.serverKey,
    totp: {
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/Custodian:CS-0420?secret=JBSWY3DPEHPK3PXP',
    },
  };
  const local = memoryArea();
  const session = memoryArea();
  await local.set({ staffStatus: { old: true }, serverPolicy: { old: true } });
  const calls: { url: string; body: unknown; auth: string | null }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body: unknown = JSON.parse(String(init.body));
    calls.push({ url, body, auth: new Headers(init.headers).get('authorization') });
    return answer?.(body) ?? new Response(JSON.stringify(response), { status: 201 });
  };
  const deps = {
    fetch,
    local,
    session,
    pins: async () => pins,
    forget: ['staffStatus', 'serverPolicy'],
    now: () => 1_772_000_000_000,
  };
  return { deps, local, session, calls, key, response };
}

describe('enroll', () => {
  it('exchanges the code and stores the token, the record and the pending authenticator', async () => {
    const t = await setup();
    expect(await enroll(t.deps, input)).toEqual({ status: 'done' });
    expect(t.calls).toEqual([
      {
        url: 'https://audit.example.com/v1/enroll',
        body: { code: CODE, deviceLabel: 'office laptop' },
        auth: null,
      },
    ]);
    expect(t.local.data.get('deviceToken')).toBe('cdt_0123456789abcdef0123');
    expect(t.local.data.get('serverUrl')).toBe('https://audit.example.com/');
    expect(await readEnrollment(t.local)).toEqual({
      schema: 1,
      staffId: 'CS-0420',
      name: 'Li Wei',
      serverUrl: 'https://audit.example.com/',
      serverKey: t.key.serverKey,
      enrolledAt: 1_772_000_000_000,
      deviceLabel: 'office laptop',
    });
    expect(await readPendingTotp(t.session)).toEqual(t.response.totp);
    // The previous enrollment's status and policy are forgotten; the secret is not in local.
    expect(t.local.data.has('staffStatus')).toBe(false);
    expect(t.local.data.has('serverPolicy')).toBe(false);
    expect(JSON.stringify([...t.local.data])).not.toContain(t.response.totp.secret);
  });

  it('refuses plain http off this machine and a malformed code before calling anyone', async () => {
    const t = await setup();
    expect(await enroll(t.deps, { ...input, serverUrl: 'http://audit.example.com' })).toMatchObject(
      {
        status: 'refused',
        field: 'serverUrl',
        message: expect.stringContaining('https://audit.example.com'),
      },
    );
    expect(await enroll(t.deps, { ...input, serverUrl: '' })).toMatchObject({ field: 'serverUrl' });
    expect(await enroll(t.deps, { ...input, code: 'ENR-1234' })).toMatchObject({
      field: 'code',
      message: expect.stringContaining('ENR-'),
    });
    expect(await enroll(t.deps, { ...input, deviceLabel: ' ' })).toMatchObject({
      field: 'deviceLabel',
    });
    expect(t.calls).toEqual([]);
    expect(await enroll(t.deps, { ...input, serverUrl: 'http://127.0.0.1:8787' })).toEqual({
      status: 'done',
    });
  });

  it("passes the service's refusal on and stores nothing", async () => {
    const message =
      'This enrollment code is unknown, used or expired; ask your administrator for a new code.';
    const t = await setup(NO_PINS, () =>
      Response.json({ error: { code: 'enrollment-invalid', message } }, { status: 401 }),
    );
    expect(await enroll(t.deps, input)).toEqual({
      status: 'refused',
      code: 'enrollment-invalid',
      message,
      field: 'code',
    });
    expect(t.local.data.has(ENROLLMENT_KEY)).toBe(false);
    expect(t.local.data.has('deviceToken')).toBe(false);
  });

  it('uses the pinned server URL, and refuses a key or staff member the pins contradict', async () => {
    const pinnedUrl = await setup({ ...NO_PINS, serverUrl: 'https://pinned.example.com' });
    await enroll(pinnedUrl.deps, input);
    expect(pinnedUrl.calls[0]?.url).toBe('https://pinned.example.com/v1/enroll');

    const other = await makeServerKey();
    const wrongKey = await setup({ ...NO_PINS, serverKey: other.serverKey });
    expect(await enroll(wrongKey.deps, input)).toMatchObject({
      status: 'refused',
      code: 'pinned-mismatch',
      message: expect.stringContaining('not the one your administrator pinned'),
    });
    expect(wrongKey.local.data.has('deviceToken')).toBe(false);
    expect(wrongKey.session.data.has(PENDING_TOTP_KEY)).toBe(false);

    const wrongStaff = await setup({ ...NO_PINS, staffId: 'CS-0001' });
    expect(await enroll(wrongStaff.deps, input)).toMatchObject({
      status: 'refused',
      message: expect.stringContaining('set this browser up for CS-0001'),
    });
    expect(wrongStaff.local.data.has(ENROLLMENT_KEY)).toBe(false);

    const t = await setup();
    const rightKey = { ...NO_PINS, serverKey: t.key.serverKey, staffId: 'CS-0420' };
    expect(await enroll({ ...t.deps, pins: async () => rightKey }, input)).toEqual({
      status: 'done',
    });
  });

  it('waits for managed storage, and refuses an answer that is not an enrollment', async () => {
    const silent = await setup(null);
    expect(await enroll(silent.deps, input)).toMatchObject({ code: 'managed-unavailable' });
    expect(silent.calls).toEqual([]);
    const junk = await setup(NO_PINS, () => Response.json({ hello: 'world' }, { status: 201 }));
    expect(await enroll(junk.deps, input)).toMatchObject({ code: 'bad-answer' });
    const down = await setup(NO_PINS, () => new Response('bad gateway', { status: 502 }));
    expect(await enroll(down.deps, input)).toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('HTTP 502'),
    });
  });
});
