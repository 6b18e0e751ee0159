// Tests of the staff status cache: a good answer replaces it, anything else keeps it with the
// reason; an unlock shows at once; an ended unlock reads as locked.
import { describe, expect, it } from 'vitest';
import { memoryArea } from '../service/area';
import type { FetchLike } from '../service/call';
import { readStatusCache, STATUS_KEY, unlockedUntil, updateStatusCache, withUnlock } from './cache';
import { refreshStatus } from './refresh';
import { status } from './test-status';

const settings = async () => ({
  serverUrl: 'https://audit.example.com',
  deviceToken: 'cdt_0123456789abcdef',
});

function setup(answer: () => Promise<Response>) {
  const local = memoryArea();
  const fetch: FetchLike = () => answer();
  let clock = 5_000;
  return { local, deps: { fetch, local, settings, now: () => (clock += 1000) } };
}

describe('refreshStatus', () => {
  it('caches a well-formed status with when it was fetched', async () => {
    const answer = status();
    const t = setup(async () => Response.json(answer));
    expect(await refreshStatus(t.deps)).toEqual({
      schema: 1,
      status: answer,
      fetchedAt: 6_000,
      problem: null,
    });
    expect(await readStatusCache(t.local)).toMatchObject({ fetchedAt: 6_000 });
  });

  it('keeps the last status on a malformed answer, a refusal or no answer, saying why', async () => {
    const first = status();
    let answer: () => Promise<Response> = async () => Response.json(first);
    const t = setup(() => answer());
    await refreshStatus(t.deps);
    const cases: [() => Promise<Response>, string][] = [
      [async () => Response.json({ ...first, grants: 'all' }), 'not understood'],
      [
        async () =>
          Response.json(
            { error: { code: 'not-enrolled', message: 'This device is not enrolled.' } },
            { status: 403 },
          ),
        'This device is not enrolled.',
      ],
      [() => Promise.reject(new TypeError('Failed to fetch')), 'cannot be reached'],
    ];
    for (const [next, problem] of cases) {
      answer = next;
      const cache = await refreshStatus(t.deps);
      expect(cache.status).toEqual(first);
      expect(cache.fetchedAt).toBe(6_000);
      expect(cache.problem).toContain(problem);
    }
  });

  it('parses what is stored on every read: junk reads as no status', async () => {
    const local = memoryArea();
    await local.set({
      [STATUS_KEY]: { schema: 1, status: { staffId: 'x' }, fetchedAt: 1, problem: null },
    });
    expect((await readStatusCache(local)).status).toBeNull();
  });
});

describe('unlock in the cache', () => {
  it('shows an unlock at once and reads an ended one as locked', async () => {
    const local = memoryArea();
    const t = setup(async () => Response.json(status({ unlockedUntil: null })));
    await refreshStatus({ ...t.deps, local });
    const until = Date.parse('2026-03-06T16:00:00Z');
    const cache = await updateStatusCache(local, (c) => withUnlock(c, until));
    expect(cache.status?.unlockedUntil).toBe('2026-03-06T16:00:00.000Z');
    expect(unlockedUntil(cache.status, until - 1)).toBe(until);
    expect(unlockedUntil(cache.status, until)).toBeNull();
    expect(unlockedUntil(null, 0)).toBeNull();
  });
});
