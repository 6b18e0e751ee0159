// The spot-check routes (R18) through `app.request()`: the population from recorded roles and from
// grants overlapping the quarter (in the activity index's time zone), a sample redrawn from the
// recorded seed, findings, signing into the ledger, and every refusal.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleIndexes } from '../../../shared/review';
import { SpotCheckDetailSchema } from '../../../shared/schema/console-records';
import type { StaffEvent } from '../../../shared/schema/events';
import { SpotCheckSchema, type SpotCheck } from '../../../shared/schema/review';
import type { Grant } from '../../../shared/schema/staff';
import { openActivityIndex, type ActivityIndex, type IndexedEvent } from '../../activity';
import { openGovernanceStore, type GovernanceStore } from '../../staff/store';
import { consoleEntries, errorOf, mount, OPERATORS, tempConsole } from '../test-helpers';
import { spotCheckRoutes } from './routes';
import { spotCheckPopulation, type SpotCheckDeps } from './service';
import { startOfDay } from './zoned-days';

const ZONE = 'Asia/Shanghai';
const CheckListSchema = z.object({ checks: z.array(SpotCheckSchema) });
let grants = 0;
const DEVICE = '0190f7a2-1b3c-7def-8a12-000000000001';

function event(index: number, at: string, staffId: string, role: string): IndexedEvent {
  const e: StaffEvent = {
    schema: 1,
    id: `0190f7a2-1b3c-7def-8a12-${index.toString(16).padStart(12, '0')}`,
    deviceId: DEVICE,
    seq: index,
    staffId,
    role,
    policyVersion: '1',
    at,
    page: { origin: 'https://crm.example.com', path: '/customers/18' },
    kind: 'page-view',
    counts: { phone: 1 },
  };
  return { index, staffId, event: e };
}

function grant(staffId: string, grantedAt: string, expiresAt: string): Grant {
  return {
    grantId: `0190f7a2-1b3c-7def-8a12-${String((grants += 1)).padStart(12, '0')}`,
    staffId,
    role: 'data-admin',
    grantedAt,
    grantedBy: 'li.wei',
    expiresAt,
    note: 'quarter close',
    revokedAt: null,
    revokedBy: null,
  };
}

let t: ReturnType<typeof tempConsole>;
let activity: ActivityIndex;
let governance: GovernanceStore;
let deps: SpotCheckDeps;
let call: ReturnType<typeof mount>;

/** Indexes of the events the Q3 population must hold, as set up below. */
const expected: number[] = [];

beforeEach(() => {
  t = tempConsole();
  activity = openActivityIndex(join(t.dir, 'activity.db'), ZONE);
  governance = openGovernanceStore(join(t.dir, 'governance.db'));
  for (const id of ['DA-0001', 'CS-0777', 'CS-0888', 'CS-0999', 'CS-0420', 'CS-0500']) {
    governance.insertStaff(id, id, t.clock.now());
  }
  // CS-0777 held data-admin through the quarter; CS-0999's grant ended 1 ms into it (Shanghai
  // midnight is 16:00 UTC); CS-0888's ended 1 ms before it; CS-0500's was revoked before it.
  governance.insertGrant(grant('CS-0777', '2026-06-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z'));
  governance.insertGrant(grant('CS-0999', '2026-05-01T00:00:00.000Z', '2026-06-30T16:00:00.001Z'));
  governance.insertGrant(grant('CS-0888', '2026-05-01T00:00:00.000Z', '2026-06-30T15:59:59.999Z'));
  const revoked = grant('CS-0500', '2026-05-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z');
  governance.insertGrant(revoked);
  governance.revokeGrant(revoked.grantId, '2026-06-30T15:00:00.000Z', 'li.wei');

  const rows: IndexedEvent[] = [];
  expected.length = 0;
  let i = 0;
  const add = (at: string, staffId: string, role: string, inPopulation: boolean) => {
    rows.push(event(i, at, staffId, role));
    if (inPopulation) expected.push(i);
    i += 1;
  };
  // 40 data-admin events spread over the quarter's days.
  for (let d = 0; d < 40; d++) {
    add(
      new Date(Date.parse('2026-07-02T02:00:00Z') + d * 2 * 86_400_000).toISOString(),
      'DA-0001',
      'data-admin',
      true,
    );
  }
  add('2026-06-30T16:30:00.000Z', 'DA-0001', 'data-admin', true); // 1 July 00:30 in Shanghai
  add('2026-06-30T15:30:00.000Z', 'DA-0001', 'data-admin', false); // still 30 June there
  add('2026-09-30T16:30:00.000Z', 'DA-0001', 'data-admin', false); // 1 October there
  add('2026-08-10T03:00:00.000Z', 'CS-0777', 'support', true); // held data-admin by grant
  add('2026-08-10T03:00:00.000Z', 'CS-0999', 'support', true); // grant overlapped by 1 ms
  add('2026-08-10T03:00:00.000Z', 'CS-0888', 'support', false); // grant ended just before
  add('2026-08-10T03:00:00.000Z', 'CS-0500', 'support', false); // revoked before the quarter
  add('2026-08-10T03:00:00.000Z', 'CS-0420', 'support', false); // never held the role
  activity.record(rows);

  deps = { store: t.store, ledger: t.ledger, activity, grants: governance, now: t.clock.now };
  call = mount(spotCheckRoutes(deps));
});

