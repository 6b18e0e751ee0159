// Fetches the staff status (GET /v1/staff/status) and caches it; a failure keeps the last status
// and records why, for the popup and the options page.
import { StaffStatusSchema } from '../../../shared/schema';
import { SERVICE_TIMEOUT_MS } from '../config';
import type { StorageArea } from '../service/area';
import { callService, type FetchLike } from '../service/call';
import { updateStatusCache, type StatusCache } from './cache';

export interface StatusDeps {
  fetch: FetchLike;
  local: StorageArea;
  /** The service and this device's token; undefined when the browser is not set up. */
  settings(): Promise<{ serverUrl: string; deviceToken: string } | undefined>;
  now(): number;
  timeoutMs?: number;
}

/**
 * Contract: a well-formed answer replaces the cached status; anything else keeps it and sets
 * `problem` to a sentence saying what to do. Never throws.
 *
 * @example
 *   (await refreshStatus(deps)).status?.unlockedUntil; // '2026-03-06T16:00:00.000Z' or null
 */
export async function refreshStatus(deps: StatusDeps): Promise<StatusCache> {
  const settings = await deps.settings();
  if (!settings) {
    return updateStatusCache(deps.local, (cache) => ({
      ...cache,
      problem: 'This browser has no audit service or device token; enrol it in the options page.',
    }));
  }
  const reply = await callService(deps.fetch, settings.serverUrl, {
    method: 'GET',
    path: '/v1/staff/status',
    token: settings.deviceToken,
    timeoutMs: deps.timeoutMs ?? SERVICE_TIMEOUT_MS,
  });
  let problem: string;
  if (reply.kind === 'ok') {
    const parsed = StaffStatusSchema.safeParse(reply.body);
    if (parsed.success) {
      const fetchedAt = deps.now();
      return updateStatusCache(deps.local, () => ({
        schema: 1,
        status: parsed.data,
        fetchedAt,
        problem: null,
      }));
    }
    problem =
      "The audit service's status answer is not understood; the extension may be older than the service. Tell your administrator.";
  } else if (reply.kind === 'refused') {
    problem = reply.message;
  } else {
    problem = `Status not refreshed: ${reply.reason}. The last known status is used meanwhile.`;
  }
  return updateStatusCache(deps.local, (cache) => ({ ...cache, problem }));
}
