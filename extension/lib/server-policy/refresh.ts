// Fetches the signed policy (GET /v1/staff/policy), keeps it when it verifies, and otherwise keeps
// the last good one and records why the new one was refused (shown in the popup and options).
import { SignedPolicySchema } from '../../../shared/schema';
import { SERVICE_TIMEOUT_MS } from '../config';
import type { StorageArea } from '../service/area';
import { callService, type FetchLike } from '../service/call';
import { readServerPolicyRecord, SERVER_POLICY_KEY, type ServerPolicyRecord } from './store';
import { verifyPolicyNote } from './verify';

export interface ServerPolicyDeps {
  fetch: FetchLike;
  local: StorageArea;
  settings(): Promise<{ serverUrl: string; deviceToken: string } | undefined>;
  /** The enrollment's server key; null when not enrolled. */
  serverKey(): Promise<string | null>;
  now(): number;
  subtle?: SubtleCrypto;
}

/**
 * Contract:
 * - a policy replaces the kept one only when its note verifies with the server key and its
 *   text passes the schema;
 * - anything else (no policy published, forged, unsigned, malformed, unreachable) keeps the last
 *   good one and records the problem; a success clears it. Never throws.
 *
 * @example
 *   (await refreshServerPolicy(deps)).kept?.version; // '2026-11-01'
 */
export async function refreshServerPolicy(deps: ServerPolicyDeps): Promise<ServerPolicyRecord> {
  const [settings, serverKey] = await Promise.all([deps.settings(), deps.serverKey()]);
  const outcome = await fetchVerified(deps, settings, serverKey);
  const before = await readServerPolicyRecord(deps.local);
  const now = deps.now();
  const next: ServerPolicyRecord =
    'note' in outcome
      ? {
          schema: 1,
          kept: { version: outcome.version, note: outcome.note, fetchedAt: now },
          problem: null,
          problemAt: null,
        }
      : { ...before, problem: outcome.problem, problemAt: now };
  await deps.local.set({ [SERVER_POLICY_KEY]: next });
  return next;
}

async function fetchVerified(
  deps: ServerPolicyDeps,
  settings: { serverUrl: string; deviceToken: string } | undefined,
  serverKey: string | null,
): Promise<{ version: string; note: string } | { problem: string }> {
  if (!settings || !serverKey) {
    return {
      problem: 'This browser is not enrolled with an audit service; enrol it in the options page.',
    };
  }
  const reply = await callService(deps.fetch, settings.serverUrl, {
    method: 'GET',
    path: '/v1/staff/policy',
    token: settings.deviceToken,
    timeoutMs: SERVICE_TIMEOUT_MS,
  });
  if (reply.kind === 'unreachable') {
    return {
      problem: `Policy not refreshed: ${reply.reason}. The last good policy stays in force.`,
    };
  }
  if (reply.kind === 'refused') return { problem: reply.message };
  const signed = SignedPolicySchema.safeParse(reply.body);
  if (!signed.success) {
    return {
      problem:
        "The audit service's answer is not a signed policy, so it was refused; the last good policy stays in force.",
    };
  }
  const verified = await verifyPolicyNote(signed.data.note, serverKey, deps.subtle);
  if (!verified.ok) {
    return {
      problem: `Policy ${signed.data.version} refused: ${verified.error} The last good policy stays in force.`,
    };
  }
  return { version: signed.data.version, note: signed.data.note };
}
