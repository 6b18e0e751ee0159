// Tests of the console's activity routes: the chart (busiest first, the policy's daily limit as the
// threshold, the range limit), the events list and its keyset paging, the export (CSV with its
// header and formula-looking cells defused, JSON lines, streamed page by page, on the record, also
// when interrupted), and the ingest hook that feeds the index.
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChartResponseSchema, ConsoleEntrySchema } from '../../shared/schema/review';
import type { StaffEvent } from '../../shared/schema';
import type { IndexedEvent } from '../activity';
import type { ErrorBody } from '../app';
import { onError } from '../app/errors';
import { ledgerEntries } from '../ledger/entries';
import { crmPolicy } from '../staff/test-helpers';
import { activityRoutes, EXPORT_COLUMNS } from './activity-routes';
import type { ConsoleEnv } from './roles';
import { consoleTestApp } from './session/test-app';

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

let n = 0;
/** An indexed event at ledger index `index` (the index is what the console pages by). */
function indexed(
  index: number,
  at: string,
  staffId: string | null,
  kind: 'page-view' | 'reveal' = 'page-view',
  origin = 'https://crm.example.com',
): IndexedEvent {
  const base = {
    schema: 1 as const,
    id: `0190f7a2-1b3c-7def-8a12-${(n++).toString(16).padStart(12, '0')}`,
    deviceId: '0190f7a2-1b3c-7def-8a12-ffffffffffff',
    seq: index,
    staffId,
    role: 'support',
    policyVersion: '1',
    at,
    page: { origin, path: '/customers/18' },
  };
  const event: StaffEvent =
    kind === 'page-view'
      ? { ...base, kind, counts: { phone: 1 } }
      : { ...base, kind, piiType: 'phone', count: 1, valueHash: 'a'.repeat(64), seconds: 30 };
  return { index, staffId, event };
}

