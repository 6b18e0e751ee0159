// Global Privacy Control (issue 5, deliverable 4): a browser that sends it refuses marketing and
// sharing, and the customer is told so; a grant made before GPC was on is withdrawn on record.
import type { Page } from '@playwright/test';
import { decisionMap, expect, isGranted, openShop, test, widget } from './consent-fixtures';

/** Makes the page's browser send Global Privacy Control, as a browser setting or extension does. */
const sendGpc = (page: Page) =>
  page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
      get: () => true,
      configurable: true,
    }),
  );

const GPC_NOTE = 'Off: we honour your browser’s Global Privacy Control.';

test('with GPC, marketing and sharing are off, cannot be turned on, and are refused', async ({
  shop,
  page,
}) => {
  await sendGpc(page);
  await openShop(page, shop);
  const { dialog, button, switchOf } = widget(page);
  for (const title of ['Offers by SMS and e-mail', 'Sharing with brand partners']) {
    const item = dialog.getByRole('listitem').filter({ hasText: title });
    await expect(switchOf(title)).toBeDisabled();
    await expect(switchOf(title)).not.toBeChecked();
    await expect(item).toContainText(GPC_NOTE);
    // The note is tied to the switch for screen readers.
    await expect(switchOf(title)).toHaveAccessibleDescription(GPC_NOTE);
  }
  await expect(switchOf('Usage statistics')).toBeEnabled();

  await button('Accept all').click();
  await button('Don’t agree').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => shop.receipts().length).toBe(1);
  const [receipt] = shop.receipts();
  expect(receipt?.gpc).toBe(true);
  expect(decisionMap(receipt)).toMatchObject({
    analytics: true,
    marketing: false,
    'partner-sharing': false,
  });
  expect(await isGranted(page, 'marketing')).toBe(false);
  expect(await isGranted(page, 'analytics')).toBe(true);
});

test('a marketing grant made before GPC is withdrawn, with method gpc, on the next visit', async ({
  shop,
  page,
}) => {
  await openShop(page, shop);
  const { dialog, button, fab } = widget(page);
  await button('Accept all').click();
  await button('Don’t agree').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => shop.receipts().length).toBe(1);
  expect(decisionMap(shop.receipts()[0])).toMatchObject({ marketing: true });

  await sendGpc(page);
  await page.reload();
  await expect(fab).toBeVisible();
  await expect.poll(() => shop.receipts().length).toBe(2);
  const withdrawal = shop.receipts()[1]!;
  expect(withdrawal).toMatchObject({ method: 'gpc', gpc: true });
  expect(decisionMap(withdrawal)).toMatchObject({
    analytics: true,
    marketing: false,
    'partner-sharing': false,
  });
  // Nothing to ask: the customer only sees it in the privacy center.
  await expect(dialog).toBeHidden();
  expect(await isGranted(page, 'marketing')).toBe(false);
  await fab.click();
  const marketing = dialog
    .getByRole('list')
    .first()
    .getByRole('listitem')
    .filter({ hasText: 'Offers by SMS and e-mail' });
  await expect(marketing).toContainText('Off');
  await expect(marketing).toContainText(GPC_NOTE);
  await expect(dialog.getByRole('listitem').filter({ hasText: / · GPC/ })).toHaveCount(1);
});
