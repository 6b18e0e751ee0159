// Registering the authenticator (issue 6, R13): the first code it shows activates it on the
// service; the secret then leaves session storage, so nothing on this computer can make codes.
import { TotpBodySchema } from '../../../shared/schema';
import type { ActionAnswer } from '../../../shared/schema/popup';
import { SERVICE_TIMEOUT_MS } from '../config';
import type { StorageArea } from '../service/area';
import { callService, type FetchLike, type ServiceReply } from '../service/call';
import { PENDING_TOTP_KEY } from './record';

export interface TotpDeps extends CodeDeps {
  session: StorageArea;
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

/** What posting a code needs: where the service is and this browser's token. */
export interface CodeDeps {
  fetch: FetchLike;
  settings(): Promise<{ serverUrl: string; deviceToken: string } | undefined>;
}

/** The service's reply to a code it received (ok or refused). */
export type CodeReply = Exclude<ServiceReply, { kind: 'unreachable' }>;

/**
 * Posts a typed authenticator code to `path`. Answers on its own for a badly typed code, a
 * browser not enrolled, or a service out of reach (`notDone` starts that sentence, e.g.
 * "Not unlocked"); otherwise hands back the service's reply.
 *
 * @example
 *   const sent = await postCode(deps, '/v1/staff/unlock', '492 039', 'Not unlocked');
 *   if (!sent.reached) return sent.answer;
 */
export async function postCode(
  deps: CodeDeps,
  path: string,
  typed: string,
  notDone: string,
): Promise<{ reached: false; answer: ActionAnswer } | { reached: true; reply: CodeReply }> {
  const code = readCode(typed);
  if (!code.ok) return { reached: false, answer: code.answer };
  const settings = await deps.settings();
  if (!settings) return { reached: false, answer: NOT_ENROLLED };
  const reply = await callService(deps.fetch, settings.serverUrl, {
    method: 'POST',
    path,
    token: settings.deviceToken,
    body: { code: code.code },
    timeoutMs: SERVICE_TIMEOUT_MS,
  });
  if (reply.kind !== 'unreachable') return { reached: true, reply };
  return {
    reached: false,
    answer: {
      status: 'refused',
      code: 'unreachable',
      // The code changes every 30 s: a retry needs a fresh one.
      message: `${notDone}: ${reply.reason}. Try again when the service is back, with a fresh code.`,
    },
  };
}

/**
 * Confirms the authenticator with its first code.
 *
 * @example
 *   await confirmTotp(deps, '492 039'); // { status: 'done' }
 */
export async function confirmTotp(deps: TotpDeps, typed: string): Promise<ActionAnswer> {
  const sent = await postCode(deps, '/v1/staff/totp/confirm', typed, 'Not confirmed');
  if (!sent.reached) return sent.answer;
  const reply = sent.reply;
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
