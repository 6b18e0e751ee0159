// The second factor (R13): a staff member registers their authenticator by confirming one code,
// then unlocks reveals on a device until the next local midnight with a code the server checks.
//
// - A code is accepted once: the step of every accepted code (confirm included) is stored, and a
//   code of that step or an earlier one is refused as replayed.
// - MAX_WRONG_TOTP wrong unlock codes within TOTP_LOCK_WINDOW_MS lock that staff member's unlocks
//   (all devices: the guesser may hold several tokens) until the oldest of them leaves the window;
//   the wrong code that reaches the limit is answered with the lock already. Replays do not count.
// - An unlock is per device: another browser of the same person stays locked.
import { unlockEnds } from '../../shared/access';
import { TotpBodySchema, type UnlockResponse } from '../../shared/schema/staff';
import { done, refuse, type Outcome } from '../consent/problems';
import { MAX_WRONG_TOTP, TOTP_LOCK_WINDOW_MS } from './config';
import { isoAt, record, type GovernanceContext } from './context';
import { totpContext, type StaffDevice } from './enrollment';
import { rulesTimeZone } from './policy';
import { checkTotp } from './totp';

const badBody = <T>(): Outcome<T> =>
  refuse(
    400,
    'bad_request',
    'Send {"code": "123456"}: the 6 digits your authenticator app shows for Custodian.',
  );

const wrongCode = <T>(left: number | null): Outcome<T> =>
  refuse(
    400,
    'totp-wrong',
    'The code does not match. Type the code your authenticator app shows now for Custodian; if it keeps failing, check that the phone sets its clock automatically' +
      (left === null
        ? '.'
        : ` (${left} ${left === 1 ? 'try' : 'tries'} left before a 15-minute lock).`),
  );

/** The sealed secret opened; a secret that does not open is the server's fault (a changed key). */
function openSecret(ctx: GovernanceContext, sealed: string, staffId: string): string {
  try {
    return ctx.box.unseal(sealed, totpContext(staffId));
  } catch (cause) {
    throw new Error(
      'A TOTP secret does not open with the governance key: restore the governance-key file that sealed it.',
      { cause },
    );
  }
}

/**
 * Registers the authenticator enrolled on this device (`POST /v1/staff/totp/confirm`).
 *
 * @example
 *   confirmTotp(ctx, who, { code: '287082' }); // { ok: true, value: { totpActive: true } }
 */
export function confirmTotp(
  ctx: GovernanceContext,
  who: StaffDevice,
  input: unknown,
): Outcome<{ totpActive: true }> {
  const body = TotpBodySchema.safeParse(input);
  if (!body.success) return badBody();
  const { staffId } = who.staff;
  return ctx.store.transaction(() => {
    if (ctx.store.totp(staffId)) {
      return refuse<{ totpActive: true }>(
        409,
        'totp-active',
        'An authenticator is already registered for you: use the codes it shows to unlock.',
      );
    }
    const pending = ctx.store.pendingTotp(who.device.id);
    if (!pending || pending.staffId !== staffId) {
      return refuse<{ totpActive: true }>(
        409,
        'totp-not-pending',
        'This device has no authenticator secret waiting to be confirmed. Enrol it again with a new code from your administrator.',
      );
    }
    const now = ctx.now();
    const checked = checkTotp(openSecret(ctx, pending.sealed, staffId), body.data.code, now, null);
    if (!checked.ok) {
      if (checked.reason === 'wrong-code') return wrongCode<{ totpActive: true }>(null);
      throw new Error(checked.message);
    }
    ctx.store.activateTotp(staffId, pending.sealed, now, checked.step);
    record(ctx, { kind: 'totp-registered', at: isoAt(now), staffId });
    return done<{ totpActive: true }>({ totpActive: true });
  });
}

/**
 * Unlocks reveals on this device until the next local midnight (`POST /v1/staff/unlock`).
 *
 * @example
 *   unlock(ctx, who, { code: '287082' });
 *   // { ok: true, value: { unlockedUntil: '2026-11-24T16:00:00.000Z' } }   (midnight in Shanghai)
 */
export function unlock(
  ctx: GovernanceContext,
  who: StaffDevice,
  input: unknown,
): Outcome<UnlockResponse> {
  const body = TotpBodySchema.safeParse(input);
  if (!body.success) return badBody();
  const { staffId } = who.staff;
  return ctx.store.transaction(() => {
    const totp = ctx.store.totp(staffId);
    if (!totp) {
      return refuse<UnlockResponse>(
        409,
        'totp-not-registered',
        'No authenticator is registered for you yet. Scan the QR code in the extension options and confirm one code first.',
      );
    }
    const now = ctx.now();
    const since = now - TOTP_LOCK_WINDOW_MS;
    const locked = (oldest: number) =>
      refuse<UnlockResponse>(
        429,
        'totp-locked',
        `${MAX_WRONG_TOTP} wrong codes were typed within 15 minutes, so unlocking is paused. Try again in ${Math.ceil((oldest + TOTP_LOCK_WINDOW_MS - now) / 60_000)} minutes, or ask your administrator if you did not type them.`,
        Math.max(1, Math.ceil((oldest + TOTP_LOCK_WINDOW_MS - now) / 1000)),
      );
    const failures = ctx.store.totpFailuresSince(staffId, since);
    if (failures.count >= MAX_WRONG_TOTP) return locked(failures.oldest ?? now);

    const checked = checkTotp(
      openSecret(ctx, totp.sealed, staffId),
      body.data.code,
      now,
      totp.lastStep,
    );
    if (!checked.ok) {
      if (checked.reason === 'replayed') {
        return refuse<UnlockResponse>(400, 'totp-replayed', checked.message);
      }
      if (checked.reason !== 'wrong-code') throw new Error(checked.message);
      ctx.store.purgeTotpFailures(since);
      ctx.store.addTotpFailure(staffId, now);
      const after = ctx.store.totpFailuresSince(staffId, since);
      if (after.count >= MAX_WRONG_TOTP) return locked(after.oldest ?? now);
      return wrongCode<UnlockResponse>(MAX_WRONG_TOTP - after.count);
    }
    ctx.store.setLastStep(staffId, checked.step);
    const until = unlockEnds(rulesTimeZone(ctx), now);
    ctx.store.putUnlock(who.device.id, staffId, until);
    return done({ unlockedUntil: isoAt(until) });
  });
}
