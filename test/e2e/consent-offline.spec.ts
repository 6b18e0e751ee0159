// Without the consent service: while it cannot be reached, a decision is kept in the browser and
// nothing optional counts as granted until the service has recorded it (then it is sent by itself);
// and local mode (data-policy), where decisions stay in the browser and no service is ever called.
import type { Route } from '@playwright/test';
import {
  analyticsRuns,
  decisionMap,
  expect,
  gatedFrame,
  isGranted,
  openShop,
  test,
  widget,
} from './consent-fixtures';
import { RETRY_FIRST_MS } from '../../widget/constants';

const QUEUED = 'Saved here, recorded once back online; nothing new is on until then.';

test('offline, a decision waits in the browser, grants nothing, and is sent once online', async ({
  shop,
  context,
  page,
}) => {
  await openShop(page, shop);
  const { host, dialog, button } = widget(page);
  await expect(dialog).toBeVisible();

  await context.setOffline(true);
  await button('Accept all').click();
  await button('Don’t agree').click();
  await expect(dialog).toBeHidden();
  await expect(host.getByRole('status')).toHaveText(QUEUED);
  expect(await isGranted(page, 'analytics')).toBe(false);
  expect(await analyticsRuns(page)).toBe(0);
  await expect(gatedFrame(page)).not.toHaveAttribute('src');
  expect(shop.receipts()).toEqual([]);

  await context.setOffline(false);
  await expect.poll(() => shop.receipts().length).toBe(1);
  expect(decisionMap(shop.receipts()[0])).toMatchObject({ analytics: true, marketing: true });
  await expect.poll(() => analyticsRuns(page)).toBe(1);
  expect(await isGranted(page, 'analytics')).toBe(true);
  await expect(gatedFrame(page)).toHaveAttribute('src', 'video.html');
});

test('a decision still waiting survives a reload, still grants nothing, and is sent later', async ({
  shop,
  page,
}) => {
  // The page's timers under the test's control: the resend waits RETRY_FIRST_MS.
  await page.clock.install();
  await openShop(page, shop);
  const { host, dialog, button, fab } = widget(page);
  await expect(dialog).toBeVisible();

  // The shop is up, its consent service is not.
  const down = (route: Route) => route.abort('connectionrefused');
  const consentApi = (url: URL) => url.pathname.startsWith('/v1/consent/');
  await page.route(consentApi, down);
  await button('Accept all').click();
  await button('Don’t agree').click();
  await expect(host.getByRole('status')).toHaveText(QUEUED);

  await page.reload();
  await expect(fab).toBeVisible();
  // Already answered (the answer waits): not asked again, and still nothing granted.
  await expect(dialog).toBeHidden();
  expect(await isGranted(page, 'analytics')).toBe(false);
  expect(await isGranted(page, 'marketing')).toBe(false);
  expect(await analyticsRuns(page)).toBe(0);
  expect(shop.receipts()).toEqual([]);

  await page.unroute(consentApi, down);
  await page.clock.fastForward(RETRY_FIRST_MS);
  await expect.poll(() => shop.receipts().length).toBe(1);
  expect(shop.receipts()[0]?.method).toBe('banner');
  await expect.poll(() => analyticsRuns(page)).toBe(1);
  expect(await isGranted(page, 'marketing')).toBe(true);
});

test('local mode keeps decisions in the browser and never calls the service', async ({
  shop,
  page,
}) => {
  const serviceCalls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) serviceCalls.push(request.url());
  });
  await openShop(page, shop, { file: 'local.html' });
  const { dialog, button, switchOf, fab } = widget(page);
  await switchOf('Usage statistics').check();
  await button('Save choices').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => analyticsRuns(page)).toBe(1);
  await expect(gatedFrame(page)).toHaveAttribute('src', 'video.html');

  await page.reload();
  await expect(fab).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(await isGranted(page, 'analytics')).toBe(true);
  expect(await isGranted(page, 'marketing')).toBe(false);
  await expect.poll(() => analyticsRuns(page)).toBe(1);

  // The sensitive purpose still needs its own explicit consent; there is nothing to verify with.
  await fab.click();
  await expect(dialog).toContainText('Kept in this browser only.');
  await expect(dialog.getByRole('heading', { name: 'History' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Turn on ID check for cross-border orders' }).click();
  await expect(dialog).toHaveAccessibleName('Sensitive information');
  await dialog.getByRole('checkbox').check();
  await button('Agree').click();
  await expect(dialog).toHaveAccessibleName('Privacy center');
  expect(await isGranted(page, 'id-verification')).toBe(true);

  expect(serviceCalls).toEqual([]);
  expect(shop.receipts()).toEqual([]);
});
