// The options page and the popup end to end: a policy checked as it is typed and saved, the
// identity set, then the popup's view of a protected tab, a reveal counted, and a logged pause;
// and an enrolled browser (issue 6): enrollment, authenticator, unlock, server-authorized reveals.
import type { Page, Worker } from '@playwright/test';
import type { PiiType, PolicyState } from '../../shared/schema';
import {
  ALL_WEEK,
  badgeOf,
  expect,
  extensionStorage,
  ledgerStaffEvents,
  onlyTabId,
  policyInForce,
  queuedEvents,
  test,
  totpCode,
} from './fixtures';

/** The extension's id, from its service worker's URL (chrome-extension://ID/background.js). */
const extensionId = (worker: Worker) => new URL(worker.url()).host;

/** The policy state the background published for content scripts. */
const published = async (worker: Worker) =>
  (await extensionStorage(worker, 'effectivePolicy')) as PolicyState | undefined;

/** The counts in a badge title such as "Custodian: 6 phone, 6 cn_id on this page". */
function countsOfTitle(title: string): Partial<Record<PiiType, number>> {
  const out: Partial<Record<PiiType, number>> = {};
  for (const [, n, type] of title.matchAll(/(\d+) ([a-z_]+)/g)) out[type as PiiType] = Number(n);
  return out;
}