describe('GET /admin/api/activity/chart', () => {
  it('answers each staff member’s days, busiest first, against the daily limit', async () => {
    const t = setup();
    t.activity.record([
      indexed(0, '2026-11-20T02:00:00.000Z', 'CS-0420'),
      indexed(1, '2026-11-20T03:00:00.000Z', 'CS-0420', 'reveal'),
      indexed(2, '2026-11-21T02:00:00.000Z', 'CS-0420'),
      indexed(3, '2026-11-21T02:00:00.000Z', 'CS-0007'),
    ]);
    const cookie = await t.signIn('auditor');
    const res = await t.api('/activity/chart?from=2026-11-20&to=2026-11-21', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(ChartResponseSchema.parse(await res.json())).toEqual({
      from: '2026-11-20',
      to: '2026-11-21',
      threshold: 50,
      staffCount: 2,
      staff: [
        {
          staffId: 'CS-0420',
          peak: 2,
          days: [
            ['2026-11-20', 1, 1],
            ['2026-11-21', 1, 0],
          ],
        },
        { staffId: 'CS-0007', peak: 1, days: [['2026-11-21', 1, 0]] },
      ],
    });
    const page = await t.api('/activity/chart?from=2026-11-20&to=2026-11-21&limit=1&offset=1', {
      cookie,
    });
    expect(await page.json()).toMatchObject({ staffCount: 2, staff: [{ staffId: 'CS-0007' }] });
  });

  it('draws the published policy’s daily limit as the threshold', async () => {
    const t = setup();
    const policy = crmPolicy();
    await t.publish({ ...policy, rules: { timeZone: 'Asia/Shanghai', dailyLimit: { max: 30 } } });
    const cookie = await t.signIn('auditor');
    const res = await t.api('/activity/chart?from=2026-11-20&to=2026-11-21', { cookie });
    expect(await res.json()).toMatchObject({ threshold: 30, staffCount: 0, staff: [] });
  });

  it('refuses more than 92 days, a reversed range and a bad date (400)', async () => {
    const t = setup();
    const cookie = await t.signIn('auditor');
    const long = await t.api('/activity/chart?from=2026-08-01&to=2026-11-01', { cookie });
    expect(long.status).toBe(400);
    expect(await errorOf(long)).toMatchObject({ code: 'range-too-long' });
    expect((await t.api('/activity/chart?from=2026-08-01&to=2026-10-31', { cookie })).status).toBe(
      200,
    );
    const reversed = await t.api('/activity/chart?from=2026-11-02&to=2026-11-01', { cookie });
    expect(reversed.status).toBe(400);
    const bad = await t.api('/activity/chart?from=yesterday&to=2026-11-01', { cookie });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toContain('from');
  });
});

describe('GET /admin/api/activity/events', () => {
  it('pages by ledger index and filters by staff member, kind, PII type and origin', async () => {
    const t = setup();
    t.activity.record([
      indexed(10, '2026-11-20T02:00:00.000Z', 'CS-0420'),
      indexed(11, '2026-11-20T02:01:00.000Z', 'CS-0007'),
      indexed(12, '2026-11-20T02:02:00.000Z', 'CS-0420', 'reveal'),
      indexed(13, '2026-11-20T02:03:00.000Z', 'CS-0420', 'page-view', 'https://erp.example.com'),
    ]);
    const cookie = await t.signIn('auditor');
    const first = await t.api('/activity/events?from=2026-11-20&to=2026-11-20&limit=2', { cookie });
    const one = (await first.json()) as { rows: { index: number }[]; next: number | null };
    expect(one.rows.map((r) => r.index)).toEqual([10, 11]);
    expect(one.next).toBe(11);
    const second = await t.api(
      `/activity/events?from=2026-11-20&to=2026-11-20&limit=2&after=${one.next}`,
      { cookie },
    );
    expect(await second.json()).toMatchObject({ rows: [{ index: 12 }, { index: 13 }], next: null });

    const filtered = await t.api(
      '/activity/events?from=2026-11-20&to=2026-11-20&staffId=CS-0420&kind=page-view&origin=https://crm.example.com',
      { cookie },
    );
    expect(await filtered.json()).toEqual({
      rows: [
        {
          index: 10,
          staffId: 'CS-0420',
          day: '2026-11-20',
          at: '2026-11-20T02:00:00.000Z',
          kind: 'page-view',
          origin: 'https://crm.example.com',
          piiType: null,
        },
      ],
      next: null,
    });
    const phones = await t.api('/activity/events?from=2026-11-20&to=2026-11-20&piiType=phone', {
      cookie,
    });
    expect(
      ((await phones.json()) as { rows: { index: number }[] }).rows.map((r) => r.index),
    ).toEqual([12]);
    const ids = await t.api('/activity/events?from=2026-11-20&to=2026-11-20&piiType=cn_id', {
      cookie,
    });
    expect(await ids.json()).toEqual({ rows: [], next: null });
    for (const bad of ['limit=501', 'kind=delete', 'piiType=iban', 'after=x', 'extra=1']) {
      const res = await t.api(`/activity/events?from=2026-11-20&to=2026-11-20&${bad}`, { cookie });
      expect(res.status, bad).toBe(400);
    }
  });
});

describe('GET /admin/api/activity/export', () => {
  it('downloads CSV with a header, defuses formula-looking cells, and records the export', async () => {
    const t = setup();
    t.activity.record([
      indexed(0, '2026-11-20T02:00:00.000Z', 'CS-0420', 'reveal'),
      // An unbound device's own claim can be anything a browser writes: here a spreadsheet formula.
      indexed(1, '2026-11-20T02:01:00.000Z', '=HYPERLINK("http://evil.example","x")'),
      indexed(2, '2026-11-25T02:01:00.000Z', 'CS-0420'),
    ]);
    const cookie = await t.signIn('auditor');
    const res = await t.api('/activity/export?format=csv&from=2026-11-20&to=2026-11-21', {
      cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=UTF-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="custodian-activity-2026-11-20-2026-11-21.csv"',
    );
    expect(await res.text()).toBe(
      [
        EXPORT_COLUMNS.join(','),
        '0,2026-11-20T02:00:00.000Z,2026-11-20,CS-0420,reveal,https://crm.example.com,phone',
        `1,2026-11-20T02:01:00.000Z,2026-11-20,"'=HYPERLINK(""http://evil.example"",""x"")",page-view,https://crm.example.com,`,
        '',
      ].join('\r\n'),
    );
    expect(t.consoleEntries().at(-1)).toEqual({
      kind: 'exported',
      by: 'ops.auditor',
      at: new Date(t.clock.now()).toISOString(),
      what: 'activity events',
      format: 'csv',
      query: '?format=csv&from=2026-11-20&to=2026-11-21',
      rows: 2,
    });
  });

  it('downloads JSON lines of the filtered events, and records the query', async () => {
    const t = setup();
    t.activity.record([
      indexed(0, '2026-11-20T02:00:00.000Z', 'CS-0420'),
      indexed(1, '2026-11-20T02:01:00.000Z', 'CS-0007'),
    ]);
    const cookie = await t.signIn('reviewer');
    const res = await t.api(
      '/activity/export?format=jsonl&from=2026-11-20&to=2026-11-20&staffId=CS-0007',
      { cookie },
    );
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=UTF-8');
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ index: 1, staffId: 'CS-0007' }),
    ]);
    expect(t.consoleEntries().at(-1)).toMatchObject({
      kind: 'exported',
      by: 'ops.reviewer',
      format: 'jsonl',
      query: '?format=jsonl&from=2026-11-20&to=2026-11-20&staffId=CS-0007',
      rows: 1,
    });
  });

  it('streams page by page, and records an export the client stopped reading', async () => {
    const t = setup();
    t.activity.record(
      Array.from({ length: 7 }, (_, i) => indexed(i, '2026-11-20T02:00:00.000Z', 'CS-0420')),
    );
    const read: number[] = [];
    const counting = {
      ...t.activity,
      events: (q: Parameters<typeof t.activity.events>[0]) => {
        const page = t.activity.events(q);
        read.push(page.rows.length);
        return page;
      },
    };
    const app = new Hono<ConsoleEnv>();
    app.use('*', async (c, next) => {
      c.set('operator', { name: 'ops.auditor', role: 'auditor' });
      await next();
    });
    app.route('/', activityRoutes({ ...t, activity: counting, exportPageRows: 3 }));
    app.onError(onError);
    const url = '/activity/export?format=jsonl&from=2026-11-20&to=2026-11-20';

    const whole = await app.request(url);
    expect((await whole.text()).trimEnd().split('\n')).toHaveLength(7);
    expect(read).toEqual([3, 3, 1]);

    const cut = await app.request(url);
    const reader = cut.body!.getReader();
    await reader.read();
    await reader.cancel();
    const exported = ledgerEntries(t.ledger)
      .filter((e) => e.kind === 'console')
      .map((e) => ConsoleEntrySchema.parse(e.payload));
    expect(exported.map((e) => e.kind === 'exported' && e.rows)).toEqual([7, 3]);
  });
});

