// The demo server as a browser sees it: pages with the right content types, health, JSON errors,
// and screenshots of the demo pages (test-results/) to look at.
import { expect, test } from './fixtures';

test('serves the demo pages and assets with their content types', async ({ request, server }) => {
  const health = await request.get(`${server.url}/healthz`);
  expect(health.ok()).toBe(true);
  expect(await health.json()).toEqual({ ok: true, version: 'e2e' });

  for (const [path, type] of [
    ['/demo/', 'text/html; charset=utf-8'],
    ['/demo/ticket.html', 'text/html; charset=utf-8'],
    ['/demo/customer-card.html', 'text/html; charset=utf-8'],
    ['/demo/crm.css', 'text/css; charset=utf-8'],
  ] as const) {
    const res = await request.get(`${server.url}${path}`);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toBe(type);
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
  }

  const missing = await request.get(`${server.url}/demo/..%2f..%2fpackage.json`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');
});

test('the demo pages render as a CRM (screenshots in test-results/)', async ({
  page,
  server,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 800 });

  await page.goto(`${server.url}/demo/`);
  await expect(page).toHaveTitle(/客户列表/);
  await expect(page.locator('body[data-loaded="true"]')).toBeAttached();
  // The stylesheet applied: the header bar is dark.
  await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(17, 24, 39)');
  // The extension is loaded in every test browser: values show masked.
  await expect(page.getByRole('cell', { name: '138-****-5678' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('customer-list.png'), fullPage: true });

  await page.goto(`${server.url}/demo/ticket.html`);
  await expect(page).toHaveTitle(/Ticket #48213/);
  const profile = page.frameLocator('iframe[title="Customer profile"]');
  await expect(profile.getByText('姓名：李*')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('ticket.png'), fullPage: true });
});
