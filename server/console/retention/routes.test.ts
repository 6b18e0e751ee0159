// The retention routes (R10) through `app.request()`, over a real consent service: what is due
// and since when, to the millisecond; destruction of exactly what is due and nothing else, each
// recorded with its count and rule; the ledger left whole.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RetentionDestroyedSchema,
  RetentionResponseSchema,
} from '../../../shared/schema/console-records';
import { ConsentPolicySchema, type SubjectCredentials } from '../../../shared/schema/consent';
import { CONSENT_DB_FILE, RETENTION_RULES } from '../../consent';
import { VERIFICATION_KEEP_MS } from '../../consent/config';
import { ledgerEntries, shopDecision, shopPolicy, tempConsent } from '../../consent/test-helpers';
import { consoleEntries, errorOf, mount, OPERATORS } from '../test-helpers';
import { retentionRoutes } from './routes';
import { LEDGER_RETENTION } from './service';

const DAY = 86_400_000;

let t: ReturnType<typeof tempConsent>;
let call: ReturnType<typeof mount>;

beforeEach(() => {
  t = tempConsent();
  call = mount(retentionRoutes({ records: t.consent.records, ledger: t.ledger, now: t.clock.now }));
});
afterEach(() => t.close());

const iso = (ms: number) => new Date(ms).toISOString();

async function report() {
  const res = await call('/retention', { as: 'auditor' });
  expect(res.status).toBe(200);
  const body = RetentionResponseSchema.parse(await res.json());
  const of = (kind: string) => body.due.find((d) => d.kind === kind)!;
  return { body, contacts: of('verification-contacts'), records: of('consent-records') };
}

async function destroy(kind: string) {
  const res = await call('/retention/destroy', { as: 'admin', body: { kind } });
  expect(res.status).toBe(200);
  return RetentionDestroyedSchema.parse(await res.json()).destroyed;
}

/** Rows left in a table of consent.db, read beside the service (WAL). */
function rows(table: 'verifications' | 'receipts' | 'subjects' | 'data_requests'): number {
  const db = new Database(join(t.dir, CONSENT_DB_FILE), { readonly: true });
  try {
    return db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
  } finally {
    db.close();
  }
}

describe('GET /retention', () => {
  it('states each rule and the ledger’s own retention, with nothing due on an empty store', async () => {
    const { body } = await report();
    expect(body).toEqual({
      checkedAt: iso(t.clock.now()),
      due: [
        {
          kind: 'verification-contacts',
          ...RETENTION_RULES['verification-contacts'],
          count: 0,
          oldest: null,
        },
        { kind: 'consent-records', ...RETENTION_RULES['consent-records'], count: 0, oldest: null },
      ],
      ledger: LEDGER_RETENTION,
    });
    expect(body.ledger).toMatch(/at least three years.*never destroyed/);
  });
});

describe('verification contacts', () => {
  beforeEach(() => {
    expect(t.consent.publish(shopPolicy(1)).ok).toBe(true);
  });

  it('come due a day after the code was sent, to the millisecond, and only those are destroyed', async () => {
    const first = t.clock.now();
    expect(
      (await t.consent.startVerification('shop', { channel: 'sms', address: '13812345678' })).ok,
    ).toBe(true);
    t.clock.advance(3_600_000);
    expect(
      (await t.consent.startVerification('shop', { channel: 'email', address: 'wang@example.com' }))
        .ok,
    ).toBe(true);

    t.clock.t = first + VERIFICATION_KEEP_MS - 1;
    expect((await report()).contacts).toMatchObject({ count: 0, oldest: null });
    t.clock.t = first + VERIFICATION_KEEP_MS;
    expect((await report()).contacts).toMatchObject({
      count: 1,
      oldest: iso(first + VERIFICATION_KEEP_MS),
    });

    expect(await destroy('verification-contacts')).toBe(1);
    expect(rows('verifications')).toBe(1);
    expect((await report()).contacts.count).toBe(0);
    expect(consoleEntries(t.ledger)).toEqual([
      {
        kind: 'retention-destroyed',
        by: OPERATORS.admin,
        at: iso(t.clock.now()),
        what: RETENTION_RULES['verification-contacts'].what,
        count: 1,
        rule: RETENTION_RULES['verification-contacts'].rule,
      },
    ]);

    // Nothing due: the destruction is still recorded, with a count of 0.
    expect(await destroy('verification-contacts')).toBe(0);
    expect(consoleEntries(t.ledger).at(-1)).toMatchObject({ count: 0 });
    expect(rows('verifications')).toBe(1);
  });
});

