// A stand-in for the review console's server (issue 7), for working on and testing the console UI
// alone: serves dist/console/ as the real server will (the shell for every /admin page, a strict
// CSP) and answers /admin/api/* from fixture data kept in memory: 64 staff members over 120 days
// (a few over the daily limit, one far over), open and decided review cases, spot checks drawn
// with the real sampleIndexes, a level-1 incident whose clock is running. It follows the API's
// rules the UI must respect: session cookie (401 `signed-out`), `X-Custodian-Console: 1` on
// POST/PUT/DELETE (403 `csrf`), roles (403), and every body checked with the shared schemas.
//
// Run alone: `npx tsx server/console-ui/build.ts && npx tsx test/e2e/console-mock-server.ts`
// (PORT=5180 by default), then open http://127.0.0.1:5180/admin and sign in as in MOCK_OPERATORS.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { z } from 'zod';
import { incidentClock } from '../../shared/review/incident-clock';
import { quarterDays, quarterOf } from '../../shared/review/quarter';
import { sampleIndexes } from '../../shared/review/sample';
import {
  ChartQuerySchema,
  ChartResponseSchema,
  ConsoleSessionSchema,
  FindingBodySchema,
  IncidentCreateBodySchema,
  IncidentSchema,
  IncidentStepBodySchema,
  SignInBodySchema,
  SpotCheckCreateBodySchema,
  SpotCheckSchema,
  type ConsoleSession,
  type Incident,
  type SpotCheck,
} from '../../shared/schema/review';
import {
  ReviewCaseSchema,
  ReviewDecisionBodySchema,
  type OperatorRole,
  type ReviewCase,
} from '../../shared/schema/staff';
import { addDays, daysOf, localDay } from '../../server/console-ui/lib/days';
import {
  EventPageSchema,
  IncidentListSchema,
  ReviewDetailSchema,
  ReviewListSchema,
  SpotCheckListSchema,
} from '../../server/console-ui/api/answers';
import {
  ConsentStatsSchema,
  DataRequestQueueSchema,
  IncidentViewSchema,
  IntegrityResponseSchema,
  QueuedDataRequestSchema,
  RequestStatusBodySchema,
  RetentionDestroyBodySchema,
  RetentionDestroyedSchema,
  RetentionResponseSchema,
  SpotCheckDetailSchema,
  type RetentionDue,
} from '../../shared/schema/console-records';

const DIST = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** Who can sign in, and the one authenticator code the mock accepts for all of them. */
export const MOCK_OPERATORS: Readonly<Record<string, { password: string; role: OperatorRole }>> = {
  'admin.chen': { password: 'admin-pass', role: 'admin' },
  'li.wei': { password: 'reviewer-pass', role: 'reviewer' },
  'audit-01': { password: 'auditor-pass', role: 'auditor' },
};
export const MOCK_CODE = '246810';

/** The daily limit the chart's threshold line shows (R16's 50). */
export const MOCK_THRESHOLD = 50;
/** Staff members whose days go over the limit; CS-0042 far over (clipped bars). */
export const MOCK_OVER = ['CS-0007', 'CS-0023', 'CS-0042'] as const;

const STAFF_COUNT = 64;
const DAYS_BACK = 120;
const SESSION_MS = 8 * 3_600_000;
const LOCK_AFTER = 5;
const LOCK_WINDOW_MS = 15 * 60_000;
const HOUR = 3_600_000;
const ORIGINS = ['https://crm.example.com', 'https://tickets.example.com'] as const;
const PII = ['phone', 'cn_id', 'bank_card', 'email', 'address', 'name'] as const;
/** The high-risk roles and who holds them (the real server asks the grants). */
const ROLE_HOLDERS: Readonly<Record<string, readonly string[]>> = {
  'data-admin': ['CS-0001', 'CS-0002', 'CS-0003', 'CS-0004'],
  dba: ['CS-0005', 'CS-0006'],
};

// ---- Activity fixture: counts per staff member and day, events derived from them ------------

/** Deterministic pseudo-random numbers (mulberry32): the same fixture on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface EventRow {
  index: number;
  staffId: string | null;
  day: string;
  at: string;
  kind: 'page-view' | 'reveal';
  origin: string;
  piiType: string | null;
}

interface Activity {
  days: string[];
  staff: string[];
  /** counts[d][s] = [views, reveals] */
  counts: [number, number][][];
  /** first[d][s] = ledger index of that cell's first event (day-major, so indexes follow days). */
  first: number[][];
  total: number;
}

/** The last Monday-to-Friday day before `today`: where the open case's spike is. */
export function lastWorkday(today: string): string {
  let day = addDays(today, -1);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, -1);
  return day;
}

