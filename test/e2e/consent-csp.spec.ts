// The widget on a host page with a strict Content-Security-Policy (default-src 'self': no inline
// script or style, no eval): every screen works and the browser reports no violation.
import { expect, openShop, test, verifyBySms, widget } from './consent-fixtures';

const STRICT = "default-src 'self'";

test('a page with a strict CSP shows every screen without a violation', async ({ shop, page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const violations = () =>
    page.evaluate(() => {
      const seen: unknown = Reflect.get(window, '__cspViolations');
      return Array.isArray(seen) ? seen.map(String) : ['the violation recorder did not run'];
    });

  await openShop(page, shop, { csp: STRICT });
  const { dialog, button, fab } = widget(page);
  // The policy really is in force: an inline script is refused (and reported, then forgotten).
  await page.addScriptTag({ content: 'window.inlineRan = true;' }).catch(() => undefined);
  expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
  await expect.poll(violations).toHaveLength(1);
  await page.evaluate(() => Reflect.get(window, '__cspViolations').splice(0));
  refused.splice(0);

  await expect(dialog).toHaveAccessibleName('Your privacy choices');
  // The styles apply (a constructable sheet, not a <style> element the policy would block).
  await expect(button('Accept all')).toHaveCSS('font-weight', '600');
  await button('Accept all').click();
  await expect(dialog).toHaveAccessibleName('Sensitive information');
  await dialog.getByRole('checkbox').check();
  await button('Agree').click();
  await verifyBySms(page, shop);
  await expect(dialog).toBeHidden();
  await expect(page.locator('#analytics-log')).toContainText('analytics.js ran');
  await fab.click();
  await expect(dialog).toHaveAccessibleName('Privacy center');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'verified (SMS)' })).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Withdraw ID check for cross-border orders' }).click();
  await expect(
    dialog.getByRole('button', { name: 'Turn on ID check for cross-border orders' }),
  ).toBeVisible();

  expect(await violations()).toEqual([]);
  expect(refused).toEqual([]);
});
