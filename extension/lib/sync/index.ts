// Syncing the local event queue to the audit service (issue 4, R15, R19).
export {
  startSyncScheduler,
  readSyncStatus,
  SYNC_WARN_AFTER_MS,
  type SyncStatus,
} from './scheduler';
export { syncOnce, sendBatch, type SyncOutcome, type SyncPorts } from './sync-once';
export { syncAll } from './sync-all';
export { eventsEndpoint, serviceEndpoint } from './endpoint';
export { readSyncSettings, SYNC_KEYS } from './settings';
export { popupSyncState } from './popup-state';
