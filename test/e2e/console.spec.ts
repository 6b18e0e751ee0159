// The review console end to end (issue 7: R6, R10, R16, R17, R18, R21) against the REAL server of
// fixtures.ts, in system Chromium, as reviewers, auditors and administrators use it: every page is
// screenshotted into test-results/console-real/ for people to look at and checked by axe-core (no
// violations at all); the page's strict CSP must never fire. The data comes in through the
// product's own paths (console-seed.ts): a policy with a daily limit of 8, two enrolled support
// staff whose browsers send their events, customers' consent decisions and a deletion request.
// Build first: `npx tsx server/console-ui/build.ts` (the console's shell and assets).
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Download,
  type Page,
} from '@playwright/test';
import { CONSOLE_KIND } from '../../server/console/config';
import { ledgerEntries } from '../../server/ledger/entries';
import { ConsoleEntrySchema, type ConsoleEntry } from '../../shared/schema/review';
import { GovernanceEntrySchema, type GovernanceEntry } from '../../shared/schema/staff';
import { ExportLineSchema } from '../../shared/schema';
import { GOVERNANCE_KIND } from '../../server/staff';
import { DAILY_MAX, ROLE, SITE, TIME_ZONE, seedConsole, type ConsoleSeed } from './console-seed';
import {
  addConsoleOperator,
  CHROMIUM,
  CHROMIUM_ARGS,
  expect,
  test as base,
  totpCode,
  type ConsoleCredentials,
  type DemoServer,
} from './fixtures';

const SHOTS = 'test-results/console-real';

type Role = 'auditor' | 'reviewer' | 'admin';

interface ConsoleUi {
  /** A fresh browser window on the console's sign-in page, as a reviewer in Shanghai sees it. */
  open(): Promise<Page>;
  /** A new operator of `role` (named `name`, made unique on this server), signed in through the form. */
  signedIn(role: Role, name: string): Promise<{ page: Page; operator: ConsoleCredentials }>;
}

const test = base.extend<{ ui: ConsoleUi }, { browser: Browser; seed: ConsoleSeed }>({
  // The console needs no extension: a plain system Chromium, shared by the file's tests.
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // Once per server: a test that fails restarts the worker, whose new server is seeded afresh.
  seed: [async ({ server }, use) => use(await seedConsole(server)), { scope: 'worker' }],
  ui: async ({ browser, server, seed }, use) => {
    expect(seed.caseId).toBeTruthy();
    // CSP violations and uncaught errors seen by any window: the test ends by expecting none.
    const problems: string[] = [];
    const contexts: BrowserContext[] = [];
    const open = async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        timezoneId: TIME_ZONE,
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()))
          problems.push(msg.text());
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.goto(`${server.url}/admin`);
      return page;
    };
    await use({
      open,
      async signedIn(role, name) {
        const operator = addOperator(server, name, role);
        const page = await open();
        await signIn(page, operator);
        return { page, operator };
      },
    });
    for (const context of contexts) await context.close();
    expect(problems, 'CSP violations or script errors').toEqual([]);
  },
});

/** Operators made on each worker's server: a name used twice gets a number. */
const namesUsed = new Map<string, number>();
function addOperator(server: DemoServer, name: string, role: Role): ConsoleCredentials {
  const n = (namesUsed.get(name) ?? 0) + 1;
  namesUsed.set(name, n);
  return addConsoleOperator(server, n === 1 ? name : `${name}-${n}`, role);
}

async function fillSignIn(page: Page, operator: ConsoleCredentials, code: string) {
  await page.getByLabel('用户名 Name').fill(operator.name);
  await page.getByLabel('密码 Password').fill(operator.password);
  await page.getByLabel('验证码 Authenticator code').fill(code);
  await page.getByRole('button', { name: '登录 Sign in' }).click();
}

async function signIn(page: Page, operator: ConsoleCredentials) {
  await fillSignIn(page, operator, totpCode(operator.secret, Date.now()));
  await expect(page.getByTestId('operator')).toContainText(operator.name);
}

