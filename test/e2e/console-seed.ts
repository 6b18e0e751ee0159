// Realistic data for the review console's end-to-end tests (console.spec.ts), put in through the
// paths the product itself uses, never by writing to a database: the demo staff policy with a
// small daily limit is published and staff are created and granted through the governance
// service; each staff member's browser is enrolled with its code and sends page views and reveals
// to POST /v1/events with its device token (the server opens the review case itself when one day
// crosses the limit); customers decide and ask for deletion through the consent service.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { uuidv7 } from '../../shared/ids';
import { quarterOf } from '../../shared/review';
import { localTime } from '../../shared/rules';
import {
  DecisionResponseSchema,
  EventBatchResultSchema,
  type DecisionRequest,
  type StaffEvent,
} from '../../shared/schema';
import { ALL_WEEK, type DemoServer } from './fixtures';

/** The zone of the staff policy's rules and of the fixture's activity index. */
export const TIME_ZONE = 'Asia/Shanghai';

/** A small daily limit, so one day of a dozen views crosses it. */
export const DAILY_MAX = 8;

/** The role every seeded staff member holds by grant: the spot check samples it. */
export const ROLE = 'support';

/** The consent site the demo shop publishes. */
export const SITE = 'shop';

const CRM = 'https://crm.example.com';
const DAY_MS = 86_400_000;

/** A staff member's activity per day: [days before today, views, reveals]. */
type Plan = readonly (readonly [daysAgo: number, views: number, reveals: number])[];

/** Over the limit on the busy day (yesterday): 13 views + 2 reveals against a limit of 8. */
const BUSY_PLAN: Plan = [
  [3, 3, 0],
  [2, 4, 1],
  [1, 13, 2],
];
/** Well under the limit every day. */
const QUIET_PLAN: Plan = [
  [2, 2, 0],
  [1, 3, 1],
];

export interface ConsoleSeed {
  /** Over the daily limit on `busyDay`: the review case is theirs. */
  busyStaff: string;
  /** Under the limit every day. */
  quietStaff: string;
  /** The day (in TIME_ZONE) the busy staff member went over, `YYYY-MM-DD`: yesterday. */
  busyDay: string;
  /** Views + reveals of the busy staff member that day. */
  busyDayTotal: number;
  /** Every event the busy staff member sent, over all days. */
  busyEvents: number;
  /** Every event of both staff members. */
  allEvents: number;
  /** Those of them in `quarter`: the role's population there (all, but for a quarter's first days). */
  quarterEvents: number;
  /** The quarter of the seeded days (the current one, except on a quarter's first day). */
  quarter: string;
  /** The review case the server opened for the busy staff member. */
  caseId: string;
  /** Consent: decisions recorded this month on the shop's analytics purpose. */
  analytics: { granted: number; refused: number; withdrawn: number };
  /** The customer's open deletion request, and when it is due. */
  deletion: { id: string; dueAt: string };
}

/** The demo shop's consent policy, version 1, as published. */
const shopPolicy = (): unknown =>
  JSON.parse(
    readFileSync(new URL('../fixtures/consent/shop-policy.v1.json', import.meta.url), 'utf8'),
  );

/** The demo staff policy with a small daily limit and working hours all week (clock-proof). */
function staffPolicy(): unknown {
  const demo: unknown = JSON.parse(
    readFileSync(new URL('../fixtures/staff/crm-policy.json', import.meta.url), 'utf8'),
  );
  if (typeof demo !== 'object' || demo === null)
    throw new Error('crm-policy.json is not an object');
  return {
    ...demo,
    version: 'crm-console-e2e',
    rules: {
      timeZone: TIME_ZONE,
      dailyLimit: { max: DAILY_MAX },
      workingHours: { week: ALL_WEEK },
      bulkReveals: { max: 10, seconds: 60 },
    },
  };
}

const expectOk = <T>(
  what: string,
  result: { ok: true; value: T } | { ok: false; message: string },
) => {
  if (!result.ok) throw new Error(`${what}: ${result.message}`);
  return result.value;
};

/** The instant of `hh:mm` local time on `day` in TIME_ZONE (China keeps no daylight saving). */
const shanghaiAt = (day: string, hh: number, mm: number): number =>
  Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);

/** One staff device's events for a plan: views from 10:00 a minute apart, then reveals. */
function eventsOf(staffId: string, today: string, plan: Plan): StaffEvent[] {
  const deviceId = uuidv7(Date.now(), randomBytes(10));
  const events: StaffEvent[] = [];
  let seq = 0;
  for (const [daysAgo, views, reveals] of plan) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * DAY_MS)
      .toISOString()
      .slice(0, 10);
    for (let i = 0; i < views + reveals; i += 1) {
      const at = shanghaiAt(day, 10, i);
      const base = {
        schema: 1 as const,
        id: uuidv7(at, randomBytes(10)),
        deviceId,
        seq: seq++,
        staffId,
        role: ROLE,
        policyVersion: 'crm-console-e2e',
        at: new Date(at).toISOString(),
        page: { origin: CRM, path: `/customers/${1000 + i}` },
      };
      events.push(
        i < views
          ? { ...base, kind: 'page-view', counts: { name: 1, phone: 1, address: 1 } }
          : {
              ...base,
              kind: 'reveal',
              piiType: 'phone',
              count: 1,
              valueHash: randomBytes(32).toString('hex'),
              reason: '客户来电核对订单 customer called about an order',
              seconds: 30,
              authorizedBy: 'server',
              access: 'full',
            },
      );
    }
  }
  return events;
}

