// Enrolling this browser (issue 6, R13): the staff member's one-time code is exchanged for a device
// token bound to them, the service's verifier key and a new authenticator secret. The token and
// the record go to `storage.local` (the event sync uses the same token); the authenticator waits
// in `storage.session` until its first code is confirmed.
import { parseVerifierKey, pureHasher } from '../../../shared/ledger';
import { EnrollBodySchema, EnrollResponseSchema } from '../../../shared/schema';
import type { ActionAnswer } from '../../../shared/schema/popup';
import { SERVICE_TIMEOUT_MS } from '../config';
import type { StorageArea } from '../service/area';
import { callService, type FetchLike } from '../service/call';
import { serviceEndpoint } from '../sync/endpoint';
import { SYNC_KEYS } from '../sync/settings';
import { pinsProblem, type Pins } from './pins';
import { ENROLLMENT_KEY, PENDING_TOTP_KEY, type EnrollmentRecord } from './record';

export interface EnrollDeps {
  fetch: FetchLike;
  local: StorageArea;
  session: StorageArea;
  /** The managed-storage pins; null when Chrome has not answered yet. */
  pins(): Promise<Pins | null>;
  /** Keys of state that belonged to the previous enrollment (cached status, signed policy…). */
  forget: readonly string[];
  now(): number;
}

export interface EnrollInput {
  serverUrl: string;
  code: string;
  deviceLabel: string;
}

type Field = 'serverUrl' | 'code' | 'deviceLabel';

const refused = (code: string, message: string, field?: Field): ActionAnswer => ({
  status: 'refused',
  code,
  message,
  ...(field ? { field } : {}),
});

/**
 * Contract:
 * - nothing is stored unless the service answered a well-formed enrollment that agrees with the
 *   managed pins (server key, staff id) and whose key parses;
 * - the server URL is the pinned one when pinned, and must be https (loopback may be http);
 * - the service's own message is passed on when it refuses (e.g. a used or expired code);
 * - a new enrollment replaces the previous one and forgets what belonged to it.
 *
 * @example
 *   await enroll(deps, { serverUrl: 'https://audit.example.com',
 *     code: 'ENR-7K2M-Q9XD-4TPA-H3VW', deviceLabel: 'office laptop' });
 *   // { status: 'done' }
 */
export async function enroll(deps: EnrollDeps, input: EnrollInput): Promise<ActionAnswer> {
  const pins = await deps.pins();
  if (!pins) {
    return refused(
      'managed-unavailable',
      "Chrome has not loaded your administrator's settings yet; try again in a few seconds.",
    );
  }
  const serverUrl = pins.serverUrl ?? input.serverUrl.trim();
  if (serverUrl === '') {
    return refused(
      'server-url-missing',
      "Give the audit service's address, e.g. https://audit.example.com (your administrator knows it).",
      'serverUrl',
    );
  }
  const endpoint = serviceEndpoint(serverUrl, '/v1/enroll');
  if (!endpoint.ok) return refused('bad-server-url', endpoint.message, 'serverUrl');
  const body = EnrollBodySchema.safeParse({ code: input.code, deviceLabel: input.deviceLabel });
  if (!body.success) {
    const issue = body.error.issues[0];
    const field: Field = issue?.path[0] === 'deviceLabel' ? 'deviceLabel' : 'code';
    const message =
      field === 'deviceLabel'
        ? 'Name this browser in a few words, e.g. "office laptop" (at most 100 characters).'
        : `The enrollment code ${issue?.message ?? 'is not valid'}.`;
    return refused('invalid-input', message, field);
  }

  const reply = await callService(deps.fetch, serverUrl, {
    method: 'POST',
    path: '/v1/enroll',
    body: body.data,
    timeoutMs: SERVICE_TIMEOUT_MS,
  });
  if (reply.kind === 'unreachable') {
    return refused(
      'unreachable',
      `Not enrolled: ${reply.reason}. Check the address and your network, then try again.`,
      'serverUrl',
    );
  }
  if (reply.kind === 'refused') {
    const field = reply.code === 'enrollment-invalid' ? 'code' : undefined;
    return refused(reply.code, reply.message, field);
  }
  const parsed = EnrollResponseSchema.safeParse(reply.body);
  if (!parsed.success) {
    return refused(
      'bad-answer',
      "The service's answer is not a Custodian enrollment; check that the address is your company's audit service.",
      'serverUrl',
    );
  }
  const enrolled = parsed.data;
  const problem = pinsProblem(pins, enrolled);
  if (problem) return refused('pinned-mismatch', problem);
  const key = parseVerifierKey(pureHasher, enrolled.serverKey);
  if (!key.ok) {
    return refused(
      'bad-server-key',
      `The service's key is not usable (${key.error}); tell your administrator. The browser was not enrolled.`,
    );
  }

  const record: EnrollmentRecord = {
    schema: 1,
    staffId: enrolled.staffId,
    name: enrolled.name,
    serverUrl,
    serverKey: enrolled.serverKey,
    enrolledAt: deps.now(),
    deviceLabel: body.data.deviceLabel,
  };
  if (deps.forget.length > 0) await deps.local.remove([...deps.forget]);
  await deps.local.set({
    [SYNC_KEYS.serverUrl]: serverUrl,
    [SYNC_KEYS.deviceToken]: enrolled.deviceToken,
    [ENROLLMENT_KEY]: record,
  });
  await deps.session.set({ [PENDING_TOTP_KEY]: enrolled.totp });
  return { status: 'done' };
}
