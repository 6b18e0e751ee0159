// The review console's UI (issue 7) against the mock server (console-mock-server.ts): every page
// visited, screenshotted into test-results/console-ui/ for people to look at, and checked by
// axe-core (no violations at all); the page's strict CSP must never fire; the role rules, the CSRF
// header, the return to sign-in on 401 and the live incident clock are checked on the way.
// Build first: `npx tsx server/console-ui/build.ts`.
import AxeBuilder from '@axe-core/playwright';
import { test as base, chromium, expect, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './fixtures';
import {
  MOCK_CODE,
  MOCK_OPERATORS,
  MOCK_OVER,
  startConsoleMock,
  type ConsoleMock,
} from './console-mock-server';

const SHOTS = 'test-results/console-ui';

interface Fixtures {
  page: Page;
}

const test = base.extend<Fixtures, { mock: ConsoleMock; browser: Browser }>({
  mock: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
    async ({}, use) => {
      const mock = await startConsoleMock();
      await use(mock);
      await mock.close();
    },
    { scope: 'worker' },
  ],
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ browser }, use) => {
    // CSP violations and uncaught errors seen by the page: the test ends by expecting none.
    const problems: string[] = [];
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()))
        problems.push(msg.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await use(page);
    await context.close();
    expect(problems, 'CSP violations or script errors').toEqual([]);
  },
});

async function signIn(page: Page, mock: ConsoleMock, name: keyof typeof MOCK_OPERATORS & string) {
  await page.goto(`${mock.url}/admin`);
  await page.getByLabel('用户名 Name').fill(name);
  await page.getByLabel('密码 Password').fill(MOCK_OPERATORS[name]!.password);
  await page.getByLabel('验证码 Authenticator code').fill(MOCK_CODE);
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(page.getByTestId('operator')).toContainText(name);
}

/** Every axe finding, one line each: the console must have none. */
async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function capture(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
  expect.soft(await axe(page), `axe on ${name}`).toEqual([]);
}

async function openPage(page: Page, label: string, heading: string | RegExp) {
  await page
    .getByRole('navigation', { name: '页面 Pages' })
    .getByRole('link', { name: label })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  // Focus moves to the new page's heading, for screen readers.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
}

