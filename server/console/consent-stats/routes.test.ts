// The consent routes (R6) through `app.request()`, over a real consent service: grants, refusals
// and withdrawals per version, purpose and month (a withdrawal told from a refusal after a lapse,
// a repeated decision counting nothing), the data-request queue with overdue flags, and status
// changes by an administrator recorded twice in the ledger (the service's and the console's).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConsentStatsSchema,
  DataRequestQueueSchema,
  QueuedDataRequestSchema,
  type ConsentStatRow,
} from '../../../shared/schema/console-records';
import type { SubjectCredentials } from '../../../shared/schema/consent';
import { ledgerEntries, shopDecision, shopPolicy, tempConsent } from '../../consent/test-helpers';
import { consoleEntries, errorOf, mount, OPERATORS } from '../test-helpers';
import { consentStatsRoutes } from './routes';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

let t: ReturnType<typeof tempConsent>;
let call: ReturnType<typeof mount>;

beforeEach(() => {
  t = tempConsent(); // the clock starts 2026-11-22T10:00Z
  call = mount(consentStatsRoutes({ consent: t.consent, ledger: t.ledger, now: t.clock.now }));
  expect(t.consent.publish(shopPolicy(1)).ok).toBe(true);
});
afterEach(() => t.close());

function textHash(version: number): string {
  const published = t.consent.policy('shop', version);
  if (!published.ok) throw new Error(published.message);
  return published.value.textHashes.en;
}

function decide(
  choices: Record<string, boolean>,
  who?: SubjectCredentials,
  version = 1,
): SubjectCredentials {
  const decided = t.consent.decide(
    'shop',
    who ? `Bearer ${who.token}` : undefined,
    shopDecision(textHash(version), {
      policyVersion: version,
      choices,
      decidedAt: iso(t.clock.now()),
    }),
  );
  if (!decided.ok) throw new Error(decided.message);
  return who ?? decided.value.response.subject!;
}

const v1 = (analytics: boolean, marketing: boolean) => ({
  analytics,
  marketing,
  'partner-sharing': false,
  'id-verification': false,
});

