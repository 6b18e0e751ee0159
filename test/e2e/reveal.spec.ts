// Reveal on demand, end to end: the role's policy decides; a reason is asked when the policy
// wants one; the value shows for the policy's time and is masked again; the event is in the
// local queue, with a keyed hash and never the value. Site rules mask what the engine cannot know.
// An enrolled browser (issue 6) stops at the daily limit at once and waits for a reviewer.
import type { Page, Worker } from '@playwright/test';
import type { StaffPolicyInput } from '../../shared/schema';
import {
  ALL_WEEK,
  enrolBrowser,
  expect,
  onlyTabId,
  policyInForce,
  queuedEvents,
  setExtensionStorage,
  test,
} from './fixtures';

const POLICY: StaffPolicyInput = {
  version: 'e2e-1',
  protect: ['http://127.0.0.1/*'],
  sites: [
    {
      match: ['http://127.0.0.1/*'],
      selectors: [{ selector: '.customer-name', type: 'name' }],
      watermark: true,
    },
  ],
  roles: {
    support: { reveal: { phone: {}, email: { reasonRequired: true } } },
  },
  revealSeconds: 2,
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>Reveal</title>
<style>span { font: 20px monospace; }</style>
<p>客户 <span class="customer-name">王小明</span></p>
<p>手机 <span id="phone">13812345678</span></p>
<p>邮箱 <span id="email">lina@example.cn</span></p>
<p>身份证 <span id="id">310104199203142821</span></p>`;

/** Installs a policy and identity as the options page would, and waits until it is in force. */
async function install(worker: Worker, policy: StaffPolicyInput, identity: object | null) {
  await setExtensionStorage(worker, { policyText: JSON.stringify(policy), identity });
  await expect.poll(() => policyInForce(worker)).toBe(policy.version);
}

async function openPage(page: Page, url: string) {
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
  );
  await page.goto(url);
  await expect(page.locator('#phone')).toHaveText('138****5678');
}

test('a role reveals what its policy allows, for the policy time, and each reveal is queued', async ({
  page,
  server,
  serviceWorker,
}, testInfo) => {
  await install(serviceWorker, POLICY, { staffId: 'CS-0420', role: 'support' });
  await openPage(page, `${server.url}/reveal.html`);
  // The site rule masks the name, which no context label introduces.
  await expect(page.locator('.customer-name')).toHaveText('王**');

  // The watermark is on for this site, and clicks go through it.
  await expect(page.locator('custodian-watermark')).toBeAttached();

  await page.locator('#phone').click();
  await expect(page.locator('#phone')).toHaveText('13812345678');
  // Copying a revealed value copies its masked form.
  const copied = await page.evaluate(() => {
    let data = '';
    window.addEventListener('copy', (e) => (data = e.clipboardData?.getData('text/plain') ?? ''), {
      once: true,
    });
    getSelection()!.selectAllChildren(document.getElementById('phone')!.parentElement!);
    document.execCommand('copy');
    getSelection()!.removeAllRanges();
    return data;
  });
  expect(copied).toBe('手机 138****5678');
  await expect(page.locator('#phone')).toHaveText('138****5678', { timeout: 5000 });

  // A type the role may not reveal: a toast says so and the value stays masked.
  await page.locator('#id').click();
  await expect(page.locator('custodian-toast')).toBeAttached();
  await expect(page.locator('#id')).toHaveText('3****************1');

  // A reason is required for e-mail: cancelling reveals nothing, a reason reveals it.
  await page.locator('#email').click();
  await expect(page.locator('custodian-reveal-reason')).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(page.locator('custodian-reveal-reason')).not.toBeAttached();
  await expect(page.locator('#email')).toHaveText('l***@example.cn');
  await page.locator('#email').click();
  await expect(page.locator('custodian-reveal-reason')).toBeAttached();
  await page.keyboard.type('客户来电核对');
  await page.screenshot({ path: testInfo.outputPath('reason-dialog.png') });
  await page.keyboard.press('Enter');
  await expect(page.locator('#email')).toHaveText('lina@example.cn');
  await expect(page.locator('#email')).toHaveText('l***@example.cn', { timeout: 5000 });

  const events = await queuedEvents(serviceWorker);
  const reveals = events.filter((e) => e.kind === 'reveal');
  expect(reveals.map((e) => e.kind === 'reveal' && [e.piiType, e.reason ?? null])).toEqual([
    ['phone', null],
    ['email', '客户来电核对'],
  ]);
  for (const e of reveals) {
    expect(e).toMatchObject({
      staffId: 'CS-0420',
      role: 'support',
      policyVersion: 'e2e-1',
      page: { origin: server.url, path: '/reveal.html' },
    });
  }
  const views = events.filter((e) => e.kind === 'page-view');
  expect(views).toHaveLength(1);
  expect(views[0]).toMatchObject({ counts: { phone: 1, email: 1, cn_id: 1, name: 1 } });
  // Sequence numbers are gap-free; no raw value is stored anywhere in an event.
  expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(events.map((_, i) => i));
  const stored = JSON.stringify(events);
  for (const raw of ['13812345678', 'lina@example.cn', '310104199203142821', '王小明']) {
    expect(stored).not.toContain(raw);
  }
});

test('each route a single-page app shows is one page view, even with the same path and counts; no fragment is logged', async ({
  page,
  server,
  serviceWorker,
}) => {
  await install(serviceWorker, POLICY, { staffId: 'CS-0420', role: 'support' });
  // The demo SPA routes by hash (#/customers/N): every customer view has the same path and the
  // same kinds of values, so neither tells one customer's view from the next.
  await page.goto(`${server.url}/demo/spa.html`);
  const views = async () =>
    (await queuedEvents(serviceWorker)).filter((e) => e.kind === 'page-view');
  await expect.poll(async () => (await views()).length).toBe(1);
  const spaGo = (n: number) =>
    page.evaluate((n) => (window as unknown as { spaGo(n: number): Promise<void> }).spaGo(n), n);
  await spaGo(1);
  await expect.poll(async () => (await views()).length).toBe(2);
  await spaGo(2);
  await expect.poll(async () => (await views()).length).toBe(3);
  // The same route rendered again is the same view: nothing more is logged.
  await spaGo(2);
  await page.waitForTimeout(1000);
  const logged = await views();
  expect(logged).toHaveLength(3);
  const counts = logged.map((e) => e.kind === 'page-view' && e.counts);
  expect(new Set(counts.map((c) => JSON.stringify(c))).size).toBe(1);
  for (const e of logged) {
    expect(e).toMatchObject({ page: { origin: server.url, path: '/demo/spa.html' } });
  }
  expect(JSON.stringify(logged)).not.toContain('#/customers');
});

test('without a policy the extension fails closed: everything masked, nothing revealable', async ({
  page,
  server,
  serviceWorker,
}) => {
  await openPage(page, `${server.url}/reveal.html`);
  await page.locator('#phone').click();
  await expect(page.locator('custodian-toast')).toBeAttached();
  await expect(page.locator('#phone')).toHaveText('138****5678');
  const events = await queuedEvents(serviceWorker);
  expect(events.filter((e) => e.kind === 'reveal')).toEqual([]);
});

test('a page the policy does not protect is left exactly as it is', async ({
  page,
  server,
  serviceWorker,
}) => {
  await install(serviceWorker, { ...POLICY, protect: ['https://crm.example.com/*'] }, null);
  const url = `${server.url}/reveal.html`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
  );
  await page.goto(url);
  await expect(page.locator('#phone')).toHaveText('13812345678');
  await expect(page.locator('.customer-name')).toHaveText('王小明');
});

test('an enrolled browser stops at the daily limit at once; the service opens a review; after approval reveals work again', async ({
  context,
  page,
  server,
  serviceWorker,
}) => {
  const policy = {
    version: 'review-e2e-1',
    protect: ['http://127.0.0.1/*'],
    roles: { support: { reveal: { phone: {} } } },
    revealSeconds: 1,
    // A page view and two reveals reach the limit: the third reveal would be number four.
    rules: { timeZone: 'Asia/Shanghai', dailyLimit: { max: 3 }, workingHours: { week: ALL_WEEK } },
  };
  const { staffId } = await enrolBrowser(page, serviceWorker, server, { policy, role: 'support' });
  const url = `${server.url}/review.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><p>手机 <span id="phone">13812345678</span></p>',
    }),
  );
  await page.goto(url);
  const phone = page.locator('#phone');
  for (let i = 0; i < 2; i++) {
    await expect(phone).toHaveText('138****5678');
    await phone.click();
    await expect(phone).toHaveText('13812345678');
  }
  await expect(phone).toHaveText('138****5678', { timeout: 5000 });

  // The third: refused at once by the extension, which reports it; the service opens a case.
  await phone.click();
  // (The toast's text is in a closed shadow root, out of the page's and the test's reach.)
  await expect(page.locator('custodian-toast')).toBeAttached();
  await expect(phone).toHaveText('138****5678');
  const openCases = () => {
    const listed = server.governance.reviews('open');
    return listed.ok ? listed.value.filter((c) => c.staffId === staffId) : [];
  };
  await expect.poll(() => openCases().length).toBe(1);
  const openCase = openCases()[0]!;
  expect(openCase.fired.map((f) => f.rule)).toEqual(['daily-limit']);

  // The popup says reveals are paused until a reviewer decides.
  const tabId = await onlyTabId(serviceWorker);
  const popup = await context.newPage();
  await popup.goto(
    `chrome-extension://${new URL(serviceWorker.url()).host}/popup.html?tabId=${tabId}`,
  );
  await expect(popup.getByTestId('review-open')).toContainText('reviewer decides');
  await popup.close();

  // A reviewer approves: the next reveal works again (another day's allowance).
  const decided = server.governance.decideReview('e2e-reviewer', openCase.caseId, {
    decision: 'approve',
    comment: 'Year-end campaign calls, checked with the team lead.',
  });
  expect(decided.ok).toBe(true);
  // The cached status still holds the open case: the extension asks the service before
  // refusing, so the very first click after the approval reveals.
  await page.bringToFront();
  await phone.click();
  await expect(phone).toHaveText('13812345678');
  const reveals = (await queuedEvents(serviceWorker)).filter((e) => e.kind === 'reveal');
  expect(reveals.every((e) => e.kind === 'reveal' && e.authorizedBy === 'server')).toBe(true);
});
