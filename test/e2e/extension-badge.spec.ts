// The extension's first feature end to end: the action badge counts the customer information a
// page shows, across its frames, and keeps the count current as the page changes or navigates.
import type { Page, Worker } from '@playwright/test';
import type { FindingCounts } from '../../shared/schema';
import {
  addCounts,
  badgeOf,
  expect,
  expectedCounts,
  onlyTabId,
  test,
  totalOf,
  type Badge,
} from './fixtures';

/** The values of one customer row the list page's script renders: one of each. */
const ROW: FindingCounts = { phone: 1, cn_id: 1, email: 1, bank_card: 1 };

/** Waits until the badge shows `counts`: the total as text, each type's count in the title. */
async function expectBadge(worker: Worker, tabId: number, counts: FindingCounts) {
  const total = totalOf(counts);
  await expect
    .poll(() => badgeOf(worker, tabId), { message: `badge of tab ${tabId}` })
    .toMatchObject({ text: total > 0 ? String(total) : '' } satisfies Partial<Badge>);
  const { title } = await badgeOf(worker, tabId);
  expect(title).toMatch(/^Custodian: .* on this page$/);
  for (const [type, n] of Object.entries(counts)) {
    expect(title).toContain(`${n} ${type}`);
  }
}

/** Opens the demo customer list and waits until its late rows have been rendered. */
async function openCustomerList(page: Page, base: string) {
  await page.goto(`${base}/demo/`);
  await expect(page.locator('body[data-loaded="true"]')).toBeAttached();
  await expect(page.locator('#customers tbody tr')).toHaveCount(6);
}

test('the badge counts the PII on the customer list, rows added later included', async ({
  page,
  serviceWorker,
  server,
}) => {
  await openCustomerList(page, server.url);
  const tabId = await onlyTabId(serviceWorker);

  // The fixture's planted values: 5 rows in the HTML, plus 1 rendered after load (4 values); the
  // one in the inline <style> and the rows still waiting in the <script> are not shown.
  const loaded = addCounts(await expectedCounts(page.mainFrame()), ROW);
  expect(loaded).toMatchObject({ phone: 6, cn_id: 6, email: 6, bank_card: 6 });
  await expectBadge(serviceWorker, tabId, loaded);

  // A row added by the page's script well after the content script ran: the recount sees it.
  await page.getByRole('button', { name: /Add customer/ }).click();
  await expect(page.locator('#customers tbody tr')).toHaveCount(7);
  const afterClick = addCounts(loaded, ROW);
  await expectBadge(serviceWorker, tabId, afterClick);

  // Removing rows lowers the count again.
  await page.evaluate(() => document.querySelector('#customers tbody tr:last-child')?.remove());
  await expectBadge(serviceWorker, tabId, loaded);
});

test('the badge adds up the page and its iframe, and starts over on navigation', async ({
  page,
  serviceWorker,
  server,
}) => {
  await openCustomerList(page, server.url);
  const tabId = await onlyTabId(serviceWorker);
  const customerList = addCounts(await expectedCounts(page.mainFrame()), ROW);
  await expectBadge(serviceWorker, tabId, customerList);

  // Same tab, next page: a ticket whose customer profile is an iframe.
  await page.goto(`${server.url}/demo/ticket.html`);
  const profile = page.frame({ url: /customer-card\.html$/ });
  expect(profile, 'the customer profile iframe').not.toBeNull();
  if (!profile) return;
  await expect(profile.locator('dl')).toBeVisible();
  const mainCounts = await expectedCounts(page.mainFrame());
  const frameCounts = await expectedCounts(profile);
  expect(totalOf(mainCounts)).toBeGreaterThan(0);
  expect(totalOf(frameCounts)).toBeGreaterThan(0);
  const ticket = addCounts(mainCounts, frameCounts);
  await expectBadge(serviceWorker, tabId, ticket);

  // Back to the list (from the back/forward cache or reloaded): its own count, not a sum.
  await page.goBack();
  await expect(page.locator('#customers tbody tr')).toHaveCount(6);
  await expectBadge(serviceWorker, tabId, customerList);
});