describe('GET /consent/stats', () => {
  function history() {
    const t0 = t.clock.now();
    const s1 = decide(v1(true, true)); // 2026-11: grants analytics and marketing
    const s2 = decide(v1(false, false)); // 2026-11: refuses everything
    t.clock.t = t0 + 20 * DAY; // 2026-12-12: s1 withdraws marketing; analytics repeated
    decide(v1(true, false), s1);
    t.clock.t = t0 + 25 * DAY;
    expect(t.consent.publish(shopPolicy(2)).ok).toBe(true);
    t.clock.t = t0 + 30 * DAY; // 2026-12-22, v2: s2 grants marketing and recommendations
    decide(
      {
        analytics: false,
        marketing: true,
        'partner-sharing': false,
        recommendations: true,
        'id-verification': false,
      },
      s2,
      2,
    );
    t.clock.t = t0 + 60 * DAY; // 2027-01-21: a new subject grants analytics
    decide(v1(true, false));
    t.clock.t = t0 + 210 * DAY; // 2027-06-20: s1's analytics (renewed day 20) lapsed; refusing it is a refusal
    decide(v1(false, false), s1);
  }

  const row = (
    version: number,
    purpose: string,
    month: string,
    granted: number,
    refused: number,
    withdrawn: number,
  ) => ({ site: 'shop', version, purpose, month, granted, refused, withdrawn });
  /** The rows without their titles. */
  const counts = (rows: ConsentStatRow[]) =>
    rows.map((r) => row(r.version, r.purpose, r.month, r.granted, r.refused, r.withdrawn));

  it('counts grants, refusals and withdrawals per version, purpose and month', async () => {
    history();
    const res = await call('/consent/stats?site=shop&from=2026-11&to=2027-06', { as: 'auditor' });
    expect(res.status).toBe(200);
    const stats = ConsentStatsSchema.parse(await res.json());
    expect(stats).toMatchObject({ site: 'shop', sites: ['shop'], from: '2026-11', to: '2027-06' });
    expect(counts(stats.rows)).toEqual([
      row(2, 'marketing', '2026-12', 1, 0, 0),
      row(2, 'recommendations', '2026-12', 1, 0, 0),
      row(1, 'analytics', '2026-11', 1, 1, 0),
      row(1, 'analytics', '2027-01', 1, 0, 0),
      row(1, 'analytics', '2027-06', 0, 1, 0),
      row(1, 'id-verification', '2026-11', 0, 2, 0),
      row(1, 'id-verification', '2027-01', 0, 1, 0),
      row(1, 'marketing', '2026-11', 1, 1, 0),
      row(1, 'marketing', '2026-12', 0, 0, 1),
      row(1, 'marketing', '2027-01', 0, 1, 0),
      row(1, 'partner-sharing', '2026-11', 0, 2, 0),
      row(1, 'partner-sharing', '2027-01', 0, 1, 0),
    ]);
    expect(stats.rows[0]?.title).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
  });

  it('judges a month by the decisions before it: a withdrawal in range is not a refusal', async () => {
    history();
    const res = await call('/consent/stats?from=2026-12-01&to=2026-12-31', { as: 'auditor' });
    const stats = ConsentStatsSchema.parse(await res.json());
    expect(stats).toMatchObject({ site: 'shop', from: '2026-12', to: '2026-12' });
    expect(counts(stats.rows)).toEqual([
      row(2, 'marketing', '2026-12', 1, 0, 0),
      row(2, 'recommendations', '2026-12', 1, 0, 0),
      row(1, 'marketing', '2026-12', 0, 0, 1),
    ]);
  });

  it('takes a grant to lapse at its expiry: a refusal then is a refusal, a millisecond before, a withdrawal', async () => {
    const t0 = t.clock.now();
    const lapsed = decide(v1(true, false));
    const withdrew = decide(v1(true, false));
    t.clock.t = t0 + 180 * DAY - 1; // analytics is granted for 180 days
    decide(v1(false, false), withdrew);
    t.clock.t = t0 + 180 * DAY;
    decide(v1(false, false), lapsed);
    const res = await call('/consent/stats?from=2027-05&to=2027-05', { as: 'auditor' });
    expect(counts(ConsentStatsSchema.parse(await res.json()).rows)).toEqual([
      row(1, 'analytics', '2027-05', 0, 1, 1),
    ]);
  });

  it('catches up with decisions stored since the last answer', async () => {
    const stats = async () =>
      counts(
        ConsentStatsSchema.parse(
          await (await call('/consent/stats?from=2026-11&to=2026-11', { as: 'auditor' })).json(),
        ).rows,
      );
    decide(v1(true, false));
    expect(await stats()).toContainEqual(row(1, 'analytics', '2026-11', 1, 0, 0));
    decide(v1(true, false));
    expect(await stats()).toContainEqual(row(1, 'analytics', '2026-11', 2, 0, 0));
  });

  it('covers the twelve months up to now by default', async () => {
    t.clock.t = Date.parse('2027-03-15T00:00:00Z');
    const stats = ConsentStatsSchema.parse(
      await (await call('/consent/stats', { as: 'auditor' })).json(),
    );
    expect(stats).toMatchObject({ site: 'shop', from: '2026-04', to: '2027-03', rows: [] });
  });

  it('refuses a bad month, a reversed or too long range, and an unknown site', async () => {
    const cases: [string, number, string][] = [
      ['?from=2026-13', 400, 'bad_query'],
      ['?site=Shop!', 400, 'bad_query'],
      ['?from=2026-12&to=2026-11', 400, 'bad_range'],
      ['?from=2024-01&to=2027-01', 400, 'bad_range'],
      ['?site=blog', 404, 'unknown-site'],
    ];
    for (const [query, status, code] of cases) {
      const res = await call(`/consent/stats${query}`, { as: 'auditor' });
      expect(res.status, query).toBe(status);
      expect((await errorOf(res)).code, query).toBe(code);
    }
    const longest = await call('/consent/stats?from=2024-01&to=2027-01', { as: 'auditor' });
    expect((await errorOf(longest)).message).toMatch(/37 months; ask for at most 36/);
    expect((await call('/consent/stats?from=2024-02&to=2027-01', { as: 'auditor' })).status).toBe(
      200,
    );
  });
});

