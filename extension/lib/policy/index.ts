// The staff policy as the extension sees it: from managed storage, the audit service's signed
// policy (when enrolled) or the options page, else fail closed.
export {
  loadPolicyState,
  createPolicyPublisher,
  type PolicyPublisher,
  readPolicyState,
  EFFECTIVE_KEY,
  LOCAL_KEYS,
  MANAGED_KEYS,
  POLICY_INPUT_KEYS,
  type PolicySource,
  type PolicyState,
} from './policy-state';
export { resolvePolicyState, type PolicySources } from './resolve';
export { actorOf, mayPauseNow } from './actor';