/** Creates, grants and enrols a staff member; returns the device token their browser got. */
function enrolStaff(server: DemoServer, staffId: string, name: string): string {
  const { governance } = server;
  const created = expectOk('create staff', governance.createStaff('e2e-admin', { staffId, name }));
  expectOk(
    'grant',
    governance.createGrant('e2e-admin', staffId, {
      role: ROLE,
      expiresAt: new Date(Date.now() + 90 * DAY_MS).toISOString(),
      note: 'customer service hotline',
    }),
  );
  const enrolled = expectOk(
    'enroll',
    governance.enroll({ code: created.enrollment.code, deviceLabel: 'office laptop' }),
  );
  return enrolled.deviceToken;
}

/** Sends a device's events as the extension's sync does, and checks every one was stored. */
async function sendEvents(server: DemoServer, token: string, events: StaffEvent[]): Promise<void> {
  const response = await fetch(`${server.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  if (!response.ok) throw new Error(`POST /v1/events answered ${response.status}`);
  const result = EventBatchResultSchema.parse(await response.json());
  if (result.acks.length !== events.length || result.rejected.length > 0) {
    throw new Error(`events rejected: ${JSON.stringify(result.rejected)}`);
  }
}

/** Customers' decisions on the shop and one deletion request, through the consent service. */
function seedConsent(server: DemoServer): Pick<ConsoleSeed, 'analytics' | 'deletion'> {
  const { consent } = server;
  expectOk('publish shop policy', consent.publish(shopPolicy(), [server.url]));
  const { textHashes } = expectOk('shop policy', consent.policy(SITE));
  const decide = (analytics: boolean, authorization?: string) => {
    const request: DecisionRequest = {
      decisionId: uuidv7(Date.now(), randomBytes(10)),
      policyVersion: 1,
      language: 'zh-CN',
      textHash: textHashes['zh-CN'],
      choices: {
        analytics,
        marketing: false,
        'partner-sharing': false,
        'id-verification': false,
      },
      method: 'banner',
      gpc: false,
      decidedAt: new Date().toISOString(),
    };
    const recorded = expectOk('decision', consent.decide(SITE, authorization, request));
    return DecisionResponseSchema.parse(recorded.response);
  };
  // Four customers agree to statistics, two refuse; one of the four withdraws later.
  const first = decide(true).subject;
  if (!first) throw new Error('the first decision made no subject');
  for (let i = 0; i < 3; i += 1) decide(true);
  for (let i = 0; i < 2; i += 1) decide(false);
  decide(false, `Bearer ${first.token}`);
  const request = expectOk(
    'deletion request',
    consent.requestData(SITE, first.subjectId, `Bearer ${first.token}`, { kind: 'deletion' }),
  );
  return {
    analytics: { granted: 4, refused: 2, withdrawn: 1 },
    deletion: { id: request.id, dueAt: request.dueAt },
  };
}

/**
 * Seeds a fresh demo server for the console: the policy, two enrolled support staff and their
 * events over three days (one over the limit yesterday, so a review case is open), and the shop's
 * consent decisions with an open deletion request.
 *
 * @example
 *   const seed = await seedConsole(server);
 *   await page.goto(`${server.url}/admin#/reviews/${seed.caseId}`);
 */
export async function seedConsole(server: DemoServer): Promise<ConsoleSeed> {
  const { governance } = server;
  expectOk('publish staff policy', governance.publishPolicy('e2e-admin', staffPolicy()));
  const today = localTime(Date.now(), TIME_ZONE).date;
  const busyDay = new Date(Date.parse(`${today}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

  const busyStaff = 'CS-0420';
  const quietStaff = 'CS-0007';
  const busy = eventsOf(busyStaff, today, BUSY_PLAN);
  const quiet = eventsOf(quietStaff, today, QUIET_PLAN);
  await sendEvents(server, enrolStaff(server, busyStaff, '王芳'), busy);
  await sendEvents(server, enrolStaff(server, quietStaff, '李娜'), quiet);

  const open = expectOk('reviews', governance.reviews('open'));
  const found = open.find((c) => c.staffId === busyStaff);
  if (!found) throw new Error(`no review case opened for ${busyStaff}`);
  if (open.some((c) => c.staffId === quietStaff)) throw new Error(`${quietStaff} has a case`);

  const [, views, reveals] = BUSY_PLAN.find(([daysAgo]) => daysAgo === 1)!;
  const quarter = quarterOf(busyDay);
  const inQuarter = (e: StaffEvent) =>
    quarterOf(localTime(Date.parse(e.at), TIME_ZONE).date) === quarter;
  return {
    busyStaff,
    quietStaff,
    busyDay,
    busyDayTotal: views + reveals,
    busyEvents: busy.length,
    allEvents: busy.length + quiet.length,
    quarterEvents: [...busy, ...quiet].filter(inQuarter).length,
    quarter,
    caseId: found.caseId,
    ...seedConsent(server),
  };
}