function makeActivity(today: string): Activity {
  const rnd = random(7);
  const days = daysOf(addDays(today, -(DAYS_BACK - 1)), today);
  const spike = days.indexOf(lastWorkday(today));
  const staff = Array.from(
    { length: STAFF_COUNT },
    (_, i) => `CS-${String(i + 1).padStart(4, '0')}`,
  );
  const counts = days.map((day, d) => {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    return staff.map((id, s): [number, number] => {
      if (weekday === 0 || weekday === 6 || rnd() < 0.12) return [0, 0];
      let views = 4 + Math.floor(rnd() * (18 + (s % 5) * 4));
      let reveals = Math.floor(rnd() * 6);
      const over = MOCK_OVER.indexOf(id as (typeof MOCK_OVER)[number]);
      // A few spikes for the people over the limit, the last one on the last workday (an open case).
      if (over >= 0 && (d % (17 + over * 5) === 3 || d === spike)) {
        views = 48 + Math.floor(rnd() * 20) + (id === 'CS-0042' ? 70 : 0);
        reveals = 6 + Math.floor(rnd() * 8);
      }
      return [views, reveals];
    });
  });
  const first: number[][] = [];
  let next = 1000; // entries before the first event: staff, grants, policy
  for (const row of counts) {
    first.push(
      row.map(([v, r]) => {
        const at = next;
        next += v + r;
        return at;
      }),
    );
  }
  return { days, staff, counts, first, total: next };
}

/** The events of one staff member's day, in ledger order. */
function cellEvents(a: Activity, d: number, s: number): EventRow[] {
  const [views, reveals] = a.counts[d]![s]!;
  const n = views + reveals;
  const day = a.days[d]!;
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(y, m - 1, dd, 9, 0, 0).getTime();
  const step = Math.floor((8 * HOUR) / Math.max(1, n));
  // Reveals spread evenly among the views, as people reveal a value on a page they opened.
  const every = reveals > 0 ? Math.floor(n / reveals) : Number.POSITIVE_INFINITY;
  return Array.from({ length: n }, (_, k) => {
    const reveal = (k + 1) % every === 0 && (k + 1) / every <= reveals;
    return {
      index: a.first[d]![s]! + k,
      staffId: a.staff[s]!,
      day,
      at: new Date(start + k * step + ((k * 7919) % 50_000)).toISOString(),
      kind: reveal ? 'reveal' : 'page-view',
      origin: ORIGINS[(k + s) % 2]!,
      piiType: reveal ? PII[(k + d) % PII.length]! : null,
    };
  });
}

interface EventQuery {
  from: string;
  to: string;
  staffId?: string | undefined;
  origin?: string | undefined;
  kind?: string | undefined;
  piiType?: string | undefined;
  after?: number | undefined;
  limit: number;
}

function queryEvents(a: Activity, q: EventQuery): { rows: EventRow[]; next: number | null } {
  const rows: EventRow[] = [];
  const staffIdx = q.staffId === undefined ? null : a.staff.indexOf(q.staffId);
  if (staffIdx === -1) return { rows, next: null };
  for (let d = 0; d < a.days.length; d += 1) {
    const day = a.days[d]!;
    if (day < q.from || day > q.to) continue;
    for (let s = staffIdx ?? 0; s < (staffIdx === null ? a.staff.length : staffIdx + 1); s += 1) {
      const [v, r] = a.counts[d]![s]!;
      if (q.after !== undefined && a.first[d]![s]! + v + r - 1 <= q.after) continue;
      for (const e of cellEvents(a, d, s)) {
        if (q.after !== undefined && e.index <= q.after) continue;
        if (q.kind !== undefined && e.kind !== q.kind) continue;
        if (q.piiType !== undefined && e.piiType !== q.piiType) continue;
        if (q.origin !== undefined && e.origin !== q.origin) continue;
        if (rows.length === q.limit) return { rows, next: rows.at(-1)!.index };
        rows.push(e);
      }
    }
  }
  return { rows, next: null };
}

/** The event at a ledger index, found by the day-major layout of `first`. */
function eventAt(a: Activity, index: number): EventRow | null {
  for (let d = 0; d < a.days.length; d += 1) {
    for (let s = 0; s < a.staff.length; s += 1) {
      const [v, r] = a.counts[d]![s]!;
      const f = a.first[d]![s]!;
      if (index >= f && index < f + v + r) return cellEvents(a, d, s)[index - f] ?? null;
    }
  }
  return null;
}

function population(a: Activity, quarter: string, roles: readonly string[]): number[] {
  const { from, to } = quarterDays(quarter);
  const holders = new Set(roles.flatMap((r) => ROLE_HOLDERS[r] ?? []));
  const out: number[] = [];
  a.days.forEach((day, d) => {
    if (day < from || day > to) return;
    a.staff.forEach((id, s) => {
      if (!holders.has(id)) return;
      const [v, r] = a.counts[d]![s]!;
      for (let k = 0; k < v + r; k += 1) out.push(a.first[d]![s]! + k);
    });
  });
  return out;
}

// ---- The rest of the fixture ----------------------------------------------------------------

interface DataRequest {
  id: string;
  site: string;
  subject: string;
  kind: 'deletion' | 'copy';
  status: 'open' | 'in-progress' | 'done' | 'refused';
  createdAt: string;
  dueAt: string;
}

export interface MockState {
  now: () => number;
  activity: Activity;
  cases: ReviewCase[];
  checks: SpotCheck[];
  incidents: Incident[];
  requests: DataRequest[];
  retention: RetentionDue[];
  verifiedAt: number;
  sessions: Map<string, ConsoleSession>;
  failures: Map<string, number[]>;
  /** Every state-changing request the mock accepted, for tests to check (method, path, header). */
  writes: { method: string; path: string; csrf: string | undefined }[];
}