test('every page: screenshots, axe clean, strict CSP never fires', async ({ page, mock }) => {
  // axe over 50 chart rows of 90 days (~10,000 SVG nodes) takes a while on two shared cores.
  test.setTimeout(300_000);
  await page.goto(`${mock.url}/admin`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Review console');
  await capture(page, '01-sign-in');
  await page.getByLabel('用户名 Name').fill('admin.chen');
  await page.getByLabel('密码 Password').fill('wrong');
  await page.getByLabel('验证码 Authenticator code').fill('12');
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(page.getByText('must be the 6-digit code')).toBeVisible();
  await page.getByLabel('验证码 Authenticator code').fill('123456');
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Name, password or authenticator code is wrong',
  );
  await capture(page, '02-sign-in-error');

  await page.getByLabel('密码 Password').fill(MOCK_OPERATORS['admin.chen']!.password);
  await page.getByLabel('验证码 Authenticator code').fill(MOCK_CODE);
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(page.getByTestId('operator')).toContainText('admin.chen');

  // Activity: 50 staff a page, the ones over the limit marked in words.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('活动 Activity');
  const rows = page.locator('table.chart tbody tr');
  await expect(rows).toHaveCount(50);
  for (const id of MOCK_OVER) {
    await expect(page.locator(`tr[data-staff="${id}"]`)).toHaveClass(/over/);
    await expect(page.locator(`tr[data-staff="${id}"]`)).toContainText('超限 Over');
  }
  await expect(page.getByRole('link', { name: 'CSV' })).toHaveAttribute('href', /format=csv/);
  await capture(page, '03-activity');
  await page.getByRole('link', { name: '下一页 Next →' }).click();
  await expect(rows).toHaveCount(14);
  await capture(page, '04-activity-page-2');
  await page.goBack();

  // Drill-down: the busiest staff member's events, paged by `after`.
  await page.getByRole('link', { name: 'CS-0042' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('员工 Staff CS-0042');
  await expect(page.locator('table.events tbody tr')).toHaveCount(100);
  await page.getByRole('button', { name: '加载更多 Load more' }).click();
  await expect(page.locator('table.events tbody tr')).toHaveCount(200);
  const indexes = await page
    .locator('table.events tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-index'))));
  expect(new Set(indexes).size).toBe(200);
  expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
  await page.getByLabel('操作 Kind').selectOption('reveal');
  await page.getByRole('button', { name: '显示 Show' }).click();
  await expect(page.locator('table.events tbody tr').first()).toContainText('显示原文 Reveal');
  await capture(page, '05-staff-events');

  await openPage(page, '复核 Reviews', '复核 Reviews');
  await expect(page.locator('table tbody tr')).toHaveCount(2);
  await capture(page, '06-reviews');
  await page.getByRole('link', { name: /CS-0007/ }).click();
  await expect(page.getByRole('heading', { name: '每日上限 Daily limit' })).toBeVisible();
  // The day's events page on through the case's own route (`?after=`).
  const caseEvents = page.locator('table.events tbody tr');
  await expect(caseEvents).toHaveCount(40);
  await page.getByRole('button', { name: '加载更多 Load more' }).click();
  await expect(caseEvents).not.toHaveCount(40);
  await capture(page, '07-review-detail');

  await openPage(page, '抽查 Spot checks', '抽查 Spot checks');
  await capture(page, '08-spot-checks');
  await page.locator('table tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('抽查 Spot check ·');
  await capture(page, '09-spot-check-detail');

  await openPage(page, '完整性 Integrity', '完整性 Integrity');
  await expect(page.getByTestId('verify-state')).toContainText('Intact');
  await expect(page.getByTestId('verify-pruned')).toContainText('1204 条仅存哈希');
  await expect(page.getByRole('button', { name: '重新校验 Verify again' })).toBeVisible();
  await capture(page, '10-integrity');

  await openPage(page, '同意 Consent', '同意 Consent');
  await expect(page.locator('tr.overdue')).toHaveCount(1);
  await expect(page.locator('tr.overdue')).toContainText('逾期 Overdue');
  await capture(page, '11-consent');

  await openPage(page, '留存 Retention', '留存 Retention');
  await expect(page.getByTestId('ledger-note')).toContainText('three years');
  await page.getByRole('button', { name: '销毁 Destroy verification-contacts' }).click();
  await expect(page.getByRole('button', { name: '确认销毁 Yes, destroy 42' })).toBeFocused();
  await capture(page, '12-retention-confirm');

  await openPage(page, '事件 Incidents', '事件 Incidents');
  await expect(page.getByTestId('timer').first()).toBeVisible();
  await capture(page, '13-incidents');
  await page.getByRole('link', { name: /Ticket attachment sent to the wrong customer/ }).click();
  await expect(page.getByRole('heading', { name: '记录一步 Record a step' })).toBeVisible();
  await capture(page, '14-incident-detail');

  // The narrow screen: the chart and the deadlines must stay usable at phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await capture(page, '15-incident-detail-narrow');
  await page.goto(`${mock.url}/admin#/activity`);
  await expect(rows).toHaveCount(50);
  await capture(page, '16-activity-narrow');
});