/** Every axe finding, one line each: the console must have none. */
async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** A full-page screenshot to look at, and axe over the page as it is. */
async function capture(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
  expect.soft(await axe(page), `axe on ${name}`).toEqual([]);
}

async function openPage(page: Page, label: string) {
  await page
    .getByRole('navigation', { name: '页面 Pages' })
    .getByRole('link', { name: label })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
}

/** The console entries of the ledger, parsed. */
function consoleEntries(server: DemoServer): ConsoleEntry[] {
  return ledgerEntries(server.ledger)
    .filter((e) => e.kind === CONSOLE_KIND)
    .map((e) => ConsoleEntrySchema.parse(e.payload));
}

function governanceEntries(server: DemoServer): GovernanceEntry[] {
  return ledgerEntries(server.ledger)
    .filter((e) => e.kind === GOVERNANCE_KIND)
    .map((e) => GovernanceEntrySchema.parse(e.payload));
}

/** A downloaded file's text. */
async function downloaded(download: Download): Promise<string> {
  const file = await download.path();
  return readFileSync(file, 'utf8');
}

/** An instant as the console shows it to a reviewer in Shanghai: `YYYY-MM-DD HH:MM:SS`. */
const shownAt = (iso: string): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

test('signs in with name, password and authenticator code; a wrong code is refused', async ({
  ui,
  server,
}) => {
  const reviewer = addOperator(server, 'zhao.min', 'reviewer');
  const page = await ui.open();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Review console');
  await capture(page, '01-sign-in');

  // A code from five minutes ahead: the right format, but not the one the app shows now.
  await fillSignIn(page, reviewer, totpCode(reviewer.secret, Date.now(), 10));
  await expect(page.getByRole('alert')).toContainText(
    'The name, password or authenticator code is not right',
  );
  await expect(page.getByLabel('验证码 Authenticator code')).toBeFocused();
  await expect(page.getByLabel('验证码 Authenticator code')).toHaveValue('');
  await capture(page, '02-sign-in-refused');
  expect(consoleEntries(server)).toContainEqual(
    expect.objectContaining({ kind: 'sign-in-failed', name: reviewer.name }),
  );

  await page.getByLabel('验证码 Authenticator code').fill(totpCode(reviewer.secret, Date.now()));
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(page.getByTestId('operator')).toHaveText(`${reviewer.name} · 复核员 Reviewer`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('活动 Activity');
  expect(consoleEntries(server)).toContainEqual(
    expect.objectContaining({ kind: 'signed-in', by: reviewer.name }),
  );

  await page.getByRole('button', { name: '退出 Sign out' }).click();
  await expect(page.getByRole('button', { name: '登录 Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '登录 Sign in' })).toBeVisible();
});

test('activity: the staff member over the limit stands out, drills down, exports CSV', async ({
  ui,
  server,
  seed,
}) => {
  const { page, operator } = await ui.signedIn('auditor', 'sun.li');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('活动 Activity');
  const busy = page.locator(`tr[data-staff="${seed.busyStaff}"]`);
  const quiet = page.locator(`tr[data-staff="${seed.quietStaff}"]`);
  await expect(page.locator('table.chart tbody tr')).toHaveCount(2);
  // Busiest first, marked in words as well as colour, with the day and its count.
  await expect(page.locator('table.chart tbody tr').first()).toHaveAttribute(
    'data-staff',
    seed.busyStaff,
  );
  await expect(busy).toHaveClass(/over/);
  await expect(busy).toContainText('超限 Over');
  await expect(busy.locator('td.num').first()).toHaveText(String(seed.busyDayTotal));
  await expect(busy.getByRole('img')).toHaveAccessibleName(
    new RegExp(`${seed.busyDay} \\(${seed.busyDayTotal}\\)`),
  );
  await expect(busy.locator('path.over-views')).toHaveCount(1);
  await expect(quiet).not.toHaveClass(/over/);
  await expect(quiet).not.toContainText('超限 Over');
  await expect(page.getByRole('status').first()).toContainText(
    `1 staff on this page went over the daily limit of ${DAILY_MAX}`,
  );
  await capture(page, '03-activity');

  // The range's CSV: a header row, every event, and the export recorded in the ledger.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.exports').getByRole('link', { name: 'CSV' }).click(),
  ]);
  const lines = (await downloaded(csv)).split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('index,at,day,staffId,kind,origin,piiType');
  expect(lines).toHaveLength(1 + seed.allEvents);
  expect(lines.filter((l) => l.includes(`,${seed.busyDay},${seed.busyStaff},`))).toHaveLength(
    seed.busyDayTotal,
  );
  await expect
    .poll(() =>
      consoleEntries(server).filter(
        (e) => e.kind === 'exported' && e.by === operator.name && e.format === 'csv',
      ),
    )
    .toEqual([expect.objectContaining({ what: 'activity events', rows: seed.allEvents })]);

  // Drill down to the busy staff member's events, then to their reveals alone.
  await busy.getByRole('link', { name: seed.busyStaff }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`员工 Staff ${seed.busyStaff}`);
  await expect(page.locator('table.events tbody tr')).toHaveCount(seed.busyEvents);
  await expect(page.locator('table.events caption')).toContainText('全部 all');
  await capture(page, '04-staff-events');
  await page.getByLabel('操作 Kind').selectOption('reveal');
  await page.getByRole('button', { name: '显示 Show' }).click();
  await expect(page.locator('table.events tbody tr')).toHaveCount(3);
  await expect(page.locator('table.events tbody tr').first()).toContainText('显示原文 Reveal');
  await expect(page.locator('table.events tbody tr').first()).toContainText('手机号 Phone');
});

test('reviews: the open case with its rule and events; auditors read, a reviewer approves', async ({
  ui,
  server,
  seed,
}) => {
  const { page: auditor } = await ui.signedIn('auditor', 'qian.yu');
  await openPage(auditor, '复核 Reviews');
  const row = auditor.locator('table tbody tr', { hasText: seed.busyStaff });
  await expect(row).toContainText('每日上限 Daily limit');
  await expect(row).toContainText('待复核 Open');
  await capture(auditor, '05-reviews');

  await row.getByRole('link').click();
  await expect(auditor.getByRole('heading', { level: 1 })).toHaveText(
    `复核 Review · ${seed.busyStaff}`,
  );
  const rule = auditor.locator('li[data-rule="daily-limit"]');
  await expect(rule).toContainText(`上限 max ${DAILY_MAX}`);
  await expect(rule).toContainText(`${seed.busyDay} (${TIME_ZONE})`);
  // The events behind it: everything the staff member did that day.
  await expect(auditor.locator('table.events tbody tr')).toHaveCount(seed.busyDayTotal);
  await expect(auditor.getByText('Auditors read only: a reviewer or administrator')).toBeVisible();
  await expect(auditor.getByRole('button', { name: /Record the decision/ })).toHaveCount(0);
  await capture(auditor, '06-review-auditor');
  // Nor can an auditor decide by calling the API with their session.
  const refused = await auditor.request.post(
    `${server.url}/admin/api/reviews/${seed.caseId}/decision`,
    {
      headers: { 'X-Custodian-Console': '1' },
      data: { decision: 'approve', comment: 'auditor trying' },
    },
  );
  expect(refused.status()).toBe(403);

  const { page, operator } = await ui.signedIn('reviewer', 'zhou.jing');
  await page.goto(`${server.url}/admin#/reviews/${seed.caseId}`);
  await expect(page.getByTestId('case-status')).toHaveText('待复核 Open');
  await page.getByLabel('批准：解除限制 Approve: lift the block').check();
  const comment = '已核实：双十一大促期间客户来电激增 Checked: call volume spiked during the sale';
  await page.getByLabel('意见（必填）Comment (required)').fill(comment);
  await capture(page, '07-review-deciding');
  await page.getByRole('button', { name: '提交决定 Record the decision' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('已批准 Approved');
  await expect(page.getByRole('status').filter({ hasText: 'Recorded' })).toContainText(
    '已记录 Recorded: 已批准 Approved',
  );
  await expect(page.getByText(comment)).toBeVisible();
  await capture(page, '08-review-approved');

  const decided = server.governance.review(seed.caseId);
  expect(decided.ok && decided.value).toMatchObject({
    status: 'approved',
    decidedBy: operator.name,
    comment,
  });
  expect(governanceEntries(server)).toContainEqual(
    expect.objectContaining({
      kind: 'review-decided',
      caseId: seed.caseId,
      by: operator.name,
      decision: 'approve',
    }),
  );
});

test('spot checks: draws the quarter of the role, a finding per sampled event, signs', async ({
  ui,
  server,
  seed,
}) => {
  const { page, operator } = await ui.signedIn('reviewer', 'wu.hao');
  await openPage(page, '抽查 Spot checks');
  await capture(page, '09-spot-checks');
  await page.getByLabel('季度 Quarter').selectOption(seed.quarter);
  await page.getByLabel('高风险角色 High-risk roles').fill(ROLE);
  await page.getByLabel('样本量 Sample size').fill('5');
  await page.getByRole('button', { name: '抽取样本 Draw the sample' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `抽查 Spot check · ${seed.quarter}`,
  );
  await expect(page.getByTestId('population')).toHaveText(`${seed.quarterEvents} 条事件 events`);
  const rows = page.locator('table.events tbody tr');
  await expect(rows).toHaveCount(5);
  const sign = page.getByRole('button', { name: '签署抽查 Sign the spot check' });
  await expect(sign).toBeDisabled();

  const indexes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-index')));
  for (const [i, index] of indexes.entries()) {
    const row = page.locator(`tr[data-index="${index}"]`);
    await row.getByRole('combobox').selectOption(i === 0 ? 'concern' : 'ok');
    await row
      .getByRole('textbox')
      .fill(
        i === 0
          ? '无工单记录，已询问本人 No ticket: asked the staff member'
          : '有对应工单 Ticket found',
      );
    await row.getByRole('button', { name: /保存 Save/ }).click();
    await expect(row.getByRole('status')).toHaveText('已保存 Saved');
  }
  await expect(page.getByTestId('check-status')).toContainText('0 findings to go');
  await capture(page, '10-spot-check-findings');
  await sign.click();
  await expect(page.getByTestId('check-status')).toContainText(`已签署 Signed by ${operator.name}`);
  await expect(page.getByTestId('check-status')).toContainText('日志 ledger #');
  await capture(page, '11-spot-check-signed');

  const entries = consoleEntries(server);
  const drawn = entries.find((e) => e.kind === 'spot-check-drawn' && e.by === operator.name);
  expect(drawn).toMatchObject({
    quarter: seed.quarter,
    roles: [ROLE],
    population: seed.quarterEvents,
  });
  const signed = entries.find((e) => e.kind === 'spot-check-signed' && e.by === operator.name);
  expect(signed?.kind === 'spot-check-signed' && signed.check).toMatchObject({
    status: 'signed',
    quarter: seed.quarter,
    signedBy: operator.name,
  });
  if (signed?.kind !== 'spot-check-signed') throw new Error('no spot-check-signed entry');
  expect(signed.check.findings.map((f) => String(f.index)).sort()).toEqual(
    [...indexes].map(String).sort(),
  );
});

test('integrity: intact with size and checkpoint; the ledger export downloads', async ({
  ui,
  server,
}) => {
  const { page, operator } = await ui.signedIn('admin', 'chen.jie');
  await openPage(page, '完整性 Integrity');
  await expect(page.getByTestId('verify-state')).toContainText('✓ 完整 Intact');
  const size = page
    .locator('dt', { hasText: '日志大小 Size' })
    .locator('xpath=following-sibling::dd');
  await expect(size).toHaveText(/^\d+ 条 entries$/);
  expect(Number((await size.textContent())?.split(' ')[0])).toBeGreaterThan(0);
  await capture(page, '12-integrity');

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载日志导出 Download the ledger export' }).click(),
  ]);
  const lines = (await downloaded(file))
    .split('\n')
    .filter(Boolean)
    .map((line) => ExportLineSchema.parse(JSON.parse(line)));
  const header = lines[0];
  if (header?.type !== 'header') throw new Error('the export does not start with its header');
  expect(header.from).toBe(0);
  const exportedTo = header.to;
  expect(lines.some((l) => l.type === 'checkpoint')).toBe(true);
  const exported = consoleEntries(server).filter(
    (e) => e.kind === 'exported' && e.by === operator.name && e.format === 'ledger',
  );
  expect(exported).toHaveLength(1);

  // The export signed a checkpoint over its own record; a new verification counts it.
  await page.getByRole('button', { name: '重新校验 Verify again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified again' })).toBeVisible();
  await expect(page.getByTestId('verify-state')).toContainText('✓ 完整 Intact');
  const checkpoint = page.getByRole('region', { name: '最新检查点 Latest checkpoint' });
  // It covers the whole ledger as it was when the export recorded itself.
  const covers = checkpoint
    .locator('dt', { hasText: '覆盖 Covers' })
    .locator('xpath=following-sibling::dd');
  await expect(covers).toHaveText(/^\d+ 条 entries$/);
  expect(Number((await covers.textContent())?.split(' ')[0])).toBe(exportedTo);
  await capture(page, '13-integrity-verified');
});

test('consent: the site’s decisions, the open deletion request and its due date; an admin moves it on', async ({
  ui,
  server,
  seed,
}) => {
  const { page: auditor } = await ui.signedIn('auditor', 'he.ping');
  await openPage(auditor, '同意 Consent');
  const request = auditor.locator(`tr[data-request="${seed.deletion.id}"]`);
  await expect(request).toContainText('删除 Deletion');
  await expect(request).toContainText(SITE);
  await expect(request).toContainText(shownAt(seed.deletion.dueAt));
  await expect(request).toContainText('待处理 Open');
  await expect(request).not.toHaveClass(/overdue/);
  // Auditors see the queue but cannot change it.
  await expect(request.getByRole('combobox')).toHaveCount(0);

  const stats = auditor.locator('table.stats');
  await expect(
    auditor.getByRole('heading', { name: `${SITE} · 策略版本 Policy version 1` }),
  ).toBeVisible();
  const analytics = stats.locator('tbody', { hasText: '访问统计 Usage statistics' }).locator('tr');
  await expect(analytics).toHaveCount(1);
  const cells = analytics.locator('td .num');
  await expect(cells).toHaveText([
    String(seed.analytics.granted),
    String(seed.analytics.refused),
    String(seed.analytics.withdrawn),
  ]);
  await capture(auditor, '14-consent');

  const { page, operator } = await ui.signedIn('admin', 'lin.fang');
  await openPage(page, '同意 Consent');
  const row = page.locator(`tr[data-request="${seed.deletion.id}"]`);
  await row.getByRole('combobox').selectOption('in-progress');
  await row.getByRole('textbox').fill('已通知 CRM 组删除 Asked the CRM team to delete the records');
  await row.getByRole('button', { name: '保存 Save' }).click();
  await expect(row.locator('td').nth(5)).toHaveText('处理中 In progress');
  await expect(row.getByRole('status')).toHaveText('已保存 Saved: 处理中 In progress');
  await expect(row.getByRole('textbox')).toHaveValue('');
  await capture(page, '15-consent-in-progress');

  const queued = server.consent.requests().find((r) => r.id === seed.deletion.id);
  expect(queued?.status).toBe('in-progress');
  expect(consoleEntries(server)).toContainEqual(
    expect.objectContaining({
      kind: 'request-status',
      by: operator.name,
      requestId: seed.deletion.id,
      status: 'in-progress',
    }),
  );
});

test('retention: the kinds with their rules and the ledger note; nothing due yet', async ({
  ui,
}) => {
  const { page } = await ui.signedIn('admin', 'guo.lei');
  await openPage(page, '留存 Retention');
  await expect(page.getByTestId('ledger-note')).toContainText('three years');
  await expect(page.getByTestId('ledger-note')).toContainText('never destroyed by the console');
  for (const kind of ['verification-contacts', 'consent-records']) {
    const row = page.locator(`tr[data-kind="${kind}"]`);
    await expect(row).toContainText(kind);
    await expect(row.locator('td.num')).toHaveText('0');
    await expect(row.getByRole('button', { name: /销毁 Destroy/ })).toHaveCount(0);
  }
  await expect(page.locator('tr[data-kind="verification-contacts"]')).toContainText('24 hours');
  await expect(page.getByTestId('nothing-due')).toHaveText(
    '没有到期数据 Nothing is due for destruction now.',
  );
  await capture(page, '16-retention');
});

test('incidents: a level-1 incident found 10 minutes ago has ~50 minutes; notifying the customer marks it done', async ({
  ui,
  server,
}) => {
  const { page, operator } = await ui.signedIn('reviewer', 'ma.lin');
  await openPage(page, '事件 Incidents');
  await expect(page.getByText('没有事件 No incidents.')).toBeVisible();
  await capture(page, '17-incidents-empty');

  const tenMinutesAgo = await page.evaluate(() => {
    const d = new Date(Date.now() - 10 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await page.getByLabel('级别 Level').selectOption('1');
  const title = '工单附件误发给其他客户 Ticket attachment sent to the wrong customer';
  await page.getByLabel('标题 Title').fill(title);
  await page
    .getByLabel('经过 What happened')
    .fill(
      '客服把一位客户的发票附件回复给了另一位客户 An agent replied with another customer’s invoice',
    );
  await page.getByLabel('发现时间 Discovered at').fill(tenMinutesAgo);
  await page.getByRole('button', { name: '登记事件 Open the incident' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`事件 Incident · ${title}`);
  const notify = page.locator('li[data-step="customer-notified"]');
  // Found 10 minutes ago (typed to the minute): about 49 of the hour's 60 minutes are left.
  await expect(notify.getByTestId('timer')).toHaveText(/剩余 0:(4[89]:\d\d|50:00) left/);
  await capture(page, '18-incident-open');

  await page.getByLabel('做了什么 Action').selectOption('customer-notified');
  await page
    .getByLabel('说明 Note')
    .fill('已电话告知两位客户并致歉 Called both customers and apologised');
  await page.getByRole('button', { name: '记录 Record the step' }).click();
  await expect(notify).toContainText('✓ 按时完成 Done on time');
  await expect(notify.getByTestId('timer')).toHaveCount(0);
  await expect(page.locator('ol.steps')).toContainText('已告知客户 Customer notified');
  await capture(page, '19-incident-notified');

  await page.getByRole('link', { name: '← 返回登记 Back to the register' }).click();
  const card = page.locator('li.card', { hasText: title });
  await expect(card).toContainText('一级 Level 1');
  await expect(card.locator('li[data-step="customer-notified"]')).toContainText('Done on time');
  await capture(page, '20-incidents');

  const entries = consoleEntries(server);
  expect(entries).toContainEqual(
    expect.objectContaining({ kind: 'incident-opened', by: operator.name }),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({
      kind: 'incident-step',
      by: operator.name,
      step: expect.objectContaining({ action: 'customer-notified' }),
    }),
  );
});
