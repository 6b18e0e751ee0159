// The keyboard alone (Tab, Shift+Tab, Space, Enter, Esc) completes every flow, and while the
// dialog is open focus never leaves it.
import type { Locator, Page } from '@playwright/test';
import { decisionMap, expect, openShop, test, widget } from './consent-fixtures';

/** Whether `target` (inside the widget's shadow root) has the focus. */
const isFocused = (target: Locator) =>
  target.evaluate((el) => {
    const root = el.getRootNode();
    return (root instanceof ShadowRoot ? root.activeElement : document.activeElement) === el;
  });

/**
 * Presses Tab until `target` has the focus (at most 40 times); while `trapped`, checks after each
 * press that the focus is still in the dialog.
 */
async function tabTo(page: Page, target: Locator, trapped = true): Promise<void> {
  const { focusInDialog } = widget(page);
  for (let i = 0; i < 40; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
    if (trapped)
      expect(await focusInDialog(), `focus left the dialog after ${i + 1} Tabs`).toBe(true);
  }
  throw new Error(`40 Tabs did not reach ${target}`);
}

test('the keyboard alone completes every flow, and focus stays in the dialog', async ({
  shop,
  page,
}) => {
  await openShop(page, shop);
  const { dialog, button, switchOf, fab, focusInDialog } = widget(page);
  await expect(dialog).toBeVisible();
  await expect.poll(focusInDialog, { message: 'focus starts in the dialog' }).toBe(true);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 1; i <= 30; i++) {
      await page.keyboard.press(key);
      expect(await focusInDialog(), `focus left the dialog after ${i} × ${key}`).toBe(true);
    }
  }

  // The notice: one switch toggled with Space, then Save choices with Enter.
  await tabTo(page, switchOf('Usage statistics'));
  await page.keyboard.press('Space');
  await expect(switchOf('Usage statistics')).toBeChecked();
  await tabTo(page, button('Save choices'));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect.poll(() => shop.receipts().length).toBe(1);
  expect(decisionMap(shop.receipts()[0])).toMatchObject({ analytics: true, marketing: false });

  // The privacy center from the floating button.
  await tabTo(page, fab, false);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAccessibleName('Privacy center');
  await expect.poll(focusInDialog).toBe(true);

  // The sensitive purpose: its statement ticked with Space, then the code by SMS.
  await tabTo(
    page,
    dialog.getByRole('button', { name: 'Turn on ID check for cross-border orders' }),
  );
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAccessibleName('Sensitive information');
  await tabTo(page, dialog.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await tabTo(page, button('Agree'));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAccessibleName('Confirm it is you');
  await tabTo(page, dialog.getByRole('textbox', { name: 'Mobile number' }));
  await page.keyboard.type('13812345678');
  await page.keyboard.press('Enter');
  const code = dialog.getByRole('textbox', { name: '6-digit code' });
  await expect
    .poll(() => isFocused(code), { message: 'the code field takes the focus' })
    .toBe(true);
  await page.keyboard.type(shop.latestCode());
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAccessibleName('Privacy center');
  await expect.poll(() => shop.receipts().length).toBe(2);
  expect(shop.receipts()[1]?.verification?.channel).toBe('sms');
  expect(decisionMap(shop.receipts()[1])).toMatchObject({ 'id-verification': true });

  // Withdraw with Enter; Esc closes, and the focus goes back to the floating button.
  await tabTo(page, dialog.getByRole('button', { name: 'Withdraw Usage statistics' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Turn on Usage statistics' })).toBeVisible();
  await expect.poll(() => shop.receipts().length).toBe(3);
  expect(decisionMap(shop.receipts()[2])).toMatchObject({ analytics: false });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => isFocused(fab), { message: 'focus returns to the button' }).toBe(true);
});
