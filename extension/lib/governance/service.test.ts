// The governance service against a fake audit service (a fetch stub): enrol, confirm the
// authenticator, unlock, fetch the status and, when its policyVersion is new, the signed policy;
// the popup's view; pausing blocked while locked; a reveal the service authorizes.
import { describe, expect, it, vi } from 'vitest';
import { StaffPolicySchema, type PolicyState, type StaffStatus } from '../../../shared/schema';
import { ENROLLMENT_KEY, PENDING_TOTP_KEY } from '../enrollment/record';
import { authorizeReveal } from '../reveal/authorize';
import { keptServerPolicy, readServerPolicyRecord } from '../server-policy/store';
import { makeServerKey } from '../server-policy/test-keys';
import { memoryArea } from '../service/area';
import type { FetchLike } from '../service/call';
import { SYNC_KEYS } from '../sync/settings';
import { status as statusOf } from '../staff-status/test-status';
import { createGovernance, POLICY_ALARM, STATUS_ALARM } from './service';

const SERVER = 'https://audit.example.com';
const NOW = Date.parse('2026-03-06T02:00:00Z');
const POLICY = {
  version: 'p-1',
  protect: ['<all_urls>'],
  roles: { support: { reveal: { phone: { access: 'partial' } }, mayPause: true } },
};

async function fakeService() {
  const key = await makeServerKey();
  let note = await key.signPolicy(POLICY);
  let version = 'p-1';
  const seen: string[] = [];
  let status: StaffStatus = statusOf({ totpActive: false, unlockedUntil: null });
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const auth = new Headers(init.headers).get('authorization');
    seen.push(`${init.method} ${path}`);
    if (path === '/v1/enroll') {
      return Response.json(
        {
          staffId: 'CS-0420',
          name: 'Li Wei',
          deviceToken: 'cdt_0123456789abcdef0123',
          serverKey: key.serverKey,
          totp: { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' },
        },
        { status: 201 },
      );
    }
    if (auth !== 'Bearer cdt_0123456789abcdef0123') {
      return Response.json(
        { error: { code: 'unauthorized', message: 'no token' } },
        { status: 401 },
      );
    }
    switch (path) {
      case '/v1/staff/totp/confirm':
        status = { ...status, totpActive: true };
        return Response.json({ totpActive: true });
      case '/v1/staff/unlock':
        status = { ...status, unlockedUntil: '2026-03-06T16:00:00.000Z' };
        return Response.json({ unlockedUntil: status.unlockedUntil });
      case '/v1/staff/status':
        return Response.json(status);
      case '/v1/staff/policy':
        return Response.json({ version, note });
      case '/v1/staff/reveals':
        return Response.json({ status: 'allowed', seconds: 30, access: 'partial' });
    }
    return Response.json({ error: { code: 'not-found', message: path } }, { status: 404 });
  };
  /** Publishes a new policy: the status names its version from now on. */
  const publish = async (policy: { version: string }) => {
    note = await key.signPolicy(policy);
    version = policy.version;
    status = { ...status, policyVersion: version };
  };
  return { fetch, seen, key, publish };
}

async function setup() {
  const service = await fakeService();
  const local = memoryArea();
  const session = memoryArea();
  const syncs: string[] = [];
  const clock = { now: NOW };
  const deps = {
    fetch: service.fetch,
    local,
    session,
    pins: async () => ({ serverUrl: null, serverKey: null, staffId: null }),
    settings: async () => {
      const got = await local.get([SYNC_KEYS.serverUrl, SYNC_KEYS.deviceToken]);
      const serverUrl = got[SYNC_KEYS.serverUrl];
      const deviceToken = got[SYNC_KEYS.deviceToken];
      return typeof serverUrl === 'string' && typeof deviceToken === 'string'
        ? { serverUrl, deviceToken }
        : undefined;
    },
    runSync: async () => void syncs.push('sync'),
    now: () => clock.now,
    randomBytes: (n: number) => new Uint8Array(n).fill(7),
  };
  const governance = createGovernance(deps);
  /** A new service on the same storage, as after the browser stopped the service worker. */
  const restart = () => createGovernance(deps);
  return { service, local, session, governance, syncs, clock, restart };
}

const NO_ALARMS = { create: () => undefined, onAlarm: { addListener: () => undefined } };

