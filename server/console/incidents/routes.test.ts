// The incident register's routes (R21) through `app.request()`: opening with a level, the clock
// from discovery at its boundaries (1 hour, 48 hours, to the millisecond), steps recorded with who
// and when, closing, open incidents first, and every refusal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IncidentViewSchema, type IncidentView } from '../../../shared/schema/console-records';
import { IncidentSchema } from '../../../shared/schema/review';
import { consoleEntries, errorOf, mount, OPERATORS, START, tempConsole } from '../test-helpers';
import { incidentRoutes } from './routes';

const HOUR = 3_600_000;
const ListSchema = z.object({ incidents: z.array(IncidentViewSchema) });

let t: ReturnType<typeof tempConsole>;
let call: ReturnType<typeof mount>;

beforeEach(() => {
  t = tempConsole();
  call = mount(incidentRoutes({ store: t.store, ledger: t.ledger, now: t.clock.now }));
});
afterEach(() => t.close());

const iso = (ms: number) => new Date(ms).toISOString();

async function open(
  level: number,
  discoveredAt = t.clock.now(),
  title = 'Parcel label sent to the wrong customer',
) {
  const res = await call('/incidents', {
    as: 'reviewer',
    body: { level, title, discoveredAt: iso(discoveredAt) },
  });
  expect(res.status).toBe(201);
  return IncidentViewSchema.parse(await res.json());
}

async function view(incidentId: string): Promise<IncidentView> {
  const res = await call(`/incidents/${incidentId}`, { as: 'auditor' });
  expect(res.status).toBe(200);
  return IncidentViewSchema.parse(await res.json());
}

async function step(incidentId: string, action: string, note = 'done as the playbook says') {
  return call(`/incidents/${incidentId}/steps`, { as: 'reviewer', body: { action, note } });
}

describe('POST /incidents', () => {
  it('opens an incident with its clock running from discovery, and records it', async () => {
    const discovered = t.clock.now() - 20 * 60_000;
    const incident = await open(1, discovered);
    expect(incident).toMatchObject({
      level: 1,
      description: '',
      discoveredAt: iso(discovered),
      openedBy: OPERATORS.reviewer,
      openedAt: iso(t.clock.now()),
      steps: [],
      closedAt: null,
      clock: [
        {
          step: 'customer-notified',
          dueAt: discovered + HOUR,
          remainingMs: 40 * 60_000,
          status: 'running',
        },
      ],
    });
    const stored = t.store.incident(incident.incidentId);
    expect(stored).toEqual(IncidentSchema.strip().parse(incident));
    expect(consoleEntries(t.ledger)).toEqual([
      { kind: 'incident-opened', by: OPERATORS.reviewer, at: incident.openedAt, incident: stored },
    ]);
  });

  it('keeps discoveredAt as an instant, whatever zone it was written in', async () => {
    const res = await call('/incidents', {
      as: 'admin',
      body: {
        level: 2,
        title: 'Batch export mailed out',
        discoveredAt: '2026-11-24T08:00:00+08:00',
      },
    });
    expect(IncidentViewSchema.parse(await res.json()).discoveredAt).toBe(
      '2026-11-24T00:00:00.000Z',
    );
  });

  it('refuses an auditor, a bad body and a discovery in the future', async () => {
    const body = { level: 1, title: 'x', discoveredAt: iso(t.clock.now()) };
    const auditor = await call('/incidents', {
      as: 'auditor',
      body: { ...body, title: 'A title' },
    });
    expect(auditor.status).toBe(403);
    expect((await errorOf(auditor)).code).toBe('forbidden');

    const bad = await call('/incidents', { as: 'reviewer', body: { ...body, level: 5 } });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'bad_request', message: /level/ });

    const future = await call('/incidents', {
      as: 'reviewer',
      body: { ...body, title: 'A title', discoveredAt: iso(t.clock.now() + 5 * 60_000 + 1) },
    });
    expect(future.status).toBe(400);
    expect((await errorOf(future)).code).toBe('discovered-in-future');
    // A clock a few minutes fast is tolerated.
    await open(1, t.clock.now() + 5 * 60_000);
  });
});

