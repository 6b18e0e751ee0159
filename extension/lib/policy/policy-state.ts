// Where the extension's staff policy and identity come from, in order of precedence:
// 1. enterprise managed storage (Chrome policy, `storage.managed_schema`), which staff cannot edit;
// 2. the options page (extension local storage);
// 3. none: FAIL_CLOSED_POLICY, every http(s) page protected and nothing revealable.
import { browser } from 'wxt/browser';
import { parsePolicy } from '../../../shared/policy';
import { readManagedStorage } from './managed';
import {
  FAIL_CLOSED_POLICY,
  PolicyStateSchema,
  StaffIdentitySchema,
  type PolicyState,
} from '../../../shared/schema';

/** Keys in `storage.local` written by the options page. */
export const LOCAL_KEYS = { policyText: 'policyText', identity: 'identity' } as const;
/** Keys an administrator sets through Chrome policy (see public/managed-schema.json). */
export const MANAGED_KEYS = { policyJson: 'policyJson', staffId: 'staffId', role: 'role' } as const;

export type { PolicySource, PolicyState } from '../../../shared/schema';

/**
 * Where the background publishes the policy in force, for content scripts: they must decide at
 * document_start, and `storage.managed` can take seconds to answer (2.5 s seen in Chromium 156
 * on its first read), while one `storage.local` key answers in a few ms.
 */
export const EFFECTIVE_KEY = 'effectivePolicy';

/** When managed storage did not answer, read again this soon. */
const MANAGED_RETRY_MS = 2000;

/**
 * Reads the policy and identity from their sources (slow: see EFFECTIVE_KEY); the background
 * calls it and publishes the result. Never throws: a broken source yields the fail-closed policy
 * and problems that say what to fix.
 */
export async function loadPolicyState(): Promise<PolicyState> {
  const [managedRead, local] = await Promise.all([
    readManagedStorage(Object.values(MANAGED_KEYS)),
    browser.storage.local.get(Object.values(LOCAL_KEYS)),
  ]);
  if (!managedRead.available) {
    // An administrator's policy may be pinned there and stricter than the options page's: until
    // it can be read, fail closed (the publisher reads again shortly).
    return {
      policy: FAIL_CLOSED_POLICY,
      source: 'fail-closed',
      identity: null,
      identityManaged: false,
      problems: [
        {
          path: '(managed storage)',
          message: 'Chrome has not answered yet; everything stays masked until it does',
        },
      ],
    };
  }
  const managed = managedRead.values;

  const managedIdentity = StaffIdentitySchema.safeParse({
    staffId: managed[MANAGED_KEYS.staffId],
    role: managed[MANAGED_KEYS.role],
  });
  const localIdentity = StaffIdentitySchema.safeParse(local[LOCAL_KEYS.identity]);
  const identity = managedIdentity.success
    ? managedIdentity.data
    : localIdentity.success
      ? localIdentity.data
      : null;
  const base = { identity, identityManaged: managedIdentity.success };

  const managedText = managed[MANAGED_KEYS.policyJson];
  if (managedText !== undefined) {
    const parsed = parsePolicy(managedText);
    return parsed.ok
      ? { ...base, policy: parsed.policy, source: 'managed', problems: [] }
      : {
          ...base,
          policy: FAIL_CLOSED_POLICY,
          source: 'fail-closed',
          problems: parsed.problems.map((p) => ({ ...p, path: `managed policyJson: ${p.path}` })),
        };
  }
  const localText = local[LOCAL_KEYS.policyText];
  if (typeof localText === 'string' && localText.trim() !== '') {
    const parsed = parsePolicy(localText);
    if (parsed.ok) return { ...base, policy: parsed.policy, source: 'options', problems: [] };
    return {
      ...base,
      policy: FAIL_CLOSED_POLICY,
      source: 'fail-closed',
      problems: parsed.problems,
    };
  }
  return { ...base, policy: FAIL_CLOSED_POLICY, source: 'fail-closed', problems: [] };
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
  if (parsed.success) return parsed.data;
  return {
    policy: FAIL_CLOSED_POLICY,
    source: 'fail-closed',
    identity: null,
    identityManaged: false,
    problems:
      stored === undefined
        ? []
        : [
            {
              path: '(stored policy)',
              message: 'unreadable; the background rewrites it on restart',
            },
          ],
  };
}