describe('consent records', () => {
  // The shop's policy with orders kept a day, so the optional purposes decide when a subject is due.
  const policy = () => {
    const p = ConsentPolicySchema.parse(shopPolicy(1));
    return {
      ...p,
      purposes: p.purposes.map((x) =>
        x.id === 'orders' ? { ...x, retentionDays: 1, consentDays: 1 } : x,
      ),
    };
  };
  let textHash: string;
  const choices = (marketing: boolean) => ({
    analytics: false,
    marketing,
    'partner-sharing': false,
    'id-verification': false,
  });

  beforeEach(() => {
    expect(t.consent.publish(policy()).ok).toBe(true);
    const published = t.consent.policy('shop');
    if (!published.ok) throw new Error(published.message);
    textHash = published.value.textHashes.en;
  });

  function decide(marketing: boolean, who?: SubjectCredentials): SubjectCredentials {
    const decided = t.consent.decide(
      'shop',
      who ? `Bearer ${who.token}` : undefined,
      shopDecision(textHash, { choices: choices(marketing), decidedAt: iso(t.clock.now()) }),
    );
    if (!decided.ok) throw new Error(decided.message);
    return who ?? decided.value.response.subject!;
  }

  const exists = (who: SubjectCredentials) =>
    t.consent.subject('shop', who.subjectId, `Bearer ${who.token}`).ok;

  it("come due when every purpose's retention has passed since it ended, and only those are destroyed", async () => {
    const t0 = t.clock.now();
    const withdrew = decide(true); // marketing withdrawn on day 100: due 365 days after that
    const kept = decide(true); // marketing lapses on day 365: due 365 days after that
    const asking = decide(false); // all refused on day 0 (due day 365), but asks for deletion
    const request = t.consent.requestData('shop', asking.subjectId, `Bearer ${asking.token}`, {
      kind: 'deletion',
    });
    if (!request.ok) throw new Error(request.message);
    t.clock.t = t0 + 100 * DAY;
    decide(false, withdrew);
    const before = { receipts: rows('receipts'), ledger: t.ledger.size() };

    t.clock.t = t0 + 465 * DAY - 1;
    expect((await report()).records).toMatchObject({ count: 0, oldest: null });
    t.clock.t = t0 + 465 * DAY;
    expect((await report()).records).toMatchObject({ count: 1, oldest: iso(t0 + 465 * DAY) });

    expect(await destroy('consent-records')).toBe(1);
    expect(exists(withdrew)).toBe(false);
    expect(exists(kept)).toBe(true);
    expect(exists(asking)).toBe(true);
    expect(rows('receipts')).toBe(before.receipts - 2);
    expect(rows('data_requests')).toBe(1);
    // The ledger keeps the subject's decisions: only the console's record of the destruction is new.
    const decisions = ledgerEntries(t.ledger).filter(
      (e) =>
        e.kind === 'consent-decision' && JSON.stringify(e.payload).includes(withdrew.subjectId),
    );
    expect(decisions).toHaveLength(2);
    expect(t.ledger.size()).toBe(before.ledger + 1);
    expect(consoleEntries(t.ledger)).toEqual([
      {
        kind: 'retention-destroyed',
        by: OPERATORS.admin,
        at: iso(t.clock.now()),
        what: RETENTION_RULES['consent-records'].what,
        count: 1,
        rule: RETENTION_RULES['consent-records'].rule,
      },
    ]);

    // Once the deletion request is done, the subject that asked is due (since day 365).
    expect(t.consent.setRequestStatus(request.value.id, 'done').ok).toBe(true);
    expect((await report()).records).toMatchObject({ count: 1, oldest: iso(t0 + 365 * DAY) });
    expect(await destroy('consent-records')).toBe(1);
    expect(exists(asking)).toBe(false);
    expect(rows('data_requests')).toBe(0);
    expect(exists(kept)).toBe(true);

    t.clock.t = t0 + 730 * DAY;
    expect((await report()).records).toMatchObject({ count: 1, oldest: iso(t0 + 730 * DAY) });
    expect(await destroy('consent-records')).toBe(1);
    expect(rows('subjects')).toBe(0);
    expect(rows('receipts')).toBe(0);

    // The statistics are anonymous counts: they outlive the records they were counted from.
    expect(t.consent.records.stats('shop', '2026-11', '2027-03')).toEqual(
      expect.arrayContaining([
        {
          version: 1,
          purpose: 'marketing',
          month: '2026-11',
          granted: 2,
          refused: 1,
          withdrawn: 0,
        },
        {
          version: 1,
          purpose: 'marketing',
          month: '2027-03',
          granted: 0,
          refused: 0,
          withdrawn: 1,
        },
      ]),
    );
    // A receipt stored after the newest ones were destroyed reuses their rowid, and still counts.
    const later = decide(true);
    expect(exists(later)).toBe(true);
    t.clock.t += 730 * DAY;
    expect((await report()).records.count).toBe(1);
  });

  it('keeps a subject whose grant is renewed', async () => {
    const t0 = t.clock.now();
    const renewed = decide(true);
    t.clock.t = t0 + 360 * DAY;
    decide(true, renewed);
    t.clock.t = t0 + 730 * DAY;
    expect((await report()).records.count).toBe(0);
    expect(await destroy('consent-records')).toBe(0);
    expect(exists(renewed)).toBe(true);
  });
});

describe('POST /retention/destroy refusals', () => {
  it('refuses a reviewer and an auditor, and an unknown kind', async () => {
    for (const as of ['reviewer', 'auditor'] as const) {
      const res = await call('/retention/destroy', { as, body: { kind: 'verification-contacts' } });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const bad = await call('/retention/destroy', { as: 'admin', body: { kind: 'ledger' } });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({
      code: 'bad_request',
      message: /"verification-contacts" \| "consent-records"/,
    });
    expect(consoleEntries(t.ledger)).toEqual([]);
  });
});
