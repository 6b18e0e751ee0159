// The sync's state as the popup shows it: configured or not, last success, how long it has been
// failing (with a warning past SYNC_WARN_AFTER_MS), and the dead letters kept for an administrator.
import type { PopupStatus } from '../../../shared/schema/popup';
import { queueStatus } from '../queue';
import { readSyncStatus, SYNC_WARN_AFTER_MS } from './scheduler';
import { readSyncSettings } from './settings';

export async function popupSyncState(now: number = Date.now()): Promise<PopupStatus['sync']> {
  const [settings, status, queue] = await Promise.all([
    readSyncSettings(),
    readSyncStatus(),
    queueStatus(),
  ]);
  return {
    configured: settings !== undefined,
    lastSuccessAt: status.lastSuccessAt,
    failingSince: status.failingSince,
    lastError: status.lastError,
    warn: status.failingSince !== null && now - status.failingSince > SYNC_WARN_AFTER_MS,
    deadLetters: queue.deadLetters,
  };
}
