// The staff status (issue 6): fetched from the audit service, cached, read by the reveal decision,
// the policy state (roles) and the popup.
export {
  EMPTY_STATUS,
  readStatusCache,
  STATUS_KEY,
  unlockedUntil,
  updateStatusCache,
  withUnlock,
  type StatusCache,
} from './cache';
export { refreshStatus, type StatusDeps } from './refresh';
