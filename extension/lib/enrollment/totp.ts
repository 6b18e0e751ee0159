// Registering the authenticator (issue 6, R13): the first code it shows activates it on the
// service; the secret then leaves session storage, so nothing on this computer can make codes.
import { TotpBodySchema } from '../../../shared/schema';
import type { ActionAnswer } from '../../../shared/schema/popup';
import { SERVICE_TIMEOUT_MS } from '../config';
import type { StorageArea } from '../service/area';
import { callService, type FetchLike } from '../service/call';
import { PENDING_TOTP_KEY } from './record';

export interface TotpDeps {
  fetch: FetchLike;
  session: StorageArea;
  settings(): Promise<{ serverUrl: string; deviceToken: string } | undefined>;
}

/** The 6-digit code as typed (spaces allowed), or an answer naming the field to fix. */
export function readCode(
  code: string,
): { ok: true; code: string } | { ok: false; answer: ActionAnswer } {
  const parsed = TotpBodySchema.safeParse({ code });
  if (parsed.success) return { ok: true, code: parsed.data.code };
  return {
    ok: false,
    answer: {
      status: 'refused',
      code: 'invalid-input',
      message: 'Type the 6-digit code your authenticator app shows now.',
      field: 'code',
    },
  };
}

export const NOT_ENROLLED: ActionAnswer = {
  status: 'refused',
  code: 'not-enrolled',
  message:
    'This browser is not enrolled yet: enrol it in the options page with the code your administrator gave you.',
};

/**
 * Confirms the authenticator with its first code.
 *
 * @example
 *   await confirmTotp(deps, '492 039'); // { status: 'done' }
 */
export async function confirmTotp(deps: TotpDeps, typed: string): Promise<ActionAnswer> {
  const code = readCode(typed);
  if (!code.ok) return code.answer;
  const settings = await deps.settings();
  if (!settings) return NOT_ENROLLED;
  const reply = await callService(deps.fetch, settings.serverUrl, {
    method: 'POST',
    path: '/v1/staff/totp/confirm',
    token: settings.deviceToken,
    body: { code: code.code },
    timeoutMs: SERVICE_TIMEOUT_MS,
  });
  if (reply.kind === 'unreachable') {
    return {
      status: 'refused',
      code: 'unreachable',
      message: `Not confirmed: ${reply.reason}. Try again when the service is back (the code changes every 30 s; type a fresh one).`,
    };
  }
  if (reply.kind === 'refused') {
    // Already active: the secret has served its purpose either way.
    if (reply.code === 'totp-active') await deps.session.remove(PENDING_TOTP_KEY);
    return {
      status: 'refused',
      code: reply.code,
      message: reply.message,
      ...(reply.code === 'totp-wrong' ? { field: 'code' as const } : {}),
    };
  }
  await deps.session.remove(PENDING_TOTP_KEY);
  return { status: 'done' };
}
