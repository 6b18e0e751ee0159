// When a customer is asked again: a new policy version shows what changed and asks about the
// changed and new purposes only (R7); a consent past its purpose's consentDays lapses and is asked
// for again (R4), and it does not count meanwhile.
import {
  analyticsRuns,
  decisionMap,
  expect,
  isGranted,
  openShop,
  test,
  widget,
} from './consent-fixtures';

const DAY_MS = 86_400_000;

test('a new policy version shows what changed and asks only about that', async ({ shop, page }) => {
  await openShop(page, shop);
  const { dialog, button, switchOf } = widget(page);
  await button('Accept all').click();
  await button('Don’t agree').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => shop.receipts().length).toBe(1);

  shop.publishV2();
  await page.reload();
  await expect(dialog).toHaveAccessibleName('We changed our privacy policy');
  await expect(dialog).toContainText('Changed since your last choice:');
  const change = (title: string) => dialog.getByRole('listitem').filter({ hasText: title });
  // Marketing now also uses the city: its data and its description changed.
  await expect(change('Offers by SMS and e-mail')).toContainText(
    /changed \((data, description|description, data)\)/,
  );
  await expect(change('Personal recommendations')).toContainText('new');
  await expect(dialog.getByRole('listitem')).toHaveCount(2);
  // Until the customer answers, the changed purpose no longer counts; the others still do.
  expect(await isGranted(page, 'marketing')).toBe(false);
  expect(await isGranted(page, 'analytics')).toBe(true);

  await button('Continue').click();
  await expect(dialog).toContainText('Please decide on these again.');
  await expect(dialog.getByRole('switch')).toHaveCount(2);
  await expect(switchOf('Offers by SMS and e-mail')).not.toBeChecked();
  await expect(switchOf('Personal recommendations')).not.toBeChecked();
  await switchOf('Personal recommendations').check();
  await button('Save choices').click();
  await expect(dialog).toBeHidden();

  await expect.poll(() => shop.receipts().length).toBe(2);
  const renewed = shop.receipts()[1]!;
  expect(renewed.policyVersion).toBe(2);
  expect(decisionMap(renewed)).toEqual({
    orders: true,
    // Unchanged purposes keep the customer's earlier answers.
    analytics: true,
    'partner-sharing': true,
    'id-verification': false,
    marketing: false,
    recommendations: true,
  });
  expect(await isGranted(page, 'recommendations')).toBe(true);
  expect(await isGranted(page, 'analytics')).toBe(true);
  expect(await isGranted(page, 'marketing')).toBe(false);

  await page.reload();
  await expect(widget(page).fab).toBeVisible();
  await expect(dialog).toBeHidden();
});

test('a consent past its consentDays lapses and is asked for again', async ({ shop, page }) => {
  await openShop(page, shop);
  const { dialog, button, switchOf } = widget(page);
  await switchOf('Usage statistics').check();
  await switchOf('Offers by SMS and e-mail').check();
  await button('Save choices').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => analyticsRuns(page)).toBe(1);

  // 181 days on: analytics (180 days) has lapsed, marketing (365 days) has not.
  shop.advanceClock(181 * DAY_MS);
  await page.clock.setFixedTime(Date.now() + 181 * DAY_MS);
  await page.reload();
  await expect(dialog).toHaveAccessibleName('Please confirm your choices again');
  await expect(dialog.getByRole('switch')).toHaveCount(1);
  await expect(switchOf('Usage statistics')).not.toBeChecked();
  expect(await isGranted(page, 'analytics')).toBe(false);
  expect(await isGranted(page, 'marketing')).toBe(true);
  expect(await analyticsRuns(page)).toBe(0);

  await switchOf('Usage statistics').check();
  await button('Save choices').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => analyticsRuns(page)).toBe(1);
  expect(await isGranted(page, 'analytics')).toBe(true);
  const renewed = shop.receipts()[1]!;
  expect(decisionMap(renewed)).toMatchObject({ analytics: true, marketing: true });
});