const iso = (t: number) => new Date(t).toISOString();

function makeState(now: () => number): MockState {
  const t = now();
  const today = localDay(new Date(t));
  const activity = makeActivity(today);
  const dayIdx = (day: string) => activity.days.indexOf(day);
  const count = (staffId: string, day: string) => {
    const [v, r] = activity.counts[dayIdx(day)]![activity.staff.indexOf(staffId)]!;
    return v + r;
  };
  const workday = lastWorkday(today);
  const caseAt = (day: string, hh: number, mm: number) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return iso(new Date(y, m - 1, d, hh, mm).getTime());
  };
  const lateDay = lastWorkday(workday);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const page = { origin: 'https://crm.example.com', path: '/customers/18' };
  const cases = [
    {
      caseId: randomUUID(),
      staffId: 'CS-0007',
      openedAt: caseAt(workday, 15, 20),
      fired: [
        {
          rule: 'daily-limit',
          message: '今日查看已超过 50 次 More than 50 customer records today',
          count: count('CS-0007', workday),
          max: MOCK_THRESHOLD,
          date: workday,
          timeZone: tz,
        },
      ],
      trigger: { kind: 'reveal', at: caseAt(workday, 15, 20), piiType: 'phone', page },
      status: 'open',
      decidedAt: null,
      decidedBy: null,
      comment: null,
    },
    {
      caseId: randomUUID(),
      staffId: 'CS-0023',
      openedAt: caseAt(lateDay, 22, 41),
      fired: [
        {
          rule: 'working-hours',
          message: '工作时间以外查看客户信息 Customer data outside working hours',
          date: lateDay,
          weekday: (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[
            new Date(`${lateDay}T12:00:00Z`).getUTCDay()
          ],
          time: '22:41',
          timeZone: tz,
          dayKind: 'workday',
          hours: { start: '09:00', end: '18:00' },
        },
      ],
      trigger: { kind: 'view', at: caseAt(lateDay, 22, 41), page },
      status: 'open',
      decidedAt: null,
      decidedBy: null,
      comment: null,
    },
    {
      caseId: randomUUID(),
      staffId: 'CS-0042',
      openedAt: caseAt(addDays(today, -9), 11, 5),
      fired: [
        {
          rule: 'bulk-reveals',
          message: '一分钟内显示超过 10 次 More than 10 reveals within a minute',
          count: 14,
          max: 10,
          seconds: 60,
        },
      ],
      trigger: { kind: 'reveal', at: caseAt(addDays(today, -9), 11, 5), piiType: 'cn_id', page },
      status: 'rejected',
      decidedAt: caseAt(addDays(today, -8), 10, 0),
      decidedBy: 'li.wei',
      comment:
        '批量导出客户身份证号，无工单依据 Bulk reveals of ID numbers with no ticket behind them.',
    },
    {
      caseId: randomUUID(),
      staffId: 'CS-0015',
      openedAt: caseAt(addDays(today, -20), 16, 30),
      fired: [
        {
          rule: 'daily-limit',
          message: '今日查看已超过 50 次 More than 50 customer records today',
          count: 52,
          max: MOCK_THRESHOLD,
          date: addDays(today, -20),
          timeZone: tz,
        },
      ],
      trigger: { kind: 'view', at: caseAt(addDays(today, -20), 16, 30), page },
      status: 'approved',
      decidedAt: caseAt(addDays(today, -19), 9, 12),
      decidedBy: 'li.wei',
      comment: '月末对账，主管已确认 Month-end reconciliation, confirmed by the team lead.',
    },
  ].map((c) => ReviewCaseSchema.parse(c));

  const lastQuarter = quarterOf(addDays(quarterDays(quarterOf(today)).from, -1));
  const draw = (roles: string[], size: number, seed: string) => {
    const pop = population(activity, lastQuarter, roles);
    const sample = sampleIndexes(pop, size, seed);
    if (!sample.ok) throw new Error(sample.error);
    return { population: pop.length, sample: sample.value };
  };
  const openSeed = '3f9a1c0e5b7d2468ace013579bdf2468';
  const open = draw(['data-admin'], 12, openSeed);
  const signedSeed = '00112233445566778899aabbccddeeff';
  const signed = draw(['dba'], 5, signedSeed);
  const checks = [
    {
      checkId: randomUUID(),
      quarter: lastQuarter,
      roles: ['data-admin'],
      seed: openSeed,
      ...open,
      findings: open.sample.slice(0, 5).map((index, i) => ({
        index,
        verdict: i === 2 ? 'concern' : 'ok',
        note: i === 2 ? '无对应工单 No ticket for this lookup' : '',
        by: 'li.wei',
        at: iso(t - 3 * HOUR + i * 60_000),
      })),
      createdBy: 'li.wei',
      createdAt: iso(t - 4 * HOUR),
      status: 'open',
      signedBy: null,
      signedAt: null,
      ledgerIndex: null,
    },
    {
      checkId: randomUUID(),
      quarter: lastQuarter,
      roles: ['dba'],
      seed: signedSeed,
      ...signed,
      findings: signed.sample.map((index) => ({
        index,
        verdict: 'ok',
        note: '',
        by: 'admin.chen',
        at: iso(t - 50 * HOUR),
      })),
      createdBy: 'admin.chen',
      createdAt: iso(t - 52 * HOUR),
      status: 'signed',
      signedBy: 'admin.chen',
      signedAt: iso(t - 49 * HOUR),
      ledgerIndex: activity.total - 40,
    },
  ].map((c) => SpotCheckSchema.parse(c));

  const incidents = [
    {
      incidentId: randomUUID(),
      level: 1,
      title: '工单附件误发给另一位客户 Ticket attachment sent to the wrong customer',
      description:
        '客服在回复工单时附上了另一位客户的账单。A support agent attached another customer’s bill to a reply.',
      discoveredAt: iso(t - 20 * 60_000),
      openedBy: 'li.wei',
      openedAt: iso(t - 17 * 60_000),
      steps: [
        {
          action: 'contained',
          note: '已撤回邮件并请收件人删除 Mail recalled; recipient asked to delete it',
          by: 'li.wei',
          at: iso(t - 10 * 60_000),
        },
      ],
      closedAt: null,
    },
    {
      incidentId: randomUUID(),
      level: 2,
      title: '导出文件上传到公共网盘 Export uploaded to a public file share',
      description: '',
      discoveredAt: iso(t - 30 * HOUR),
      openedBy: 'admin.chen',
      openedAt: iso(t - 29 * HOUR),
      steps: [
        {
          action: 'note',
          note: '链接已失效，正在核对下载记录 Link disabled; checking the download log',
          by: 'admin.chen',
          at: iso(t - 28 * HOUR),
        },
      ],
      closedAt: null,
    },
    {
      incidentId: randomUUID(),
      level: 1,
      title: '短信发错号码 Text message sent to the wrong number',
      description: '',
      discoveredAt: iso(t - 26 * HOUR),
      openedBy: 'li.wei',
      openedAt: iso(t - 26 * HOUR + 5 * 60_000),
      steps: [
        {
          action: 'customer-notified',
          note: '已致电客户 Customer phoned',
          by: 'li.wei',
          at: iso(t - 25.5 * HOUR),
        },
        { action: 'closed', note: '处理完毕 Done', by: 'li.wei', at: iso(t - 24 * HOUR) },
      ],
      closedAt: iso(t - 24 * HOUR),
    },
  ].map((i) => IncidentSchema.parse(i));

  const day = 24 * HOUR;
  const requests: DataRequest[] = [
    {
      id: randomUUID(),
      site: 'shop',
      subject: randomUUID(),
      kind: 'deletion',
      status: 'open',
      createdAt: iso(t - 17 * day),
      dueAt: iso(t - 2 * day),
    },
    {
      id: randomUUID(),
      site: 'shop',
      subject: randomUUID(),
      kind: 'copy',
      status: 'in-progress',
      createdAt: iso(t - 12 * day),
      dueAt: iso(t + 3 * day),
    },
    {
      id: randomUUID(),
      site: 'shop',
      subject: randomUUID(),
      kind: 'deletion',
      status: 'open',
      createdAt: iso(t - 2 * day),
      dueAt: iso(t + 13 * day),
    },
    {
      id: randomUUID(),
      site: 'loans',
      subject: randomUUID(),
      kind: 'copy',
      status: 'open',
      createdAt: iso(t - 1 * day),
      dueAt: iso(t + 14 * day),
    },
  ];
  return {
    now,
    activity,
    cases,
    checks,
    incidents,
    requests,
    retention: [
      {
        kind: 'verification-contacts',
        what: '验证用的手机号和邮箱 Contacts used to verify customers',
        rule: '使用后 30 天到期 Due 30 days after the verification was used',
        count: 42,
        oldest: iso(t - 11 * day),
      },
      {
        kind: 'consent-records',
        what: '已撤回同意的客户记录 Records of customers who withdrew every consent',
        rule: '撤回后 180 天到期 Due 180 days after the last withdrawal',
        count: 7,
        oldest: iso(t - 20 * day),
      },
    ],
    verifiedAt: t - 6 * 60_000,
    sessions: new Map(),
    failures: new Map(),
    writes: [],
  };
}

