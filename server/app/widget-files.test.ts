// Tests of GET /widget/*: the built bundles with their headers, and a 404 that says to build.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../ledger/test-helpers';
import { createApp, type ErrorBody } from './index';

describe('GET /widget/custodian-consent.js and .mjs', () => {
  it('serves the built file as JavaScript any page may load', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'custodian-consent.js'), 'window.CustodianConsent = {};');
    const app = createApp({ version: 't', widgetDir: dir });
    const res = await app.request('/widget/custodian-consent.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('window.CustodianConsent = {};');
  });

  it('says to run the build when the file is missing, and serves nothing else', async () => {
    const app = createApp({ version: 't', widgetDir: join(tempDir(), 'none') });
    const missing = await app.request('/widget/custodian-consent.mjs');
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'widget_not_built' });
    expect(body.error.message).toMatch(/run npm run build/);
    for (const url of ['/widget/other.js', '/widget/..%2fpackage.json', '/widget/toString']) {
      expect((await app.request(url)).status, url).toBe(404);
    }
  });
});