/** Clicks the middle of a table cell's text (a masked value: the reveal controller's target). */
async function clickCellText(page: Page, row: number, column: number) {
  const point = await page.evaluate(
    ([r, c]) => {
      const cell = document.querySelectorAll('#customers tbody tr')[r]?.children[c];
      const text = cell?.firstChild;
      if (!text) throw new Error('no such cell');
      const range = document.createRange();
      range.selectNodeContents(text);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    [row, column] as const,
  );
  await page.mouse.click(point.x, point.y);
}

test('the options page checks and saves the policy and identity; the popup shows the tab and pauses it', async ({
  context,
  page,
  server,
  serviceWorker,
}, testInfo) => {
  const id = extensionId(serviceWorker);
  await page.goto(`chrome-extension://${id}/options.html`);
  await expect(page.getByTestId('policy-source')).toHaveAttribute('data-source', 'fail-closed');

  // A misspelt type: the problem is listed by its field path and Save stays disabled.
  const editor = page.getByLabel('Policy as JSON');
  const save = page.getByRole('button', { name: 'Save', exact: false }).first();
  await editor.fill(
    JSON.stringify({
      version: 'typo',
      protect: ['http://127.0.0.1/*'],
      roles: { support: { reveal: { phon: {} } } },
    }),
  );
  const problems = page.getByRole('list', { name: /Problems in the policy/ });
  await expect(problems).toContainText('roles.support.reveal.phon: unknown key "phon"');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('options-invalid.png'), fullPage: true });

  // The documented example is valid: saved, and the background publishes it from the options.
  await page.getByRole('button', { name: /Load example/ }).click();
  await expect(problems).toHaveCount(0);
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole('status').first()).toHaveText(/Saved/);
  await expect.poll(async () => (await published(serviceWorker))?.source).toBe('options');
  expect((await published(serviceWorker))?.policy.version).toBe('2026-11-01');
  await expect(page.getByTestId('policy-source')).toHaveAttribute('data-source', 'options');

  // The identity: a bad staff id is shown on its field; a good one is saved and published.
  const staffId = page.getByRole('textbox', { name: /Staff id/ });
  await staffId.fill('CS 0420');
  await page.getByRole('combobox', { name: /Role/ }).fill('team-lead');
  const saveIdentity = page.getByRole('button', { name: /Save identity/ });
  await saveIdentity.click();
  await expect(page.locator('#identity-staffId-error')).toContainText('staff number');
  await expect(staffId).toHaveAttribute('aria-invalid', 'true');
  expect((await published(serviceWorker))?.identity).toBeNull();
  await staffId.fill('CS-0420');
  await expect(page.locator('#identity-staffId-error')).toBeEmpty();
  await saveIdentity.click();
  await expect
    .poll(async () => (await published(serviceWorker))?.identity)
    .toEqual({ staffId: 'CS-0420', role: 'team-lead' });
  await page.screenshot({ path: testInfo.outputPath('options.png'), fullPage: true });

  // The demo CRM in this tab, the popup for it in a second page.
  await page.goto(`${server.url}/demo/`);
  await expect(page.locator('body[data-loaded="true"]')).toBeAttached();
  await expect(page.locator('#customers tbody tr')).toHaveCount(6);
  const tabId = await onlyTabId(serviceWorker);
  // Six rows, one of them rendered after load; names are counted through the example's site rule.
  const badgeCounts = () => badgeOf(serviceWorker, tabId).then(({ title }) => countsOfTitle(title));
  await expect.poll(badgeCounts).toMatchObject({ phone: 6, email: 6, name: 6 });
  const counts = await badgeCounts();

  // One reveal (team-lead may reveal e-mail without a reason), so "reveals today" is 1.
  await clickCellText(page, 0, 4);
  await expect(page.locator('#customers tbody tr').first()).toContainText('zhang.wei@example.com');

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 320, height: 520 });
  await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
  // Time from the popup's navigation start to its script loaded, and to its status on screen.
  const timing = await popup.evaluate(
    () =>
      new Promise<{ loaded: number; ready: number }>((resolve) => {
        const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        const check = () =>
          document.querySelector('[data-testid="protection"]')
            ? resolve({ loaded: nav?.domContentLoadedEventEnd ?? -1, ready: performance.now() })
            : requestAnimationFrame(check);
        check();
      }),
  );
  testInfo.annotations.push({
    type: 'popup timing',
    description: `script loaded ${Math.round(timing.loaded)} ms, status shown ${Math.round(timing.ready)} ms`,
  });
  await expect(popup.getByTestId('protection')).toHaveText(/Protected/);
  for (const [type, n] of Object.entries(counts)) {
    await expect(popup.locator(`tr[data-type="${type}"] td`)).toHaveText(String(n));
  }
  await expect(popup.getByTestId('staff-id')).toHaveText('CS-0420');
  await expect(popup.getByTestId('role')).toHaveText('team-lead');
  await expect(popup.getByTestId('policy')).toContainText('2026-11-01');
  await expect(popup.getByTestId('reveals-today')).toHaveText('1');
  const queued = await queuedEvents(serviceWorker);
  await expect(popup.getByTestId('queue-length')).toHaveText(String(queued.length));
  await popup.screenshot({ path: testInfo.outputPath('popup.png'), fullPage: true });

  // The policy lets team-lead pause: the switch is there, and the pause is in the queue.
  const pause = popup.getByRole('switch', { name: /Pause protection/ });
  await expect(pause).not.toBeChecked();
  await pause.click();
  await expect(popup.getByTestId('protection')).toHaveText(/Paused/);
  await expect(pause).toBeChecked();
  const pauses = (await queuedEvents(serviceWorker)).filter((e) => e.kind === 'pause');
  expect(pauses).toHaveLength(1);
  expect(pauses[0]).toMatchObject({
    staffId: 'CS-0420',
    role: 'team-lead',
    policyVersion: '2026-11-01',
    page: { origin: server.url, path: '/demo/' },
  });
  await popup.screenshot({ path: testInfo.outputPath('popup-paused.png'), fullPage: true });

  // Resuming is logged too.
  await pause.click();
  await expect(popup.getByTestId('protection')).toHaveText(/Protected/);
  const kinds = (await queuedEvents(serviceWorker)).map((e) => e.kind);
  expect(kinds.filter((k) => k === 'pause' || k === 'resume')).toEqual(['pause', 'resume']);
});

