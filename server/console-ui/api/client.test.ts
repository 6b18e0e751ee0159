import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, createClient } from './client';

/** A fetch that records what it was sent and answers `reply`. */
function fake(reply: () => Response) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: String(input), init });
    return reply();
  };
  return { sent, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the console client', () => {
  it('sends the CSRF header on every state-changing method, and never on GET', async () => {
    const { sent, fetch } = fake(() => json({}));
    const client = createClient({ fetch, onSignedOut: () => undefined });
    for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
      await client.request(method, '/x', z.object({}), method === 'GET' ? undefined : {});
    }
    const header = (i: number) => new Headers(sent[i]!.init.headers).get('X-Custodian-Console');
    expect([0, 1, 2, 3].map(header)).toEqual([null, '1', '1', '1']);
    expect(sent[0]!.url).toBe('/admin/api/x');
    expect(sent[1]!.init.body).toBe('{}');
  });

  it('reports a lost session on 401, but not a failed sign-in', async () => {
    const lost: string[] = [];
    const { fetch } = fake(() =>
      json({ error: { code: 'signed-out', message: 'Sign in again.' } }, 401),
    );
    const client = createClient({ fetch, onSignedOut: (m) => lost.push(m) });
    await expect(client.request('GET', '/reviews', z.unknown())).rejects.toMatchObject({
      status: 401,
      code: 'signed-out',
      message: 'Sign in again.',
    });
    await expect(client.request('POST', '/session', z.unknown(), {})).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(lost).toEqual(['Sign in again.']);
  });

  it('shows the server’s message, or the status when the body is not the error shape', async () => {
    const forbidden = createClient({
      fetch: fake(() => json({ error: { code: 'forbidden', message: 'Ask an admin.' } }, 403))
        .fetch,
      onSignedOut: () => undefined,
    });
    await expect(forbidden.request('POST', '/x', z.unknown())).rejects.toThrow('Ask an admin.');
    const proxy = createClient({
      fetch: fake(() => new Response('<html>bad gateway</html>', { status: 502 })).fetch,
      onSignedOut: () => undefined,
    });
    await expect(proxy.request('GET', '/x', z.unknown())).rejects.toThrow(/answered 502/);
  });

  it('refuses an answer that does not match its schema, saying where', async () => {
    const client = createClient({
      fetch: fake(() => json({ cases: 'none' })).fetch,
      onSignedOut: () => undefined,
    });
    await expect(
      client.request('GET', '/reviews', z.object({ cases: z.array(z.string()) })),
    ).rejects.toThrow(/GET \/reviews .*cases/);
  });

  it('turns a network failure into a message that says what to do', async () => {
    const client = createClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      onSignedOut: () => undefined,
    });
    await expect(client.request('GET', '/x', z.unknown())).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(/Could not reach the server.*try again/),
    });
  });

  it('answers undefined for 204', async () => {
    const client = createClient({
      fetch: fake(() => new Response(null, { status: 204 })).fetch,
      onSignedOut: () => undefined,
    });
    expect(await client.request('DELETE', '/session', z.unknown())).toBeUndefined();
  });
});
