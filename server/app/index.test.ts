// Tests of the app's routes and its single error handler, through `app.request()`.
import { describe, expect, it } from 'vitest';
import { createApp, readJson, type ErrorBody } from './index';

const app = createApp({ version: '1.2.3' });

describe('GET /healthz', () => {
  it('reports ok and the version', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true, version: '1.2.3' });
  });
});

describe('errors', () => {
  it('turns an unknown route into a JSON 404 that lists the routes', async () => {
    const res = await app.request('/customers/13812345678');
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('GET /healthz');
    // The path may carry a customer value: it is never echoed.
    expect(body.error.message).not.toContain('13812345678');
  });

  it('turns malformed JSON into a 400 that says how to fix it', async () => {
    const withBody = createApp({ version: 'test' });
    withBody.post('/echo', async (c) => c.json({ got: await readJson(c) }));

    const ok = await withBody.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await ok.json()).toEqual({ got: { a: 1 } });

    const res = await withBody.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"phone": "13812345678",',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('malformed_json');
    expect(body.error.message).toMatch(/Content-Type: application\/json/);
    expect(body.error.message).not.toContain('13812345678');
  });

  it('hides the details of an unexpected error behind a 500', async () => {
    const failing = createApp({ version: 'test' });
    failing.get('/boom', () => {
      throw new Error('secret internals');
    });
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const res = await failing.request('/boom');
      expect(res.status).toBe(500);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('internal');
      expect(body.error.message).not.toContain('secret internals');
      expect(logged).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
