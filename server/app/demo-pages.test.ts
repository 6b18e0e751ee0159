// Tests of the demo pages route: content types, directory index, and refusal of anything that
// is not a plain file inside test/fixtures/pages/.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type ErrorBody } from './index';
import { demoPathSegments } from './demo-pages';

// A scratch pages directory, with a secret beside it and a symlink pointing out of it.
const scratch = mkdtempSync(path.join(tmpdir(), 'custodian-demo-'));
const pagesDir = path.join(scratch, 'pages');
mkdirSync(path.join(pagesDir, 'sub'), { recursive: true });
writeFileSync(path.join(pagesDir, 'index.html'), '<!doctype html><title>index</title>');
writeFileSync(path.join(pagesDir, 'crm.css'), 'body { color: black }');
writeFileSync(path.join(pagesDir, 'sub', 'index.html'), '<!doctype html><title>sub</title>');
writeFileSync(path.join(pagesDir, '.env'), 'SECRET=1');
writeFileSync(path.join(pagesDir, 'notes.md'), '# not served');
writeFileSync(path.join(scratch, 'secret.html'), '<p>secret</p>');
symlinkSync(path.join(scratch, 'secret.html'), path.join(pagesDir, 'escape.html'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const app = createApp({ version: 'test', demoPagesDir: pagesDir });

async function expectNotFound(url: string) {
  const res = await app.request(url);
  expect(res.status, url).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('not_found');
  expect(body.error.message).not.toContain('secret');
}

describe('GET /demo/*', () => {
  it('serves index.html for /demo/ as UTF-8 HTML with nosniff', async () => {
    const res = await app.request('/demo/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>index</title>');
  });

  it('redirects /demo to /demo/ so relative links resolve', async () => {
    const res = await app.request('/demo');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/demo/');
  });

  it('serves each file type with its content type, and subdirectory indexes', async () => {
    const css = await app.request('/demo/crm.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('color: black');
    const sub = await app.request('/demo/sub/');
    expect(await sub.text()).toContain('<title>sub</title>');
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await app.request('/demo/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('refuses missing files, dotfiles and file types it does not serve', async () => {
    await expectNotFound('/demo/missing.html');
    await expectNotFound('/demo/.env');
    await expectNotFound('/demo/notes.md');
    await expectNotFound('/demo/sub');
  });

  it('refuses path traversal in every spelling', async () => {
    for (const url of [
      '/demo/../secret.html',
      '/demo/%2e%2e/secret.html',
      '/demo/..%2fsecret.html',
      '/demo/..%2Fsecret.html',
      '/demo/..%5csecret.html',
      '/demo/%2e%2e%2f%2e%2e%2fpackage.json',
      '/demo/sub/..%2f..%2fsecret.html',
      '/demo/index.html%00.css',
      '/demo//etc/passwd.html',
      '/demo/%E0%A4%A.html',
      '/demo/escape.html', // a symlink to a file outside the directory
    ]) {
      await expectNotFound(url);
    }
  });
});

describe('demoPathSegments', () => {
  it('maps plain names and refuses the rest', () => {
    expect(demoPathSegments('')).toEqual(['index.html']);
    expect(demoPathSegments('a/b.css')).toEqual(['a', 'b.css']);
    expect(demoPathSegments('%E5%AE%A2%E6%88%B7.html')).toEqual(['客户.html']);
    expect(demoPathSegments('..%2fx.html')).toBeUndefined();
    expect(demoPathSegments('a//b.html')).toBeUndefined();
    expect(demoPathSegments('x.ts')).toBeUndefined();
  });
});
