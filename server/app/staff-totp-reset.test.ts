// Tests of POST /v1/admin/staff/:staffId/totp/reset: an admin withdraws a staff member's
// authenticator; unlocks end, secrets pending on older devices stop working, and the next
// enrollment registers a new authenticator. On the record; admins only.
import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../staff/test-helpers';
import { governanceApp } from './governance-test-helpers';
import type { ErrorBody } from './index';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

const errorOf = async (res: Response) => ((await res.clone().json()) as ErrorBody).error;

describe('POST /v1/admin/staff/:staffId/totp/reset', () => {
  it('withdraws the authenticator; the next enrollment registers a new one', async () => {
    const g = governanceApp();
    open.push(g);
    const { device, secret } = await g.unlockedStaff();
    // A second browser enrolled while the first authenticator was active: its secret is pending.
    const olderCode = (await (
      await g.admin('/v1/admin/staff/CS-0420/enrollment', { body: {} })
    ).json()) as { code: string };
    const older = await g.enroll(olderCode.code, 'old tablet');

    expect(
      (await g.call('/v1/admin/staff/CS-0420/totp/reset', { token: g.tokens.reviewer, body: {} }))
        .status,
    ).toBe(403);
    const res = await g.admin('/v1/admin/staff/CS-0420/totp/reset', { body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ staffId: 'CS-0420', wasActive: true });
    expect(g.governanceEntries().at(-1)).toEqual({
      kind: 'totp-reset',
      by: 'li.wei',
      at: new Date(g.clock.now()).toISOString(),
      staffId: 'CS-0420',
    });

    const status = (await (await g.call('/v1/staff/status', { token: device })).json()) as {
      totpActive: boolean;
      unlockedUntil: string | null;
    };
    expect(status).toMatchObject({ totpActive: false, unlockedUntil: null });
    g.clock.advance(30_000);
    const unlock = await g.call('/v1/staff/unlock', {
      token: device,
      body: { code: totpCode(secret, g.clock.now()) },
    });
    expect(unlock.status).toBe(409);
    expect((await errorOf(unlock)).code).toBe('totp-not-registered');
    const stale = await g.call('/v1/staff/totp/confirm', {
      token: older.deviceToken,
      body: { code: totpCode(older.totp.secret, g.clock.now()) },
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('totp-not-pending');

    const fresh = (await (
      await g.admin('/v1/admin/staff/CS-0420/enrollment', { body: {} })
    ).json()) as { code: string };
    const enrolled = await g.enroll(fresh.code, 'new phone');
    const confirm = await g.call('/v1/staff/totp/confirm', {
      token: enrolled.deviceToken,
      body: { code: totpCode(enrolled.totp.secret, g.clock.now()) },
    });
    expect(confirm.status).toBe(200);
    g.clock.advance(30_000);
    const again = await g.call('/v1/staff/unlock', {
      token: enrolled.deviceToken,
      body: { code: totpCode(enrolled.totp.secret, g.clock.now()) },
    });
    expect(again.status).toBe(200);
  });

  it('answers 404 for an unknown staff member', async () => {
    const g = governanceApp();
    open.push(g);
    const res = await g.admin('/v1/admin/staff/CS-9999/totp/reset', { body: {} });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown-staff');
  });
});