const PURPOSE_TITLES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  analytics: { 'zh-CN': '统计分析', en: 'Analytics' },
  marketing: { 'zh-CN': '营销推送', en: 'Marketing' },
  recommendations: { 'zh-CN': '个性化推荐', en: 'Recommendations' },
};
const SITES = ['shop', 'loans'] as const;

/** A year of monthly decisions per site: version 1 until four months ago, then version 2. */
function consentStats(today: string, q: { site?: string; from?: string; to?: string }) {
  const rnd = random(11);
  const monthOf = (back: number) => {
    const d = new Date(`${today.slice(0, 7)}-15T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - back);
    return d.toISOString().slice(0, 7);
  };
  const site = q.site ?? SITES[0];
  if (!SITES.some((s) => s === site)) {
    throw new Refusal(404, 'unknown-site', `No site "${site}" has published a consent policy.`);
  }
  const to = (q.to ?? monthOf(0)).slice(0, 7);
  const from = (q.from ?? monthOf(11)).slice(0, 7);
  const rows = [];
  for (let back = 11; back >= 0; back -= 1) {
    const month = monthOf(back);
    const version = back >= 4 ? 1 : 2;
    const purposes =
      version === 1 ? ['analytics', 'marketing'] : ['analytics', 'marketing', 'recommendations'];
    for (const purpose of purposes) {
      const base = site === 'shop' ? 400 : 120;
      const row = {
        site,
        version,
        purpose,
        title: PURPOSE_TITLES[purpose] ?? null,
        month,
        granted: Math.floor(base * (0.5 + rnd() * 0.4) * (purpose === 'marketing' ? 0.5 : 1)),
        refused: Math.floor(base * (0.1 + rnd() * 0.2) * (purpose === 'marketing' ? 1.8 : 1)),
        withdrawn: Math.floor(base * rnd() * 0.04),
      };
      if (month >= from && month <= to) rows.push(row);
    }
  }
  rows.sort(
    (a, b) =>
      b.version - a.version || a.purpose.localeCompare(b.purpose) || a.month.localeCompare(b.month),
  );
  return { site, sites: [...SITES], from, to, rows };
}

// ---- HTTP -----------------------------------------------------------------------------------

type Env = { Variables: { operator: ConsoleSession } };

class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RANK: Record<OperatorRole, number> = { auditor: 0, reviewer: 1, admin: 2 };

function need(c: Context<Env>, least: OperatorRole) {
  const op = c.get('operator');
  if (RANK[op.role] < RANK[least]) {
    throw new Refusal(
      403,
      'forbidden',
      `Signed in as ${op.name} (${op.role}); this needs the ${least} role or higher. Ask an administrator.`,
    );
  }
  return op;
}

async function body<S extends z.ZodType>(c: Context<Env>, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new Refusal(
      400,
      'malformed_json',
      'The body is not JSON; send Content-Type: application/json with a JSON object.',
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal(
      400,
      'invalid_body',
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * Answers `value` after checking it against the shared schema of that answer: the mock must never
 * drift from the contract the real routes keep (a mismatch is the mock's bug: 500, loudly).
 */
function send<S extends z.ZodType>(
  c: Context<Env>,
  schema: S,
  value: z.input<S>,
  status: 200 | 201 = 200,
) {
  const checked = schema.safeParse(value);
  if (!checked.success) {
    throw new Error(
      `mock answer to ${c.req.method} ${c.req.path} breaks its schema: ${checked.error.message}`,
    );
  }
  return c.json(value, status);
}

/** The Hono app of the mock: the console's shell and assets, and /admin/api/* from `state`. */
export function createConsoleMockApp(state: MockState): Hono<Env> {
  const app = new Hono<Env>();
  const a = state.activity;
  const csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  app.onError((err, c) => {
    if (err instanceof Refusal)
      return c.json({ error: { code: err.code, message: err.message } }, err.status);
    console.error(err);
    return c.json({ error: { code: 'internal', message: String(err) } }, 500);
  });

  // ---- the shell and its files
  app.get('/', (c) => c.redirect('/admin'));
  const shell = (c: Context<Env>) => {
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-store');
    return c.html(readFileSync(path.join(DIST, 'index.html'), 'utf8'));
  };
  app.get('/admin', shell);
  app.get('/admin/', shell);
  app.get('/admin/:file{console\\.(js|css)(\\.map)?}', (c) => {
    const file = c.req.param('file');
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.css')
        ? 'text/css'
        : 'application/json';
    c.header('Content-Type', `${type}; charset=utf-8`);
    c.header('Cache-Control', 'no-store');
    return c.body(readFileSync(path.join(DIST, file)));
  });

  // ---- API: CSRF header, then session (except signing in)
  app.use('/admin/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const csrf = c.req.header('X-Custodian-Console');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      state.writes.push({ method: c.req.method, path: c.req.path, csrf });
      if (csrf !== '1')
        throw new Refusal(
          403,
          'csrf',
          'Send the header X-Custodian-Console: 1 with every POST, PUT and DELETE (the console does).',
        );
    }
    if (c.req.path === '/admin/api/session' && c.req.method === 'POST') return next();
    const token = getCookie(c, 'custodian_console');
    const session = token ? state.sessions.get(token) : undefined;
    if (!session || Date.parse(session.expiresAt) < state.now()) {
      if (token) state.sessions.delete(token);
      throw new Refusal(401, 'signed-out', 'Not signed in, or the session expired: sign in again.');
    }
    c.set('operator', session);
    return next();
  });

  app.post('/admin/api/session', async (c) => {
    const b = await body(c, SignInBodySchema);
    const now = state.now();
    const recent = (state.failures.get(b.name) ?? []).filter((t) => now - t < LOCK_WINDOW_MS);
    if (recent.length >= LOCK_AFTER) {
      throw new Refusal(
        429,
        'sign-in-locked',
        `Too many failed sign-ins for ${b.name}: wait 15 minutes, or ask an administrator.`,
      );
    }
    const op = MOCK_OPERATORS[b.name];
    if (!op || op.password !== b.password || b.code !== MOCK_CODE) {
      state.failures.set(b.name, [...recent, now]);
      throw new Refusal(
        401,
        'sign-in-failed',
        'Name, password or authenticator code is wrong; check all three and try again.',
      );
    }
    const token = randomBytes(24).toString('base64url');
    const session = { name: b.name, role: op.role, expiresAt: iso(now + SESSION_MS) };
    state.sessions.set(token, session);
    setCookie(c, 'custodian_console', token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/admin',
    });
    return send(c, ConsoleSessionSchema, session);
  });
  app.get('/admin/api/session', (c) => send(c, ConsoleSessionSchema, c.get('operator')));
  app.delete('/admin/api/session', (c) => {
    const token = getCookie(c, 'custodian_console');
    if (token) state.sessions.delete(token);
    deleteCookie(c, 'custodian_console', { path: '/admin' });
    return c.body(null, 204);
  });

  // ---- activity
  app.get('/admin/api/activity/chart', (c) => {
    const q = ChartQuerySchema.safeParse(c.req.query());
    if (!q.success)
      throw new Refusal(400, 'invalid_query', q.error.issues[0]?.message ?? 'bad query');
    const { from, to, limit, offset } = q.data;
    if (daysOf(from, to).length > 92)
      throw new Refusal(400, 'range-too-long', 'The chart draws at most 92 days: narrow from/to.');
    const series = a.staff
      .map((staffId, s) => {
        const days: [string, number, number][] = [];
        a.days.forEach((day, d) => {
          const [v, r] = a.counts[d]![s]!;
          if (day >= from && day <= to && v + r > 0) days.push([day, v, r]);
        });
        return { staffId, peak: Math.max(0, ...days.map(([, v, r]) => v + r)), days };
      })
      .filter((x) => x.days.length > 0)
      .sort((x, y) => y.peak - x.peak || x.staffId.localeCompare(y.staffId));
    return send(c, ChartResponseSchema, {
      from,
      to,
      threshold: MOCK_THRESHOLD,
      staffCount: series.length,
      staff: series.slice(offset, offset + limit),
    });
  });
  const eventQuery = (c: Context<Env>): EventQuery => {
    const q = c.req.query();
    const after = q.after === undefined ? undefined : Number(q.after);
    return {
      from: q.from ?? a.days[0]!,
      to: q.to ?? a.days.at(-1)!,
      staffId: q.staffId || undefined,
      origin: q.origin || undefined,
      kind: q.kind || undefined,
      piiType: q.piiType || undefined,
      after,
      limit: Math.min(500, Number(q.limit ?? 100) || 100),
    };
  };
  app.get('/admin/api/activity/events', (c) =>
    send(c, EventPageSchema, queryEvents(a, eventQuery(c))),
  );
  app.get('/admin/api/activity/export', (c) => {
    const format = c.req.query('format');
    if (format !== 'csv' && format !== 'jsonl')
      throw new Refusal(400, 'invalid_query', 'format must be csv or jsonl');
    const { rows } = queryEvents(a, { ...eventQuery(c), after: undefined, limit: 5000 });
    const text =
      format === 'csv'
        ? [
            'index,staffId,day,at,kind,origin,piiType',
            ...rows.map((r) =>
              [r.index, r.staffId, r.day, r.at, r.kind, r.origin, r.piiType ?? ''].join(','),
            ),
          ].join('\r\n')
        : rows.map((r) => JSON.stringify(r)).join('\n');
    c.header('Content-Disposition', `attachment; filename="activity.${format}"`);
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    return c.body(text);
  });

  // ---- reviews
  app.get('/admin/api/reviews', (c) => {
    const status = c.req.query('status');
    return send(c, ReviewListSchema, {
      cases: state.cases.filter((x) => !status || x.status === status),
    });
  });
  const findCase = (id: string) => {
    const found = state.cases.find((x) => x.caseId === id);
    if (!found)
      throw new Refusal(404, 'not-found', `No review case ${id}; pick one from the queue.`);
    return found;
  };
  app.get('/admin/api/reviews/:caseId', (c) => {
    const rc = findCase(c.req.param('caseId'));
    const day = localDay(new Date(rc.trigger.at));
    return send(c, ReviewDetailSchema, {
      case: rc,
      events: queryEvents(a, {
        from: day,
        to: day,
        staffId: rc.staffId,
        after: c.req.query('after') === undefined ? undefined : Number(c.req.query('after')),
        // Small pages (the real route answers 200): the fixture's busiest day then needs "more".
        limit: 40,
      }),
    });
  });
  app.post('/admin/api/reviews/:caseId/decision', async (c) => {
    const op = need(c, 'reviewer');
    const b = await body(c, ReviewDecisionBodySchema);
    const rc = findCase(c.req.param('caseId'));
    if (rc.status !== 'open')
      throw new Refusal(
        409,
        'already-decided',
        `This case was ${rc.status} by ${rc.decidedBy}; it cannot be decided twice.`,
      );
    Object.assign(rc, {
      status: b.decision === 'approve' ? 'approved' : 'rejected',
      decidedAt: iso(state.now()),
      decidedBy: op.name,
      comment: b.comment,
    });
    return send(c, ReviewCaseSchema, rc);
  });

  // ---- spot checks
  const findCheck = (id: string) => {
    const found = state.checks.find((x) => x.checkId === id);
    if (!found) throw new Refusal(404, 'not-found', `No spot check ${id}; pick one from the list.`);
    return found;
  };
  app.get('/admin/api/spot-checks', (c) =>
    send(c, SpotCheckListSchema, { checks: [...state.checks].reverse() }),
  );
  app.post('/admin/api/spot-checks', async (c) => {
    const op = need(c, 'reviewer');
    const b = await body(c, SpotCheckCreateBodySchema);
    const seed = randomBytes(16).toString('hex');
    const pop = population(a, b.quarter, b.roles);
    const sample = sampleIndexes(pop, b.sampleSize, seed);
    if (!sample.ok) throw new Refusal(400, 'bad-seed', sample.error);
    const check = SpotCheckSchema.parse({
      checkId: randomUUID(),
      quarter: b.quarter,
      roles: b.roles,
      seed,
      population: pop.length,
      sample: sample.value,
      findings: [],
      createdBy: op.name,
      createdAt: iso(state.now()),
      status: 'open',
      signedBy: null,
      signedAt: null,
      ledgerIndex: null,
    });
    state.checks.push(check);
    return send(c, SpotCheckSchema, check, 201);
  });
  app.get('/admin/api/spot-checks/:checkId', (c) => {
    const check = findCheck(c.req.param('checkId'));
    return send(c, SpotCheckDetailSchema, {
      check,
      events: check.sample.map((i) => eventAt(a, i)).filter((e) => e !== null),
    });
  });
  app.post('/admin/api/spot-checks/:checkId/findings', async (c) => {
    const op = need(c, 'reviewer');
    const b = await body(c, FindingBodySchema);
    const check = findCheck(c.req.param('checkId'));
    if (check.status === 'signed')
      throw new Refusal(409, 'signed', 'This spot check is signed; its findings cannot change.');
    if (!check.sample.includes(b.index))
      throw new Refusal(400, 'not-in-sample', `Entry ${b.index} is not in this check's sample.`);
    check.findings = [
      ...check.findings.filter((f) => f.index !== b.index),
      { ...b, by: op.name, at: iso(state.now()) },
    ].sort((x, y) => x.index - y.index);
    return send(c, SpotCheckSchema, check);
  });
  app.post('/admin/api/spot-checks/:checkId/sign', (c) => {
    const op = need(c, 'reviewer');
    const check = findCheck(c.req.param('checkId'));
    if (check.status === 'signed')
      throw new Refusal(409, 'signed', 'This spot check is already signed.');
    const missing = check.sample.filter((i) => !check.findings.some((f) => f.index === i));
    if (missing.length > 0)
      throw new Refusal(
        400,
        'findings-missing',
        `Record a finding for every sampled event first: ${missing.length} to go.`,
      );
    Object.assign(check, {
      status: 'signed',
      signedBy: op.name,
      signedAt: iso(state.now()),
      ledgerIndex: a.total + state.writes.length,
    });
    return send(c, SpotCheckSchema, check);
  });

  // ---- integrity
  const root = 'b1946ac92492d2347c6235b4d2611184e1c3f4b5f0a1d2e3c4b5a69788796a5b';
  const publicKey =
    'custodian.example/ledger+4c0f2a1b+AcVgEoh9OjN7y2kB7Q0Zbq0sVn1lXK2bS5e3m0VZl1dq';
  const integrity = () => ({
    verify: {
      ok: true as const,
      size: a.total,
      root,
      checkpoints: 118,
      // The oldest entries are past retention: their payloads were pruned, their hashes kept.
      pruned: 1204,
      checkedAt: iso(state.verifiedAt),
    },
    checkpoint: {
      origin: 'custodian.example/ledger',
      size: a.total,
      root,
      note: `custodian.example/ledger\n${a.total}\n${Buffer.from(root, 'hex').toString('base64')}\n\n— custodian.example/ledger TA8qG1Zp2k0bBq9e3sV0mJ8rH2xYtL1oQ7cN4wR5uE6iA3dF9gK0=\n`,
      publicKey,
    },
    publicKey,
    size: a.total,
    commands: [
      'curl -o ledger-export.jsonl https://audit.example.com/v1/ledger/export',
      'curl -o checkpoint.txt https://audit.example.com/v1/ledger/checkpoint',
      `npm run verify -- --export ledger-export.jsonl --key '${publicKey}' --last-checkpoint checkpoint.txt`,
    ],
  });
  app.get('/admin/api/integrity', (c) => send(c, IntegrityResponseSchema, integrity()));
  app.post('/admin/api/integrity/verify', (c) => {
    need(c, 'admin');
    state.verifiedAt = state.now();
    return send(c, IntegrityResponseSchema, integrity());
  });
  app.get('/admin/api/integrity/export', (c) => {
    c.header('Content-Disposition', 'attachment; filename="ledger-export.jsonl"');
    c.header('Content-Type', 'application/x-ndjson');
    return c.body(
      `${JSON.stringify({ type: 'header', format: 'custodian-ledger-export/1', origin: 'custodian.example/ledger', publicKey, from: 0, to: 0 })}\n${JSON.stringify({ type: 'end', entries: 0 })}\n`,
    );
  });

  // ---- consent
  app.get('/admin/api/consent/stats', (c) => {
    const today = localDay(new Date(state.now()));
    const q = c.req.query();
    return send(c, ConsentStatsSchema, consentStats(today, q));
  });
  const queued = (r: DataRequest) => ({
    ...r,
    overdue:
      (r.status === 'open' || r.status === 'in-progress') && Date.parse(r.dueAt) < state.now(),
  });
  app.get('/admin/api/consent/requests', (c) => {
    const status = c.req.query('status');
    const limit = Number(c.req.query('limit') ?? 50);
    const offset = Number(c.req.query('offset') ?? 0);
    const matching = state.requests
      .filter((r) =>
        status === 'pending'
          ? r.status === 'open' || r.status === 'in-progress'
          : !status || r.status === status,
      )
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    return send(c, DataRequestQueueSchema, {
      requests: matching.slice(offset, offset + limit).map(queued),
      total: matching.length,
    });
  });
  app.post('/admin/api/consent/requests/:requestId/status', async (c) => {
    need(c, 'admin');
    const b = await body(c, RequestStatusBodySchema);
    const r = state.requests.find((x) => x.id === c.req.param('requestId'));
    if (!r)
      throw new Refusal(
        404,
        'unknown-request',
        'No data request has this id; take it from the queue.',
      );
    r.status = b.status;
    return send(c, QueuedDataRequestSchema, queued(r));
  });

  // ---- retention
  app.get('/admin/api/retention', (c) =>
    send(c, RetentionResponseSchema, {
      checkedAt: iso(state.now()),
      due: state.retention,
      ledger: 'Ledger entries are kept for at least three years and never destroyed (R17).',
    }),
  );
  app.post('/admin/api/retention/destroy', async (c) => {
    need(c, 'admin');
    const { kind } = await body(c, RetentionDestroyBodySchema);
    const item = state.retention.find((x) => x.kind === kind);
    const destroyed = item?.count ?? 0;
    if (item) {
      item.count = 0;
      item.oldest = null;
    }
    return send(c, RetentionDestroyedSchema, { kind, destroyed });
  });

  // ---- incidents
  const withClock = (i: Incident) => ({ ...i, clock: incidentClock(i, state.now()) });
  const findIncident = (id: string) => {
    const found = state.incidents.find((x) => x.incidentId === id);
    if (!found)
      throw new Refusal(404, 'not-found', `No incident ${id}; pick one from the register.`);
    return found;
  };
  app.get('/admin/api/incidents', (c) =>
    send(c, IncidentListSchema, {
      incidents: [...state.incidents]
        .sort(
          (x, y) =>
            Number(x.closedAt !== null) - Number(y.closedAt !== null) ||
            y.discoveredAt.localeCompare(x.discoveredAt),
        )
        .map(withClock),
    }),
  );
  app.post('/admin/api/incidents', async (c) => {
    const op = need(c, 'reviewer');
    const b = await body(c, IncidentCreateBodySchema);
    const incident = IncidentSchema.parse({
      incidentId: randomUUID(),
      ...b,
      openedBy: op.name,
      openedAt: iso(state.now()),
      steps: [],
      closedAt: null,
    });
    state.incidents.push(incident);
    return send(c, IncidentViewSchema, withClock(incident), 201);
  });
  app.get('/admin/api/incidents/:incidentId', (c) =>
    send(c, IncidentViewSchema, withClock(findIncident(c.req.param('incidentId')))),
  );
  app.post('/admin/api/incidents/:incidentId/steps', async (c) => {
    const op = need(c, 'reviewer');
    const b = await body(c, IncidentStepBodySchema);
    const incident = findIncident(c.req.param('incidentId'));
    if (incident.closedAt)
      throw new Refusal(
        409,
        'closed',
        'This incident is closed; open a new one for anything further.',
      );
    const at = iso(state.now());
    incident.steps.push({ ...b, by: op.name, at });
    if (b.action === 'closed') incident.closedAt = at;
    return send(c, IncidentViewSchema, withClock(incident));
  });

  app.all('/admin/api/*', () => {
    throw new Refusal(
      404,
      'not-found',
      'No such console route; see the API list in the issue 7 brief.',
    );
  });
  app.get('/admin/*', shell);
  return app;
}

export interface ConsoleMock {
  url: string;
  state: MockState;
  close: () => Promise<void>;
}

/**
 * Starts the mock on 127.0.0.1 (port 0: a free one).
 *
 * @example
 *   const mock = await startConsoleMock();
 *   await page.goto(`${mock.url}/admin`);
 */
export async function startConsoleMock(
  options: { port?: number; now?: () => number } = {},
): Promise<ConsoleMock> {
  const state = makeState(options.now ?? Date.now);
  const app = createConsoleMockApp(state);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve(
        { fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 },
        (info) => resolve({ server, port: info.port }),
      );
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: async () => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mock = await startConsoleMock({ port: Number(process.env.PORT ?? 5180) });
  console.log(`console mock: ${mock.url}/admin`);
  for (const [name, { password, role }] of Object.entries(MOCK_OPERATORS)) {
    console.log(`  ${role.padEnd(8)} ${name} / ${password} / code ${MOCK_CODE}`);
  }
}
