// The staff policy as the extension sees it: read from managed storage or the options page.
export {
  loadPolicyState,
  createPolicyPublisher,
  type PolicyPublisher,
  readPolicyState,
  EFFECTIVE_KEY,
  LOCAL_KEYS,
  MANAGED_KEYS,
  type PolicySource,
  type PolicyState,
} from './policy-state';