describe('data requests', () => {
  function request(who: SubjectCredentials, kind: 'deletion' | 'copy') {
    const made = t.consent.requestData('shop', who.subjectId, `Bearer ${who.token}`, { kind });
    if (!made.ok) throw new Error(made.message);
    return made.value;
  }

  function queue() {
    const t0 = t.clock.now();
    const a = decide(v1(false, false));
    const b = decide(v1(true, false));
    const first = request(a, 'deletion'); // due t0 + 15 days
    t.clock.advance(DAY);
    const second = request(b, 'copy'); // due t0 + 16 days
    const done = request(b, 'deletion');
    expect(t.consent.setRequestStatus(done.id, 'done').ok).toBe(true);
    return { t0, a, first, second, done };
  }

  it('lists the queue, the earliest due first, flagging unfinished requests past their due date', async () => {
    const { t0, a, first, second, done } = queue();
    t.clock.t = t0 + 15 * DAY + 1;
    const res = await call('/consent/requests?status=pending', { as: 'auditor' });
    expect(res.status).toBe(200);
    const page = DataRequestQueueSchema.parse(await res.json());
    expect(page.total).toBe(2);
    expect(page.requests).toEqual([
      { ...first, subject: a.subjectId, site: 'shop', overdue: true },
      expect.objectContaining({ id: second.id, kind: 'copy', status: 'open', overdue: false }),
    ]);

    const all = DataRequestQueueSchema.parse(
      await (await call('/consent/requests', { as: 'auditor' })).json(),
    );
    expect(all.requests.map((r) => r.id)).toEqual([first.id, second.id, done.id]);
    expect(all.requests[2]).toMatchObject({ status: 'done', overdue: false });

    const paged = DataRequestQueueSchema.parse(
      await (await call('/consent/requests?limit=1&offset=1', { as: 'auditor' })).json(),
    );
    expect(paged).toMatchObject({ total: 3, requests: [{ id: second.id }] });

    const finished = DataRequestQueueSchema.parse(
      await (await call('/consent/requests?status=done', { as: 'auditor' })).json(),
    );
    expect(finished.requests.map((r) => r.id)).toEqual([done.id]);

    const bad = await call('/consent/requests?status=closed', { as: 'auditor' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('bad_query');
  });

  it('lets an administrator move a request along, recorded by the service and the console', async () => {
    const { first, a } = queue();
    const res = await call(`/consent/requests/${first.id}/status`, {
      as: 'admin',
      body: { status: 'in-progress', note: 'deleting from the CRM and the mail tool' },
    });
    expect(res.status).toBe(200);
    expect(QueuedDataRequestSchema.parse(await res.json())).toEqual({
      ...first,
      status: 'in-progress',
      subject: a.subjectId,
      site: 'shop',
      overdue: false,
    });
    const entries = ledgerEntries(t.ledger);
    expect(entries.at(-2)).toMatchObject({
      kind: 'consent-request-status',
      payload: { requestId: first.id, status: 'in-progress' },
    });
    expect(consoleEntries(t.ledger)).toEqual([
      {
        kind: 'request-status',
        by: OPERATORS.admin,
        at: iso(t.clock.now()),
        requestId: first.id,
        status: 'in-progress',
        note: 'deleting from the CRM and the mail tool',
      },
    ]);
  });

  it('refuses a reviewer, a bad body and an unknown request', async () => {
    const { first } = queue();
    const size = t.ledger.size();
    const body = { status: 'done', note: 'sent the copy' };
    for (const as of ['reviewer', 'auditor'] as const) {
      const res = await call(`/consent/requests/${first.id}/status`, { as, body });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const bad = await call(`/consent/requests/${first.id}/status`, {
      as: 'admin',
      body: { status: 'finished' },
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'bad_request', message: /status.*note/ });
    for (const id of ['0190f7a2-1b3c-7def-8a12-0000000000ff', 'nope']) {
      const res = await call(`/consent/requests/${id}/status`, { as: 'admin', body });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('unknown-request');
    }
    expect(t.ledger.size()).toBe(size);
  });
});
