// Tests of one call to the audit service: what counts as an answer, a refusal (with the service's
// message) and unreachable (which is what lets the offline rules apply).
import { describe, expect, it } from 'vitest';
import { callService, type FetchLike } from './call';

const BASE = 'https://audit.example.com';
const call = (fetch: FetchLike, timeoutMs = 1000) =>
  callService(fetch, BASE, {
    method: 'POST',
    path: '/v1/staff/unlock',
    token: 'cdt_x',
    body: { code: '123456' },
    timeoutMs,
  });

describe('callService', () => {
  it('sends JSON with the device token and reads a JSON answer', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const reply = await call(async (url, init) => {
      seen = { url, init };
      return Response.json({ unlockedUntil: '2026-03-06T16:00:00Z' });
    });
    expect(reply).toEqual({
      kind: 'ok',
      status: 200,
      body: { unlockedUntil: '2026-03-06T16:00:00Z' },
    });
    expect(seen?.url).toBe(`${BASE}/v1/staff/unlock`);
    const headers = new Headers(seen?.init.headers);
    expect(headers.get('authorization')).toBe('Bearer cdt_x');
    expect(headers.get('content-type')).toBe('application/json');
    expect(seen?.init.body).toBe('{"code":"123456"}');
  });

  it("passes a 4xx's code, message and Retry-After on", async () => {
    const reply = await call(async () =>
      Response.json(
        { error: { code: 'totp-locked', message: 'Too many wrong codes.' } },
        { status: 429, headers: { 'retry-after': '600' } },
      ),
    );
    expect(reply).toEqual({
      kind: 'refused',
      status: 429,
      code: 'totp-locked',
      message: 'Too many wrong codes.',
      retryAfter: '600',
    });
    const bare = await call(async () => new Response('nope', { status: 404 }));
    expect(bare).toMatchObject({
      kind: 'refused',
      code: 'http-404',
      message: expect.stringContaining('HTTP 404'),
    });
  });

  it('counts network errors, time-outs, 5xx and non-JSON answers as unreachable', async () => {
    expect(await call(() => Promise.reject(new TypeError('Failed to fetch')))).toMatchObject({
      kind: 'unreachable',
      reason: expect.stringContaining('network'),
    });
    const slow: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    expect(await call(slow, 20)).toMatchObject({
      kind: 'unreachable',
      reason: expect.stringContaining('did not answer within'),
    });
    expect(
      await call(async () =>
        Response.json({ error: { code: 'x', message: 'db down' } }, { status: 503 }),
      ),
    ).toEqual({
      kind: 'unreachable',
      reason: 'the audit service answered HTTP 503: db down',
    });
    expect(await call(async () => new Response('<html>', { status: 200 }))).toMatchObject({
      kind: 'unreachable',
    });
  });

  it('refuses plain http off loopback without calling', async () => {
    let called = false;
    const reply = await callService(
      async () => {
        called = true;
        return Response.json({});
      },
      'http://audit.example.com',
      { method: 'GET', path: '/v1/staff/status', timeoutMs: 1000 },
    );
    expect(reply).toMatchObject({ kind: 'refused', code: 'bad-server-url' });
    expect(called).toBe(false);
  });
});