/** Lets the refreshes started in the background finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const ENROL = {
  type: 'enroll',
  serverUrl: SERVER,
  code: 'ENR-7K2M-Q9XD-4TPA-H3VW',
  deviceLabel: 'laptop',
} as const;

describe('createGovernance', () => {
  it('does nothing on start-up while not enrolled, and refuses unlocks', async () => {
    const t = await setup();
    const alarms: string[] = [];
    t.governance.start({
      create: (name) => void alarms.push(name),
      onAlarm: { addListener: () => undefined },
    });
    await settle();
    expect(alarms).toEqual([STATUS_ALARM, POLICY_ALARM]);
    expect(t.service.seen).toEqual([]);
    expect(await t.governance.view()).toBeNull();
    expect(await t.governance.handle({ type: 'unlock', code: '123456' })).toMatchObject({
      status: 'refused',
      code: 'not-enrolled',
    });
  });

  it('enrols, registers the authenticator, unlocks, and keeps status and policy fresh', async () => {
    const t = await setup();
    const answer = await t.governance.handle(ENROL);
    expect(answer).toEqual({ status: 'done' });
    // The status, the signed policy, and a sync of what was queued before.
    await vi.waitFor(() => {
      expect(t.service.seen).toContain('GET /v1/staff/status');
      expect(t.service.seen).toContain('GET /v1/staff/policy');
      expect(t.syncs).toEqual(['sync']);
    });
    const record = await vi.waitFor(async () => {
      const kept = await readServerPolicyRecord(t.local);
      expect(kept.kept?.version).toBe('p-1');
      return kept;
    });
    const enrollment = t.local.data.get(ENROLLMENT_KEY) as { serverKey: string };
    expect(await keptServerPolicy(record, enrollment.serverKey)).toMatchObject({ ok: true });

    const view = await t.governance.handle({ type: 'enrollment-view' });
    expect(view).toMatchObject({
      governance: {
        staffId: 'CS-0420',
        totpActive: false,
        unlockedUntil: null,
        policyVersion: 'p-1',
      },
      pendingTotp: { secret: 'JBSWY3DPEHPK3PXP' },
    });

    expect(await t.governance.handle({ type: 'confirm-totp', code: '123 456' })).toEqual({
      status: 'done',
    });
    expect(t.session.data.has(PENDING_TOTP_KEY)).toBe(false);
    expect(await t.governance.pauseBlocked()).toContain('Unlock');

    expect(await t.governance.handle({ type: 'unlock', code: '654321' })).toEqual({
      status: 'done',
      unlockedUntil: Date.parse('2026-03-06T16:00:00Z'),
    });
    await vi.waitFor(async () => expect((await t.governance.view())?.unlockedUntil).not.toBeNull());
    expect(await t.governance.view()).toMatchObject({
      totpActive: true,
      unlockedUntil: Date.parse('2026-03-06T16:00:00Z'),
      roles: ['support'],
      openCase: null,
      statusProblem: null,
      policyProblem: null,
    });
    expect(await t.governance.pauseBlocked()).toBeNull();

    // A reveal through the service: allowed, partial, logged as the server's.
    const state: PolicyState = {
      policy: StaffPolicySchema.parse(POLICY),
      source: 'server',
      identity: { staffId: 'CS-0420', role: 'support' },
      identityManaged: false,
      problems: [],
      staff: { staffId: 'CS-0420', name: 'Li Wei', roles: ['support'] },
    };
    const events: unknown[] = [];
    const reveal = await authorizeReveal(
      {
        ...t.governance.reveal,
        enqueue: async (event) => void events.push(event),
        valueHash: async () => 'b'.repeat(64),
        countReveal: async () => undefined,
        now: () => NOW,
      },
      state,
      {
        type: 'reveal-request',
        piiType: 'phone',
        value: '13812345678',
        page: { origin: 'https://crm.example.com', path: '/c/18' },
      },
    );
    expect(reveal).toEqual({ status: 'allowed', seconds: 30, access: 'partial' });
    expect(events).toMatchObject([{ authorizedBy: 'server', access: 'partial' }]);
    expect(await t.governance.reveal.history(NOW)).toEqual([{ at: NOW, kind: 'reveal' }]);
  });

  it('fetches the signed policy when the status names a new version', async () => {
    const t = await setup();
    await t.governance.handle(ENROL);
    await vi.waitFor(async () =>
      expect((await readServerPolicyRecord(t.local)).kept?.version).toBe('p-1'),
    );
    await t.service.publish({ ...POLICY, version: 'p-2' });
    const fetches = () => t.service.seen.filter((s) => s === 'GET /v1/staff/policy').length;
    const before = fetches();
    await t.governance.refreshStatus();
    await vi.waitFor(async () =>
      expect((await readServerPolicyRecord(t.local)).kept?.version).toBe('p-2'),
    );
    expect(fetches()).toBe(before + 1);
    // The same version again: no fetch.
    await t.governance.refreshStatus();
    await settle();
    expect(fetches()).toBe(before + 1);
  });

  it('fetches on start-up only what is not fresh (the worker restarts often)', async () => {
    const t = await setup();
    await t.governance.handle(ENROL);
    await vi.waitFor(async () =>
      expect((await readServerPolicyRecord(t.local)).kept?.version).toBe('p-1'),
    );
    const before = t.service.seen.length;
    t.restart().start(NO_ALARMS);
    await settle();
    expect(t.service.seen.length).toBe(before);
    t.clock.now += 2 * 60_000;
    t.restart().start(NO_ALARMS);
    await vi.waitFor(() =>
      expect(t.service.seen.slice(before).sort()).toEqual([
        'GET /v1/staff/policy',
        'GET /v1/staff/status',
      ]),
    );
  });
});