afterEach(() => {
  activity.close();
  governance.close();
  t.close();
});

async function draw(sampleSize = 10): Promise<SpotCheck> {
  const res = await call('/spot-checks', {
    as: 'reviewer',
    body: { quarter: '2026-Q3', roles: ['data-admin'], sampleSize },
  });
  expect(res.status).toBe(201);
  return SpotCheckSchema.parse(await res.json());
}

describe('quarter boundaries', () => {
  it('starts a Shanghai quarter at 16:00 UTC the day before', () => {
    expect(new Date(startOfDay('2026-07-01', ZONE)).toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(new Date(startOfDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(new Date(startOfDay('2026-03-30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });
});

describe('POST /spot-checks', () => {
  it("samples the roles' events of the quarter, by recorded role and by grant, and records the draw", async () => {
    const check = await draw(10);
    expect(check).toMatchObject({
      quarter: '2026-Q3',
      roles: ['data-admin'],
      population: expected.length,
      status: 'open',
      createdBy: OPERATORS.reviewer,
      findings: [],
      ledgerIndex: null,
    });
    expect(check.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(check.sample).toHaveLength(10);
    for (const i of check.sample) expect(expected).toContain(i);
    expect(spotCheckPopulation(deps, '2026-Q3', ['data-admin'])).toEqual(expected);

    const [entry] = consoleEntries(t.ledger);
    expect(entry).toEqual({
      kind: 'spot-check-drawn',
      by: OPERATORS.reviewer,
      at: check.createdAt,
      checkId: check.checkId,
      quarter: '2026-Q3',
      roles: ['data-admin'],
      seed: check.seed,
      population: expected.length,
      sample: check.sample,
    });
  });

  it('can be redrawn by anyone from the recorded seed and the population', async () => {
    const check = await draw(12);
    const [entry] = consoleEntries(t.ledger);
    if (entry?.kind !== 'spot-check-drawn') throw new Error('no draw recorded');
    const population = spotCheckPopulation(deps, entry.quarter, entry.roles);
    expect(sampleIndexes(population, 12, entry.seed)).toEqual({ ok: true, value: check.sample });
    // A second draw has its own seed, hence (almost surely) another sample.
    const again = await draw(12);
    expect(again.seed).not.toBe(check.seed);
    expect(sampleIndexes(population, 12, again.seed)).toEqual({ ok: true, value: again.sample });
  });

  it('takes the whole population when it is smaller than the sample', async () => {
    const check = await draw(500);
    expect(check.sample).toEqual(expected);
  });

  it('refuses an auditor, a bad body and a quarter that has not started', async () => {
    const body = { quarter: '2026-Q3', roles: ['data-admin'] };
    const auditor = await call('/spot-checks', { as: 'auditor', body });
    expect(auditor.status).toBe(403);
    expect((await errorOf(auditor)).code).toBe('forbidden');

    const bad = await call('/spot-checks', {
      as: 'reviewer',
      body: { quarter: '2026-3', roles: [] },
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'bad_request', message: /quarter.*YYYY-Qn/ });

    const malformed = await call('/spot-checks', { as: 'reviewer', body: '{' });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('malformed_json');

    const future = await call('/spot-checks', {
      as: 'reviewer',
      body: { quarter: '2027-Q1', roles: ['data-admin'] },
    });
    expect(future.status).toBe(400);
    expect(await errorOf(future)).toMatchObject({
      code: 'quarter-not-started',
      message: /2026-11-24/,
    });
    expect(consoleEntries(t.ledger)).toEqual([]);
  });
});

describe('GET /spot-checks and /spot-checks/:checkId', () => {
  it('lists checks newest first, a page at a time, for an auditor', async () => {
    const first = await draw();
    t.clock.advance(1000);
    const second = await draw();
    const res = await call('/spot-checks', { as: 'auditor' });
    expect(res.status).toBe(200);
    const { checks } = CheckListSchema.parse(await res.json());
    expect(checks.map((c) => c.checkId)).toEqual([second.checkId, first.checkId]);
    const page = await call('/spot-checks?limit=1&offset=1', { as: 'auditor' });
    expect(CheckListSchema.parse(await page.json()).checks.map((c) => c.checkId)).toEqual([
      first.checkId,
    ]);
    const bad = await call('/spot-checks?limit=0', { as: 'auditor' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('bad_query');
  });

  it('shows a check with its sampled events', async () => {
    const check = await draw();
    const res = await call(`/spot-checks/${check.checkId}`, { as: 'auditor' });
    expect(res.status).toBe(200);
    const detail = SpotCheckDetailSchema.parse(await res.json());
    expect(detail.check).toEqual(check);
    expect(detail.events.map((e) => e.index)).toEqual(check.sample);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['0190f7a2-1b3c-7def-8a12-0000000000ff', 'not-a-uuid']) {
      const res = await call(`/spot-checks/${id}`, { as: 'auditor' });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('unknown-spot-check');
    }
  });
});

describe('findings and signing', () => {
  const finding = (index: number, verdict = 'ok', note = '') => ({ index, verdict, note });

  it('records a finding per sampled event, replacing one while open, then signs into the ledger', async () => {
    const check = await draw(3);
    const [a, b, c] = check.sample as [number, number, number];
    let res = await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'reviewer',
      body: finding(b, 'concern', 'no ticket'),
    });
    expect(res.status).toBe(200);
    res = await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'reviewer',
      body: finding(b, 'ok', 'ticket CS-88 found'),
    });
    let updated = SpotCheckSchema.parse(await res.json());
    expect(updated.findings).toEqual([
      {
        index: b,
        verdict: 'ok',
        note: 'ticket CS-88 found',
        by: OPERATORS.reviewer,
        at: expect.any(String),
      },
    ]);

    const early = await call(`/spot-checks/${check.checkId}/sign`, {
      as: 'reviewer',
      method: 'POST',
    });
    expect(early.status).toBe(400);
    expect(await errorOf(early)).toMatchObject({
      code: 'findings-missing',
      message: new RegExp(`2 of the 3 sampled events have no finding yet \\(${a}, ${c}\\)`),
    });

    await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'admin',
      body: finding(c, 'violation', 'exported list'),
    });
    res = await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'reviewer',
      body: finding(a),
    });
    updated = SpotCheckSchema.parse(await res.json());
    expect(updated.findings.map((f) => f.index)).toEqual([a, b, c]);

    t.clock.advance(60_000);
    res = await call(`/spot-checks/${check.checkId}/sign`, { as: 'reviewer', method: 'POST' });
    expect(res.status).toBe(200);
    const signed = SpotCheckSchema.parse(await res.json());
    expect(signed).toMatchObject({
      status: 'signed',
      signedBy: OPERATORS.reviewer,
      signedAt: new Date(t.clock.now()).toISOString(),
    });
    const entries = consoleEntries(t.ledger);
    const last = entries.at(-1);
    expect(last).toEqual({
      kind: 'spot-check-signed',
      by: OPERATORS.reviewer,
      at: signed.signedAt,
      check: { ...signed, ledgerIndex: null },
    });
    expect(signed.ledgerIndex).toBe(t.ledger.size() - 1);

    // Stored as signed, and final.
    const stored = SpotCheckDetailSchema.parse(
      await (await call(`/spot-checks/${check.checkId}`, { as: 'auditor' })).json(),
    );
    expect(stored.check).toEqual(signed);
    const again = await call(`/spot-checks/${check.checkId}/sign`, {
      as: 'reviewer',
      method: 'POST',
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('spot-check-signed');
    const late = await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'reviewer',
      body: finding(a, 'concern'),
    });
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('spot-check-signed');
    expect(consoleEntries(t.ledger)).toHaveLength(entries.length);
  });

  it('refuses a finding for an event outside the sample, a bad body, an unknown check and an auditor', async () => {
    const check = await draw(3);
    const outside = expected.find((i) => !check.sample.includes(i))!;
    const res = await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'reviewer',
      body: finding(outside),
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('not-in-sample');

    const bad = await call(`/spot-checks/${check.checkId}/findings`, {
      as: 'reviewer',
      body: { index: check.sample[0], verdict: 'fine' },
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'bad_request', message: /verdict/ });

    const unknown = await call('/spot-checks/0190f7a2-1b3c-7def-8a12-0000000000ff/findings', {
      as: 'reviewer',
      body: finding(check.sample[0]!),
    });
    expect(unknown.status).toBe(404);
    const unknownSign = await call('/spot-checks/0190f7a2-1b3c-7def-8a12-0000000000ff/sign', {
      as: 'reviewer',
      method: 'POST',
    });
    expect(unknownSign.status).toBe(404);

    for (const path of ['findings', 'sign']) {
      const auditor = await call(`/spot-checks/${check.checkId}/${path}`, {
        as: 'auditor',
        body: finding(check.sample[0]!),
      });
      expect(auditor.status).toBe(403);
      expect((await errorOf(auditor)).code).toBe('forbidden');
    }
  });

  it('signs an empty sample at once: the roles had no events that quarter', async () => {
    const res = await call('/spot-checks', {
      as: 'reviewer',
      body: { quarter: '2026-Q1', roles: ['data-admin'] },
    });
    const check = SpotCheckSchema.parse(await res.json());
    expect(check).toMatchObject({ population: 0, sample: [] });
    const signed = await call(`/spot-checks/${check.checkId}/sign`, {
      as: 'reviewer',
      method: 'POST',
    });
    expect(signed.status).toBe(200);
  });
});
