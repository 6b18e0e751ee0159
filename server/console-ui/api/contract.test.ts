// The console's API client against the real console routes (server/console), not the mock: every
// call the pages make, its answer parsed with the schema the page relies on. A route that changes
// its shape fails here, before a reviewer sees "not what this console expects".
import { afterEach, describe, expect, it } from 'vitest';
import { consoleTestApp, type ConsoleRole } from '../../console/session/test-app';
import { totpCode } from '../../staff/test-helpers';
import { ApiError, consoleApi, createClient } from './index';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** The console's client over the app, keeping the session cookie as a browser would. */
function browser(t: ReturnType<typeof consoleTestApp>) {
  let cookie = '';
  const signedOut: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await t.consoleApp.request(`http://localhost${String(input)}`, {
      ...init,
      headers,
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
  const api = consoleApi(createClient({ fetch, onSignedOut: (m) => signedOut.push(m) }));
  const signIn = (role: ConsoleRole) => {
    t.clock.advance(30_000);
    const { name, password, secret } = t.credentials[role];
    return api.signIn({ name, password, code: totpCode(secret, t.clock.now()) });
  };
  return { api, signIn, signedOut };
}

describe('the console client against the real routes', () => {
  it('reads every page and takes every action with answers that parse', async () => {
    const t = consoleTestApp({ consent: true });
    open.push(t);
    const staff = await t.unlockedStaff();
    await t.sendEvents(
      staff.device,
      Array.from({ length: 5 }, () => t.event('page-view')),
    );
    const { api, signIn, signedOut } = browser(t);

    await expect(api.session()).rejects.toMatchObject({ status: 401, code: 'signed-out' });
    await expect(
      api.signIn({ name: 'ops.admin', password: 'wrong', code: '000000' }),
    ).rejects.toMatchObject({ status: 401 });
    const session = await signIn('admin');
    expect(session.role).toBe('admin');
    expect(await api.session()).toEqual(session);

    const day = new Date(t.clock.now()).toISOString().slice(0, 10);
    const chart = await api.chart({ from: day, to: day, limit: 50, offset: 0 });
    expect(chart.staff.map((s) => s.staffId)).toEqual([staff.staffId]);
    const events = await api.events({ from: day, to: day, staffId: staff.staffId, limit: 2 });
    expect(events.rows).toHaveLength(2);
    const more = await api.events({
      from: day,
      to: day,
      staffId: staff.staffId,
      after: events.next ?? undefined,
    });
    expect(more.rows).toHaveLength(3);

    expect((await api.reviews('open')).cases).toEqual([]);

    const check = await api.createSpotCheck({
      quarter: '2026-Q4',
      roles: ['support'],
      sampleSize: 2,
    });
    expect(check.sample).toHaveLength(2);
    const detail = await api.spotCheck(check.checkId);
    expect(detail.events.map((e) => e.index)).toEqual(check.sample);
    for (const index of check.sample)
      await api.addFinding(check.checkId, { index, verdict: 'ok', note: '' });
    expect((await api.signSpotCheck(check.checkId)).status).toBe('signed');
    expect((await api.spotChecks()).checks).toHaveLength(1);

    const integrity = await api.integrity();
    expect(integrity.commands.length).toBeGreaterThan(0);
    expect((await api.rerunVerify()).verify.ok).toBe(true);

    const stats = await api.consentStats({});
    expect(stats.rows).toBeInstanceOf(Array);
    expect((await api.dataRequests()).requests).toEqual([]);
    const retention = await api.retention();
    for (const item of retention.due) expect((await api.destroy(item.kind)).kind).toBe(item.kind);

    const incident = await api.openIncident({
      level: 1,
      title: 'Misdirected reply',
      description: '',
      discoveredAt: new Date(t.clock.now()).toISOString(),
    });
    expect(incident.clock[0]?.status).toBe('running');
    await api.addStep(incident.incidentId, { action: 'closed', note: 'done' });
    expect((await api.incident(incident.incidentId)).closedAt).not.toBeNull();
    expect((await api.incidents()).incidents).toHaveLength(1);

    await api.signOut();
    await expect(api.integrity()).rejects.toBeInstanceOf(ApiError);
    // Both 401s reported (the first check before signing in, then after signing out); a failed
    // sign-in is the form's to show, not a lost session.
    expect(signedOut).toHaveLength(2);
  });

  it('is refused what the role may not do, with the server’s message', async () => {
    const t = consoleTestApp({ consent: true });
    open.push(t);
    const { api, signIn } = browser(t);
    await signIn('auditor');
    const refused = await api.rerunVerify().catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    expect((refused as ApiError).message).toMatch(/admin/);
  });
});