test('a reviewer decides a case with a required comment; every write carries the CSRF header', async ({
  page,
  mock,
}) => {
  await signIn(page, mock, 'li.wei');
  await page.goto(`${mock.url}/admin#/reviews`);
  await page.getByRole('link', { name: /CS-0023/ }).click();
  await page.getByRole('button', { name: '提交决定 Record the decision' }).click();
  await expect(page.getByText('请选择批准或驳回 Choose approve or reject')).toBeVisible();
  await page.getByLabel('驳回：保持限制 Reject: keep the block').check();
  await page
    .getByLabel('意见（必填）Comment (required)')
    .fill('夜间登录无工单 No ticket for the late login');
  await page.getByRole('button', { name: '提交决定 Record the decision' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('已驳回 Rejected');
  // The first try, without a decision, never left the browser.
  expect(mock.state.writes.filter((w) => w.path.includes('/decision'))).toHaveLength(1);
  expect(mock.state.writes.every((w) => w.csrf === '1')).toBe(true);
});

test('an auditor reads cases, spot checks and incidents without the forms that change them', async ({
  page,
  mock,
}) => {
  await signIn(page, mock, 'audit-01');
  await page.goto(`${mock.url}/admin#/reviews`);
  await page.getByRole('link', { name: /CS-0007/ }).click();
  await expect(
    page.getByText('Auditors read only: a reviewer or administrator decides'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: '提交决定 Record the decision' })).toHaveCount(0);
  await capture(page, '17-review-detail-auditor');
  await page.goto(`${mock.url}/admin#/spot-checks`);
  await expect(page.getByRole('heading', { name: '新抽查 New spot check' })).toHaveCount(0);
  await page.goto(`${mock.url}/admin#/integrity`);
  await expect(page.getByTestId('verify-state')).toBeVisible();
  await expect(page.getByRole('button', { name: '重新校验 Verify again' })).toHaveCount(0);
});

test('a spot check: drawn, a finding per sampled event, signed when complete', async ({
  page,
  mock,
}) => {
  await signIn(page, mock, 'li.wei');
  await page.goto(`${mock.url}/admin#/spot-checks`);
  await page.getByLabel('样本量 Sample size').fill('3');
  await page.getByRole('button', { name: '抽取样本 Draw the sample' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('抽查 Spot check ·');
  await expect(page.getByTestId('population')).not.toHaveText('0 条事件 events');
  const sign = page.getByRole('button', { name: '签署抽查 Sign the spot check' });
  await expect(sign).toBeDisabled();
  const selects = page.locator('form.finding select');
  await expect(selects).toHaveCount(3);
  for (let i = 0; i < 3; i += 1) {
    await selects.nth(i).selectOption(i === 1 ? 'concern' : 'ok');
    await page
      .locator('form.finding')
      .nth(i)
      .getByRole('button', { name: /保存 Save/ })
      .click();
    await expect(page.locator('form.finding').nth(i)).toContainText('已保存 Saved');
  }
  await expect(sign).toBeEnabled();
  await sign.click();
  await expect(page.getByTestId('check-status')).toContainText('已签署 Signed by li.wei');
  await capture(page, '18-spot-check-signed');
});

test('an incident: opened, its clock ticking every second, steps recorded, closed', async ({
  page,
  mock,
}) => {
  await signIn(page, mock, 'li.wei');
  await page.goto(`${mock.url}/admin#/incidents`);
  const timer = page.getByTestId('timer').first();
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before ?? '', { timeout: 2500 });
  // The live region says nothing on load (it speaks at milestones, not every second).
  await expect(page.getByTestId('announcer').first()).toHaveText('');

  await page
    .getByLabel('标题 Title')
    .fill('客户资料邮件误发 Customer file mailed to the wrong address');
  await page.getByRole('button', { name: '登记事件 Open the incident' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Customer file mailed');
  await expect(page.locator('.deadline.running')).toContainText('告知客户 Tell the customer');
  await page.getByLabel('做了什么 Action').selectOption('customer-notified');
  await page.getByLabel('说明 Note').fill('已电话告知客户 Customer phoned');
  await page.getByRole('button', { name: '记录 Record the step' }).click();
  await expect(page.locator('.deadline.done')).toContainText('按时完成 Done on time');
  await page.getByLabel('做了什么 Action').selectOption('closed');
  await page.getByLabel('说明 Note').fill('处理完毕 Done');
  await page.getByRole('button', { name: '结案 Close the incident' }).click();
  await expect(page.getByTestId('incident-status')).toContainText('已结案 Closed');
  await capture(page, '19-incident-closed');
});

test('an ended session returns to sign-in with a message; signing in again resumes the page', async ({
  page,
  mock,
}) => {
  await signIn(page, mock, 'admin.chen');
  await page.goto(`${mock.url}/admin#/integrity`);
  await expect(page.getByTestId('verify-state')).toBeVisible();
  mock.state.sessions.clear();
  await page
    .getByRole('navigation', { name: '页面 Pages' })
    .getByRole('link', { name: '留存 Retention' })
    .click();
  await expect(page.getByText('会话已结束，请重新登录 Your session has ended')).toBeVisible();
  await capture(page, '20-session-ended');
  await page.getByLabel('用户名 Name').fill('admin.chen');
  await page.getByLabel('密码 Password').fill(MOCK_OPERATORS['admin.chen']!.password);
  await page.getByLabel('验证码 Authenticator code').fill(MOCK_CODE);
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('留存 Retention');
});

test('administrators move a data request on and destroy what is due; the keyboard reaches it all', async ({
  page,
  mock,
}) => {
  await signIn(page, mock, 'admin.chen');
  await page.goto(`${mock.url}/admin#/consent`);
  // Loaded afresh (not navigated to), the skip link is first in the tab order.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同意 Consent');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到正文 Skip to content' })).toBeFocused();
  const overdue = page.locator('tr.overdue');
  await overdue.getByRole('combobox').selectOption('done');
  await overdue.getByRole('textbox').fill('已删除 Deleted');
  await overdue.getByRole('button', { name: '保存 Save' }).click();
  await expect(page.locator('tr.overdue')).toHaveCount(0);

  await page.goto(`${mock.url}/admin#/retention`);
  const destroy = page.getByRole('button', { name: '销毁 Destroy consent-records' });
  await destroy.focus();
  await page.keyboard.press('Enter');
  // The confirm step takes focus after it renders; a second Enter pressed before then goes nowhere.
  await expect(page.getByRole('button', { name: /确认销毁 Yes, destroy/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('已销毁 7 项 Destroyed 7');
  expect(mock.state.writes.filter((w) => w.path === '/admin/api/retention/destroy')).toHaveLength(
    1,
  );
});