describe('the ingest hook', () => {
  it('folds new events into the index under the device’s staff member, once', async () => {
    const t = setup();
    const { device } = await t.unlockedStaff();
    // The browser claims another staff number: the device's enrollment decides.
    const events = [
      t.event('page-view', { staffId: 'CS-9999' }),
      t.event('reveal', { staffId: 'CS-9999' }),
    ];
    await t.sendEvents(device, events);
    await t.sendEvents(device, events);
    const day = new Date(t.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const page = t.activity.events({ from: day, to: day, limit: 10 });
    expect(page.rows.map((r) => [r.staffId, r.kind])).toEqual([
      ['CS-0420', 'page-view'],
      ['CS-0420', 'reveal'],
    ]);
    const acks = ledgerEntries(t.ledger).filter((e) => e.kind === 'staff-event');
    expect(page.rows.map((r) => r.index)).toEqual(acks.map((e) => e.index));
    expect(t.activity.staffCount({ from: day, to: day })).toBe(1);
  });

  it('never fails ingest when the index cannot be written', async () => {
    const t = setup();
    const { device } = await t.unlockedStaff();
    const failing = vi.spyOn(t.activity, 'record').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await t.sendEvents(device, [t.event('page-view')]);
    expect(((await res.json()) as { acks: unknown[] }).acks).toHaveLength(1);
    expect(failing).toHaveBeenCalledOnce();
    expect(quiet).toHaveBeenCalledWith(
      '[events] stored, but not folded into the activity index:',
      'disk I/O error',
    );
    quiet.mockRestore();
    failing.mockRestore();
  });
});
