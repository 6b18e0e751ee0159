// The privacy center (R6, R9): re-opened from the floating button or the page's API, it shows the
// current choices, withdraws in one step for good, lists the signed receipts (each verifiable by
// the customer) and takes deletion requests with a due date.
import { readFile } from 'node:fs/promises';
import {
  analyticsRuns,
  checkReceipt,
  decisionMap,
  expect,
  gatedFrame,
  isGranted,
  openShop,
  storedSubject,
  test,
  verifyBySms,
  widget,
} from './consent-fixtures';
import { SignedReceiptSchema } from '../../shared/schema';

test('the privacy center shows the choices, withdraws, keeps receipts and takes requests', async ({
  shop,
  page,
}) => {
  await openShop(page, shop);
  const { dialog, button, fab } = widget(page);
  await button('Accept all').click();
  await button('Don’t agree').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => analyticsRuns(page)).toBe(1);

  // Opened by the floating button…
  await fab.click();
  await expect(dialog).toHaveAccessibleName('Privacy center');
  // The first list: one row per purpose with its state (the history below names them too).
  const row = (title: string) =>
    dialog.getByRole('list').first().getByRole('listitem').filter({ hasText: title });
  await expect(row('Usage statistics')).toContainText('On');
  await expect(row('ID check for cross-border orders')).toContainText('Off');
  await expect(row('Orders and delivery')).toContainText('Always on');
  await expect(row('Orders and delivery').getByRole('button')).toHaveCount(0);
  await button('Close').first().click();
  await expect(dialog).toBeHidden();

  // …and by the page's API.
  await page.evaluate(() => window.CustodianConsent?.open());
  await expect(dialog).toHaveAccessibleName('Privacy center');

  // R6: withdrawing takes one step.
  await dialog.getByRole('button', { name: 'Withdraw Usage statistics' }).click();
  await expect(row('Usage statistics')).toContainText('Off');
  await expect(dialog.getByRole('button', { name: 'Turn on Usage statistics' })).toBeVisible();
  await expect.poll(() => shop.receipts().length).toBe(2);
  const withdrawal = shop.receipts()[1]!;
  expect(withdrawal.method).toBe('privacy-center');
  expect(decisionMap(withdrawal)).toMatchObject({ analytics: false, marketing: true });
  expect(await isGranted(page, 'analytics')).toBe(false);
  await expect(gatedFrame(page)).toHaveAttribute('src', 'about:blank');

  // R9: the history, newest first, each receipt downloadable and checkable with the public key.
  const history = dialog.getByRole('listitem').filter({ hasText: 'Download receipt' });
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText('privacy center');
  await expect(history.first()).toContainText('Refused: Usage statistics');
  await expect(history.last()).toContainText('notice');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    history.first().getByRole('link', { name: 'Download receipt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`consent-receipt-${withdrawal.receiptId}.json`);
  const signed = SignedReceiptSchema.parse(
    JSON.parse(await readFile(await download.path(), 'utf8')),
  );
  expect(signed.publicKey).toBe(shop.service.publicKey);
  const opened = checkReceipt(signed.note, shop.service.publicKey);
  expect(opened).toEqual({ ok: true, value: withdrawal });
  // A receipt edited afterwards no longer checks.
  const edited = signed.note.replace('"granted":false', '"granted":true');
  expect(checkReceipt(edited, shop.service.publicKey).ok).toBe(false);

  // R6: a deletion request, tracked with its status and due date.
  await button('Request deletion').click();
  const requestRow = dialog.getByRole('listitem').filter({ hasText: /^Request deletion/ });
  await expect(requestRow).toContainText('received');
  const subject = await storedSubject(page);
  const [request] = shop.service.requests();
  expect(request).toMatchObject({ kind: 'deletion', status: 'open', subject: subject.subjectId });
  const due = await page.evaluate((at) => new Date(at).toLocaleDateString('en'), request!.dueAt);
  await expect(requestRow).toContainText(`due ${due}`);

  // Withdrawn for good: a new visit does not run the script or load the frame again.
  await page.reload();
  await expect(fab).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(await isGranted(page, 'analytics')).toBe(false);
  expect(await isGranted(page, 'marketing')).toBe(true);
  expect(await analyticsRuns(page)).toBe(0);
  await expect(gatedFrame(page)).not.toHaveAttribute('src', 'video.html');
});

test('withdrawing takes one step even while a verified sensitive purpose is on', async ({
  shop,
  page,
}) => {
  await openShop(page, shop);
  const { dialog, button, fab } = widget(page);
  await button('Accept all').click();
  await dialog.getByRole('checkbox').check();
  await button('Agree').click();
  await verifyBySms(page, shop);
  await expect(dialog).toBeHidden();

  await fab.click();
  await dialog.getByRole('button', { name: 'Withdraw Usage statistics' }).click();
  // R6: as easy as agreeing: keeping the earlier sensitive grant asks for no new code.
  await expect(dialog).toHaveAccessibleName('Privacy center');
  await expect(dialog.getByRole('button', { name: 'Turn on Usage statistics' })).toBeVisible();
  await expect.poll(() => shop.receipts().length).toBe(2);
  expect(decisionMap(shop.receipts()[1])).toMatchObject({
    analytics: false,
    'id-verification': true,
  });
  expect(await isGranted(page, 'analytics')).toBe(false);
});
