// The policy in force, as the content script reads it at document_start: the background's
// published state, checked against its JSON Schema (no zod in this bundle).
import { browser } from 'wxt/browser';
import type { PolicyState } from '../../../shared/schema';
import {
  failClosedPolicy,
  policyStateJsonSchema,
} from '../../../shared/schema/json/content-schemas';
import { EFFECTIVE_KEY } from '../policy/effective-key';
import { unreadableState } from '../policy/unreadable-state';
import { checked } from './checked';

/**
 * The policy in force as the background last published it; the fail-closed policy when none is
 * published yet or what is stored does not pass its schema (stored data is never trusted
 * blindly). Same answers as readPolicyState of lib/policy, which parses with zod.
 */
export async function readPolicyStateInContent(): Promise<PolicyState> {
  const stored: unknown = (await browser.storage.local.get(EFFECTIVE_KEY))[EFFECTIVE_KEY];
  const verdict = checked<PolicyState>(policyStateJsonSchema, stored);
  return verdict.ok ? verdict.value : unreadableState(failClosedPolicy, stored);
}
