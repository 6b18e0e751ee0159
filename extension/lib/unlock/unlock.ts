// Unlocking reveals for the working day (issue 6, R13): a code from the authenticator, checked by
// the audit service, which answers until when (the next local midnight of the policy's zone).
import { UnlockResponseSchema } from '../../../shared/schema';
import type { ActionAnswer } from '../../../shared/schema/popup';
import { postCode, type CodeDeps } from '../enrollment/totp';
import type { StorageArea } from '../service/area';
import { updateStatusCache, withUnlock } from '../staff-status/cache';
import { retryAfterMs } from '../sync/backoff';

export interface UnlockDeps extends CodeDeps {
  local: StorageArea;
  now(): number;
}

/** Longest lock-out we would report: the service's window is 15 minutes. */
const MAX_LOCKOUT_MS = 3_600_000;

/**
 * Sends the code; on success the cached status shows the unlock at once (the caller refreshes
 * the status after). Refusals carry the service's message: wrong code, a code already used, or
 * too many wrong codes (then with the time left, from Retry-After).
 *
 * @example
 *   await unlock(deps, '492039'); // { status: 'done', unlockedUntil: 1772812800000 }
 */
export async function unlock(deps: UnlockDeps, typed: string): Promise<ActionAnswer> {
  const sent = await postCode(deps, '/v1/staff/unlock', typed, 'Not unlocked');
  if (!sent.reached) return sent.answer;
  const reply = sent.reply;
  if (reply.kind === 'refused') {
    let message = reply.message;
    if (reply.code === 'totp-locked') {
      const wait = retryAfterMs(reply.retryAfter, deps.now(), MAX_LOCKOUT_MS);
      if (wait !== undefined) message += ` (${lockoutLeft(wait)} left)`;
    }
    return {
      status: 'refused',
      code: reply.code,
      message,
      ...(reply.code === 'totp-wrong' || reply.code === 'totp-replayed'
        ? { field: 'code' as const }
        : {}),
    };
  }
  const parsed = UnlockResponseSchema.safeParse(reply.body);
  if (!parsed.success) {
    return {
      status: 'refused',
      code: 'bad-answer',
      message:
        "The audit service's answer to the unlock is not understood; tell your administrator.",
    };
  }
  const until = Date.parse(parsed.data.unlockedUntil);
  await updateStatusCache(deps.local, (cache) => withUnlock(cache, until));
  return { status: 'done', unlockedUntil: until };
}

/**
 * The time left of a lock-out, in words.
 *
 * @example
 *   lockoutLeft(125_000); // '3 min'
 */
export function lockoutLeft(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : `${Math.ceil(ms / 60_000)} min`;
}