describe('the clock at its boundaries', () => {
  it('level 1: running at exactly one hour, overdue one millisecond later', async () => {
    const incident = await open(1);
    t.clock.advance(HOUR);
    expect((await view(incident.incidentId)).clock[0]).toMatchObject({
      status: 'running',
      remainingMs: 0,
    });
    t.clock.advance(1);
    expect((await view(incident.incidentId)).clock[0]).toMatchObject({
      status: 'overdue',
      remainingMs: -1,
    });
  });

  it('level 1: a customer told at exactly one hour is on time, one millisecond later is late', async () => {
    const onTime = await open(1);
    const late = await open(1);
    t.clock.advance(HOUR);
    expect((await step(onTime.incidentId, 'customer-notified')).status).toBe(200);
    t.clock.advance(1);
    const res = await step(late.incidentId, 'customer-notified', 'phoned her');
    const answer = IncidentViewSchema.parse(await res.json());
    expect(answer.clock[0]).toMatchObject({ status: 'done-late', doneAt: t.clock.now() });
    expect((await view(onTime.incidentId)).clock[0]).toMatchObject({
      status: 'done',
      doneAt: Date.parse(onTime.discoveredAt) + HOUR,
      remainingMs: null,
    });
  });

  it('level 2: the regulator within 48 hours, to the millisecond', async () => {
    const incident = await open(2);
    t.clock.advance(48 * HOUR);
    expect((await view(incident.incidentId)).clock).toEqual([
      {
        step: 'regulator-reported',
        dueAt: Date.parse(incident.discoveredAt) + 48 * HOUR,
        doneAt: null,
        remainingMs: 0,
        status: 'running',
      },
    ]);
    t.clock.advance(1);
    expect((await view(incident.incidentId)).clock[0]?.status).toBe('overdue');
  });

  it('levels 3 and 4 run both clocks; notifying the customer stops only that one', async () => {
    const incident = await open(3);
    t.clock.advance(30 * 60_000);
    await step(incident.incidentId, 'customer-notified', 'sent the letter');
    t.clock.advance(48 * HOUR);
    expect((await view(incident.incidentId)).clock.map((d) => [d.step, d.status])).toEqual([
      ['customer-notified', 'done'],
      ['regulator-reported', 'overdue'],
    ]);
  });
});

describe('steps', () => {
  it('records each step with the operator and the server time, and closes on `closed`', async () => {
    const incident = await open(1);
    t.clock.advance(10 * 60_000);
    let res = await step(incident.incidentId, 'contained', 'recalled the parcel');
    expect(res.status).toBe(200);
    t.clock.advance(5 * 60_000);
    res = await call(`/incidents/${incident.incidentId}/steps`, {
      as: 'admin',
      body: { action: 'closed', note: 'customer satisfied' },
    });
    const closed = IncidentViewSchema.parse(await res.json());
    expect(closed.steps).toEqual([
      {
        action: 'contained',
        note: 'recalled the parcel',
        by: OPERATORS.reviewer,
        at: iso(START + 10 * 60_000),
      },
      { action: 'closed', note: 'customer satisfied', by: OPERATORS.admin, at: iso(t.clock.now()) },
    ]);
    expect(closed.closedAt).toBe(iso(t.clock.now()));
    expect(consoleEntries(t.ledger).slice(1)).toEqual([
      {
        kind: 'incident-step',
        by: OPERATORS.reviewer,
        at: closed.steps[0]!.at,
        incidentId: incident.incidentId,
        step: closed.steps[0],
      },
      {
        kind: 'incident-step',
        by: OPERATORS.admin,
        at: closed.steps[1]!.at,
        incidentId: incident.incidentId,
        step: closed.steps[1],
      },
    ]);

    const after = await step(incident.incidentId, 'note', 'one more thing');
    expect(after.status).toBe(409);
    expect((await errorOf(after)).code).toBe('incident-closed');
    expect(consoleEntries(t.ledger)).toHaveLength(3);
  });

  it('refuses an auditor, a bad body and an unknown incident', async () => {
    const incident = await open(1);
    const auditor = await call(`/incidents/${incident.incidentId}/steps`, {
      as: 'auditor',
      body: { action: 'note', note: 'looked at it' },
    });
    expect(auditor.status).toBe(403);
    const bad = await step(incident.incidentId, 'escalated');
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'bad_request', message: /action/ });
    for (const id of ['0190f7a2-1b3c-7def-8a12-0000000000ff', 'nope']) {
      const res = await step(id, 'note');
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('unknown-incident');
      const get = await call(`/incidents/${id}`, { as: 'auditor' });
      expect(get.status).toBe(404);
    }
  });
});

describe('GET /incidents', () => {
  it('lists open incidents first, then closed ones, each newest discovered first, with clocks', async () => {
    const old = await open(2, t.clock.now() - 3 * HOUR, 'Old batch exposure');
    const closed = await open(1, t.clock.now() - HOUR / 2, 'Closed misdirected record');
    await step(closed.incidentId, 'closed', 'resolved');
    const recent = await open(1, t.clock.now() - HOUR / 4, 'Recent misdirected record');
    const res = await call('/incidents', { as: 'auditor' });
    expect(res.status).toBe(200);
    const { incidents } = ListSchema.parse(await res.json());
    expect(incidents.map((i) => i.incidentId)).toEqual([
      recent.incidentId,
      old.incidentId,
      closed.incidentId,
    ]);
    expect(incidents[0]?.clock[0]?.remainingMs).toBe(45 * 60_000);
    const page = ListSchema.parse(
      await (await call('/incidents?limit=1&offset=2', { as: 'auditor' })).json(),
    );
    expect(page.incidents.map((i) => i.incidentId)).toEqual([closed.incidentId]);
    const bad = await call('/incidents?offset=-1', { as: 'auditor' });
    expect(bad.status).toBe(400);
  });
});
