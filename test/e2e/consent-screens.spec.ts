// Every screen of the widget in both languages, walked once per language: a screenshot of each at
// phone (390×844) and desktop (1280×800) width, saved to test-results/consent-screens/ for people to
// look at (issue 5, deliverable 7), and axe-core on each, which must find nothing serious or
// critical (the shop page around the widget included: the widget must not break it).
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { Language } from '../../shared/schema';
import { expect, openShop, test, widget } from './consent-fixtures';

const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

/** The widget's texts the walk clicks or types into. */
const TEXTS = {
  en: {
    accept: 'Accept all',
    agree: 'Agree',
    phone: 'Mobile number',
    send: 'Send code',
    code: '6-digit code',
    confirm: 'Confirm',
    deletion: 'Request deletion',
    close: 'Close',
  },
  'zh-CN': {
    accept: '全部同意',
    agree: '同意',
    phone: '手机号',
    send: '发送验证码',
    code: '6 位验证码',
    confirm: '确认',
    deletion: '申请删除',
    close: '关闭',
  },
} as const;

/** The serious and critical axe findings on the page as it is now, one line each. */
async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** Screenshots the screen at both widths, then runs axe on it (soft: the walk goes on). */
async function capture(page: Page, testInfo: TestInfo, screen: string, lang: Language) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const path = `test-results/consent-screens/${screen}-${lang}-${size.width}.png`;
    await page.screenshot({ path, animations: 'disabled' });
    await testInfo.attach(`${screen}-${lang}-${size.width}`, { path, contentType: 'image/png' });
  }
  expect.soft(await seriousFindings(page), `axe on the ${screen} screen (${lang})`).toEqual([]);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`every screen in ${lang}: screenshots at both widths, nothing serious for axe`, async ({
    shop,
    page,
  }, testInfo) => {
    const t = TEXTS[lang];
    await openShop(page, shop, { lang });
    const { dialog, button, fab } = widget(page);
    await expect(dialog).toBeVisible();
    await capture(page, testInfo, 'notice', lang);

    await button(t.accept).click();
    await expect(button(t.agree)).toBeDisabled();
    await capture(page, testInfo, 'sensitive', lang);
    await dialog.getByRole('checkbox').check();
    await button(t.agree).click();

    await dialog.getByRole('textbox', { name: t.phone }).fill('13812345678');
    await capture(page, testInfo, 'verify', lang);
    await button(t.send).click();
    // The code field shows once the service has sent the code.
    const code = dialog.getByRole('textbox', { name: t.code });
    await expect(code).toBeVisible();
    await code.fill(shop.latestCode());
    await capture(page, testInfo, 'verify-code', lang);
    await button(t.confirm).click();
    await expect(dialog).toBeHidden();

    await fab.click();
    await expect(button(t.deletion)).toBeVisible();
    await capture(page, testInfo, 'center', lang);
    // Further down: the history, and a request with its status and due date.
    await button(t.deletion).click();
    await expect(dialog.getByRole('listitem').filter({ hasText: t.deletion })).toHaveCount(1);
    await capture(page, testInfo, 'center-data', lang);
    await button(t.close).last().click();
    await expect(dialog).toBeHidden();

    shop.publishV2();
    await page.reload();
    await expect(dialog).toBeVisible();
    await capture(page, testInfo, 'changed', lang);
  });
}
