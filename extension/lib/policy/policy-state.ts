// Where the extension's staff policy and identity come from: this file reads the sources
// (managed storage, the options page, the enrollment, the signed policy and the staff status) and
// publishes what resolve.ts decides is in force, for content scripts.
import { browser } from 'wxt/browser';
import { rolesAt } from '../../../shared/access';
import { FAIL_CLOSED_POLICY, PolicyStateSchema, type PolicyState } from '../../../shared/schema';
import { readEnrollment, ENROLLMENT_KEY } from '../enrollment/record';
import {
  keptServerPolicy,
  readServerPolicyRecord,
  SERVER_POLICY_KEY,
} from '../server-policy/store';
import { readStatusCache, STATUS_KEY } from '../staff-status/cache';
import { EFFECTIVE_KEY } from './effective-key';
import { unreadableState } from './unreadable-state';
import { readManagedStorage } from './managed';
import { MANAGED_KEYS, resolvePolicyState } from './resolve';

/** Keys in `storage.local` written by the options page. */
export const LOCAL_KEYS = { policyText: 'policyText', identity: 'identity' } as const;
export { MANAGED_KEYS } from './resolve';

/**
 * Every `storage.local` key the policy in force depends on: a change to any of them publishes
 * again (the options page's, the enrollment, the signed policy, the status with its grants).
 */
export const POLICY_INPUT_KEYS: readonly string[] = [
  ...Object.values(LOCAL_KEYS),
  ENROLLMENT_KEY,
  SERVER_POLICY_KEY,
  STATUS_KEY,
];

export type { PolicySource, PolicyState } from '../../../shared/schema';

export { EFFECTIVE_KEY } from './effective-key';

/** When managed storage did not answer, read again this soon. */
const MANAGED_RETRY_MS = 2000;

/**
 * Reads the policy and identity from their sources (slow: see EFFECTIVE_KEY); the background
 * calls it and publishes the result. Never throws: a broken source yields the fail-closed policy
 * and problems that say what to fix.
 */
export async function loadPolicyState(now: number = Date.now()): Promise<PolicyState> {
  const local = browser.storage.local;
  const [managed, stored, enrollment, record, status] = await Promise.all([
    readManagedStorage(Object.values(MANAGED_KEYS)),
    local.get(Object.values(LOCAL_KEYS)),
    readEnrollment(local),
    readServerPolicyRecord(local),
    readStatusCache(local),
  ]);
  const server = enrollment ? await keptServerPolicy(record, enrollment.serverKey) : null;
  // A status cached for someone else (before a new enrollment) gives no roles.
  const grants =
    status.status && enrollment && status.status.staffId === enrollment.staffId
      ? status.status.grants
      : [];
  return resolvePolicyState({
    managed,
    policyText: stored[LOCAL_KEYS.policyText],
    identity: stored[LOCAL_KEYS.identity],
    enrolled: enrollment
      ? { staffId: enrollment.staffId, name: enrollment.name, roles: rolesAt(grants, now) }
      : null,
    server,
    serverProblem: record.problem,
  });
}

/** The background's publisher: the policy in force, re-read and published on `refresh()`. */
export interface PolicyPublisher {
  current(): Promise<PolicyState>;
  refresh(): void;
}

/**
 * Reads the sources and publishes the result for content scripts, now and on every `refresh()`.
 * Reads overlap (a managed read can take seconds) and may finish out of order: only the latest
 * one publishes, so an old read never overwrites a newer policy.
 */
export function createPolicyPublisher(): PolicyPublisher {
  let generation = 0;
  let latest: Promise<PolicyState>;
  const refresh = () => {
    const mine = ++generation;
    latest = loadPolicyState().then(async (state) => {
      if (mine !== generation) return state;
      await browser.storage.local.set({ [EFFECTIVE_KEY]: state });
      if (state.problems.some((p) => p.path === '(managed storage)')) {
        setTimeout(() => mine === generation && refresh(), MANAGED_RETRY_MS);
      }
      return state;
    });
  };
  refresh();
  return {
    current: async () => {
      // Wait for the newest read, even one started while waiting for an older one.
      let seen: Promise<PolicyState>;
      let state: PolicyState;
      do {
        seen = latest;
        state = await seen;
      } while (seen !== latest);
      return state;
    },
    refresh,
  };
}

/**
 * The policy in force as the background last published it; the fail-closed policy when none
 * is published yet or what is stored does not parse (stored data is never trusted blindly).
 */
export async function readPolicyState(): Promise<PolicyState> {
  const stored = (await browser.storage.local.get(EFFECTIVE_KEY))[EFFECTIVE_KEY];
  const parsed = PolicyStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : unreadableState(FAIL_CLOSED_POLICY, stored);
}
