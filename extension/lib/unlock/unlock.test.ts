// Tests of the unlock: the cache shows it at once; refusals say what the service said, a lock-out
// with the time left.
import { describe, expect, it } from 'vitest';
import { memoryArea } from '../service/area';
import type { FetchLike } from '../service/call';
import { readStatusCache, STATUS_KEY } from '../staff-status/cache';
import { status } from '../staff-status/test-status';
import { lockoutLeft, unlock } from './unlock';

const settings = async () => ({
  serverUrl: 'https://audit.example.com',
  deviceToken: 'cdt_0123456789abcdef',
});
const NOW = Date.parse('2026-03-06T02:00:00Z');

function setup(answer: (body: unknown) => Response) {
  const local = memoryArea();
  const bodies: unknown[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const body: unknown = JSON.parse(String(init.body));
    bodies.push(body);
    return answer(body);
  };
  return { local, bodies, deps: { fetch, local, settings, now: () => NOW } };
}

describe('unlock', () => {
  it('sends the code without spaces and shows the unlock in the cache at once', async () => {
    const t = setup(() => Response.json({ unlockedUntil: '2026-03-06T16:00:00Z' }));
    await t.local.set({
      [STATUS_KEY]: {
        schema: 1,
        status: status({ unlockedUntil: null }),
        fetchedAt: 1,
        problem: null,
      },
    });
    expect(await unlock(t.deps, '492 039')).toEqual({
      status: 'done',
      unlockedUntil: Date.parse('2026-03-06T16:00:00Z'),
    });
    expect(t.bodies).toEqual([{ code: '492039' }]);
    expect((await readStatusCache(t.local)).status?.unlockedUntil).toBe('2026-03-06T16:00:00.000Z');
  });

  it('refuses a malformed code without asking', async () => {
    const t = setup(() => Response.json({}));
    expect(await unlock(t.deps, '12345')).toMatchObject({ status: 'refused', field: 'code' });
    expect(t.bodies).toEqual([]);
  });

  it("shows the service's refusals: wrong, replayed, locked out with the time left", async () => {
    for (const [code, status] of [
      ['totp-wrong', 400],
      ['totp-replayed', 400],
      ['totp-not-registered', 409],
    ] as const) {
      const t = setup(() =>
        Response.json({ error: { code, message: `said ${code}` } }, { status }),
      );
      expect(await unlock(t.deps, '123456')).toMatchObject({
        status: 'refused',
        code,
        message: `said ${code}`,
      });
    }
    const locked = setup(() =>
      Response.json(
        { error: { code: 'totp-locked', message: 'Too many wrong codes.' } },
        { status: 429, headers: { 'retry-after': '540' } },
      ),
    );
    expect(await unlock(locked.deps, '123456')).toMatchObject({
      code: 'totp-locked',
      message: 'Too many wrong codes. (9 min left)',
    });
  });

  it('words the time left', () => {
    expect(lockoutLeft(125_000)).toBe('3 min');
    expect(lockoutLeft(20_000)).toBe('20 s');
    expect(lockoutLeft(0)).toBe('1 s');
  });
});
