// The review console's session over real HTTP (issue 7): sign-in sets an HttpOnly, SameSite=Strict
// cookie scoped to /admin that later requests carry; state changes need the CSRF header; the shell
// comes with its strict CSP and loads in Chromium without a CSP violation.
import { request as playwrightRequest } from '@playwright/test';
import { addConsoleOperator, expect, test, totpCode } from './fixtures';

test('signs in, keeps the session in a cookie for /admin, refuses without the CSRF header', async ({
  server,
}) => {
  const reviewer = addConsoleOperator(server, 'e2e.session', 'reviewer');
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  try {
    const refused = await api.post('/admin/api/session', {
      data: { name: reviewer.name, password: reviewer.password, code: '000000' },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe('csrf');

    const signIn = await api.post('/admin/api/session', {
      headers: { 'X-Custodian-Console': '1' },
      data: {
        name: reviewer.name,
        password: reviewer.password,
        code: totpCode(reviewer.secret, Date.now()),
      },
    });
    expect(signIn.status()).toBe(200);
    expect(await signIn.json()).toMatchObject({ name: 'e2e.session', role: 'reviewer' });
    const cookie = (await api.storageState()).cookies.find((c) => c.name === 'custodian_console');
    expect(cookie).toMatchObject({ path: '/admin', httpOnly: true, sameSite: 'Strict' });

    const session = await api.get('/admin/api/session');
    expect(session.status()).toBe(200);
    const chart = await api.get('/admin/api/activity/chart?from=2026-11-01&to=2026-11-30');
    expect(chart.status()).toBe(200);
    // The cookie never leaves /admin: other routes do not see it.
    const health = await api.get('/healthz');
    expect(health.ok()).toBe(true);

    const out = await api.delete('/admin/api/session', {
      headers: { 'X-Custodian-Console': '1' },
    });
    expect(out.status()).toBe(204);
    expect((await api.get('/admin/api/session')).status()).toBe(401);
  } finally {
    await api.dispose();
  }
});

test('serves the console shell with a strict CSP that its own files satisfy', async ({
  page,
  server,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(`${server.url}/admin`);
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
});
