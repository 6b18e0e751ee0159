// The staff policy the audit service signs (issue 6): fetched, verified (Ed25519, WebCrypto),
// kept when good, refused with the last good one kept when not.
export { verifyPolicyNote } from './verify';
export {
  keptServerPolicy,
  NO_SERVER_POLICY,
  readServerPolicyRecord,
  SERVER_POLICY_KEY,
  type ServerPolicyRecord,
} from './store';
export { refreshServerPolicy, type ServerPolicyDeps } from './refresh';