test('the popup offers no pause switch to a role that may not pause', async ({
  context,
  page,
  server,
  serviceWorker,
}) => {
  const id = extensionId(serviceWorker);
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.getByRole('button', { name: /Load example/ }).click();
  await page.getByRole('button', { name: 'Save', exact: false }).first().click();
  await page.getByRole('textbox', { name: /Staff id/ }).fill('CS-0001');
  await page.getByRole('combobox', { name: /Role/ }).fill('support');
  await page.getByRole('button', { name: /Save identity/ }).click();
  await expect.poll(async () => (await published(serviceWorker))?.identity?.role).toBe('support');

  await page.goto(`${server.url}/demo/`);
  await expect(page.locator('body[data-loaded="true"]')).toBeAttached();
  const tabId = await onlyTabId(serviceWorker);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
  await expect(popup.getByTestId('protection')).toHaveText(/Protected/);
  await expect(popup.getByTestId('role')).toHaveText('support');
  await expect(popup.getByRole('switch')).toHaveCount(0);

  // A tab no masking script reported from: not protected, and no counts to show.
  await popup.goto(`chrome-extension://${id}/popup.html?tabId=999999`);
  await expect(popup.getByTestId('protection')).toHaveText(/Not protected/);
  await expect(popup.getByRole('heading', { name: /Masked on this page/ })).toHaveCount(0);
  await expect(popup.getByTestId('staff-id')).toHaveText('CS-0001');
});

const GOVERNED_POLICY = {
  version: 'gov-e2e-1',
  protect: ['http://127.0.0.1/*'],
  roles: {
    support: {
      reveal: {
        phone: { access: 'partial', offline: true },
        email: { access: 'full' },
      },
    },
  },
  revealSeconds: 2,
  rules: {
    timeZone: 'Asia/Shanghai',
    workingHours: {
      week: ALL_WEEK,
    },
  },
};

const GOVERNED_PAGE = `<!doctype html><meta charset="utf-8"><title>Governed</title>
<style>span { font: 20px monospace; }</style>
<p>手机 <span id="phone">13812345678</span></p>
<p>邮箱 <span id="email">lina@example.cn</span></p>`;

