// Tests of the mounted console: the shell and its assets under a strict CSP, the page that says to
// build when there is none, JSON 404s for unknown API paths, no caching of API answers, and the
// record-keeping pages mounted beside the session, activity and review routes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../app';
import { tempDir } from '../ledger/test-helpers';
import { SHELL_HEADERS } from './mount';
import { consoleTestApp } from './session/test-app';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** A built console in a temporary directory. */
function builtConsole(): string {
  const dir = join(tempDir(), 'console');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'console.js'), 'export {};');
  writeFileSync(join(dir, 'console.css'), 'body{}');
  return dir;
}

function setup(options: { uiDir?: string; consent?: boolean } = {}) {
  const t = consoleTestApp(options);
  open.push(t);
  return t;
}

const expectShellHeaders = (res: Response) => {
  expect(res.headers.get('content-security-policy')).toBe(CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
};

describe('the console shell', () => {
  it('serves index.html for /admin and every page path, with a strict CSP', async () => {
    const t = setup({ uiDir: builtConsole() });
    expect(SHELL_HEADERS['Content-Security-Policy']).toBe(CSP);
    for (const path of ['/admin', '/admin/', '/admin/reviews/abc', '/admin/x.unknown']) {
      const res = await t.consoleApp.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expectShellHeaders(res);
      expect(await res.text()).toContain('<title>console</title>');
    }
  });

  it('serves its built assets by name with their types, and 404 for a missing one', async () => {
    const t = setup({ uiDir: builtConsole() });
    const js = await t.consoleApp.request('/admin/console.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=UTF-8');
    expectShellHeaders(js);
    expect(await js.text()).toBe('export {};');
    const css = await t.consoleApp.request('/admin/console.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=UTF-8');
    const missing = await t.consoleApp.request('/admin/console.js.map');
    expect(missing.status).toBe(404);
    // A path out of the directory is not an asset name: never the file.
    for (const path of ['/admin/..%2Fpackage.json', '/admin/%2E%2E/package.json']) {
      const escape = await t.consoleApp.request(path);
      expect(await escape.text(), path).not.toContain('devDependencies');
    }
  });

  it('answers 503 with a page that says to build, when dist/console is missing', async () => {
    const t = setup();
    const res = await t.consoleApp.request('/admin');
    expect(res.status).toBe(503);
    expectShellHeaders(res);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('the console API', () => {
  it('answers unknown API paths with JSON (401 signed out, 404 signed in), never the shell', async () => {
    const t = setup({ uiDir: builtConsole() });
    expect((await t.api('/nope')).status).toBe(401);
    const cookie = await t.signIn('auditor');
    const res = await t.api('/nope', { cookie });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
  });

  it('marks answers no-store and nosniff', async () => {
    const t = setup();
    const cookie = await t.signIn('auditor');
    const res = await t.api('/session', { cookie });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('mounts the record-keeping pages; consent and retention only with the consent service', async () => {
    const without = setup();
    const a = await without.signIn('auditor');
    for (const path of ['/incidents', '/spot-checks', '/integrity']) {
      expect((await without.api(path, { cookie: a })).status, path).toBe(200);
    }
    expect((await without.api('/retention', { cookie: a })).status).toBe(404);

    const withConsent = setup({ consent: true });
    const b = await withConsent.signIn('auditor');
    for (const path of ['/retention', '/consent/stats', '/consent/requests?status=open']) {
      expect((await withConsent.api(path, { cookie: b })).status, path).toBe(200);
    }
    // Admin-only: an auditor is refused by role, not by a missing route.
    const destroy = await withConsent.api('/retention/destroy', {
      cookie: b,
      body: { kind: 'verification-contacts' },
    });
    expect(destroy.status).toBe(403);
  });

  it('refuses a body over 256 KiB (413)', async () => {
    const t = setup();
    const cookie = await t.signIn('reviewer');
    const res = await t.api('/incidents', { cookie, body: { title: 'x'.repeat(300 * 1024) } });
    expect(res.status).toBe(413);
  });
});