test('an enrolled browser: enrol and register the authenticator in the options page, unlock in the popup, reveal what the service allows', async ({
  context,
  page,
  server,
  serviceWorker,
}, testInfo) => {
  const { governance } = server;
  const staffId = `CS-E2E${Date.now() % 100_000}`;
  const published = governance.publishPolicy('e2e-admin', GOVERNED_POLICY);
  expect(published.ok).toBe(true);
  const created = governance.createStaff('e2e-admin', { staffId, name: '王芳' });
  if (!created.ok) throw new Error('staff not created');
  const grant = governance.createGrant('e2e-admin', staffId, {
    role: 'support',
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    note: 'e2e project',
  });
  expect(grant.ok).toBe(true);

  // Enrol in the options page: the server's address and the one-time code.
  const id = extensionId(serviceWorker);
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.getByLabel('Server URL').fill('http://audit.example.com');
  await page.getByLabel('Enrollment code').fill(created.value.enrollment.code);
  await page.getByRole('button', { name: /Enrol/ }).click();
  // Plain http off this machine is refused, saying how to fix it.
  await expect(page.locator('#enroll-serverUrl-error')).toContainText('https://audit.example.com');
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByRole('button', { name: /Enrol/ }).click();
  await expect(page.getByTestId('enrolled-staff-id')).toHaveText(staffId);

  // The authenticator: QR code and secret, then its first code.
  const setup = page.getByTestId('totp-setup');
  await expect(setup.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.screenshot({ path: testInfo.outputPath('options-enrolled.png'), fullPage: true });
  await page.getByLabel('First code').fill('000000');
  await page.getByRole('button', { name: /Confirm/ }).click();
  await expect(page.locator('#totp-confirm-error')).not.toBeEmpty();
  await page.getByLabel('First code').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: /Confirm/ }).click();
  await expect(setup).toHaveCount(0);
  await expect(page.getByTestId('unlock-state')).toHaveAttribute('data-locked', 'true');

  // The signed policy is in force; the options page's editor and identity are read-only.
  await expect.poll(() => policyInForce(serviceWorker)).toBe('gov-e2e-1');
  await expect(page.getByTestId('policy-source')).toHaveAttribute('data-source', 'server');
  await expect(page.getByTestId('server-policy-note')).toBeVisible();
  await expect(page.getByRole('button', { name: /Save identity/ })).toHaveCount(0);
  // The device token the event sync uses came with the enrollment.
  expect(String(await extensionStorage(serviceWorker, 'deviceToken'))).toMatch(/^cdt_/);

  // Locked: masking works and nothing is revealed.
  const url = `${server.url}/governed.html`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: GOVERNED_PAGE }),
  );
  await page.goto(url);
  await expect(page.locator('#phone')).toHaveText('138****5678');
  await page.locator('#phone').click();
  await expect(page.locator('custodian-toast')).toBeAttached();
  await expect(page.locator('#phone')).toHaveText('138****5678');

  // Unlock in the popup with the next code (the confirmed one cannot be used twice).
  const tabId = await onlyTabId(serviceWorker);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
  await expect(popup.getByTestId('staff-id')).toHaveText(staffId);
  await expect(popup.getByTestId('role')).toHaveText('support');
  await expect(popup.getByTestId('policy')).toContainText('gov-e2e-1');
  await expect(popup.getByTestId('unlock-state')).toHaveAttribute('data-locked', 'true');
  await popup.getByLabel('Authenticator code').fill('123');
  await popup.getByRole('button', { name: /Unlock/ }).click();
  await expect(popup.locator('#popup-unlock-error')).toContainText('6-digit');
  await popup.getByLabel('Authenticator code').fill(totpCode(secret, Date.now(), 1));
  await popup.getByRole('button', { name: /Unlock/ }).click();
  await expect(popup.getByTestId('unlock-state')).toHaveAttribute('data-locked', 'false');
  await expect(popup.getByTestId('unlock-state')).toContainText(/Unlocked until \d\d:\d\d/);
  await popup.screenshot({ path: testInfo.outputPath('popup-unlocked.png'), fullPage: true });
  await popup.close();

  // The service allows phone, partially: the partial form shows for the policy's 2 s.
  await page.bringToFront();
  await page.locator('#phone').click();
  await expect(page.locator('#phone')).toHaveText('13812**5678');
  await expect(page.locator('#phone')).toHaveText('138****5678', { timeout: 5000 });
  await page.locator('#email').click();
  await expect(page.locator('#email')).toHaveText('lina@example.cn');

  // The service unreachable: phone is revealable offline, e-mail is not.
  server.fault.status = 503;
  try {
    await page.locator('#phone').click();
    await expect(page.locator('#phone')).toHaveText('13812**5678');
    await expect(page.locator('#email')).toHaveText('l***@example.cn', { timeout: 5000 });
    await page.locator('#email').click();
    await expect(page.locator('custodian-toast').last()).toBeAttached();
    await expect(page.locator('#email')).toHaveText('l***@example.cn');
  } finally {
    server.fault.status = undefined;
  }

  const reveals = (await queuedEvents(serviceWorker)).filter((e) => e.kind === 'reveal');
  const ledgerReveals = [...ledgerStaffEvents(server.ledger).values()].filter(
    (e) => e.kind === 'reveal' && e.staffId === staffId,
  );
  const all = new Map([...ledgerReveals, ...reveals].map((e) => [e.id, e]));
  expect(
    [...all.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((e) => e.kind === 'reveal' && [e.piiType, e.authorizedBy, e.access, e.staffId]),
  ).toEqual([
    ['phone', 'server', 'partial', staffId],
    ['email', 'server', 'full', staffId],
    ['phone', 'offline', 'partial', staffId],
  ]);
});
