// Where and as whom the queue syncs: the audit service's URL and this device's token, from
// managed storage (administrators pin them) or else extension local storage (enrollment writes it).
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { readManagedStorage } from '../policy/managed';

/** Keys in both `storage.managed` and `storage.local`. */
export const SYNC_KEYS = { serverUrl: 'serverUrl', deviceToken: 'deviceToken' } as const;

const SettingsSchema = z.object({
  serverUrl: z.string().min(1),
  deviceToken: z.string().min(16).max(512),
});
export type SyncSettings = z.infer<typeof SettingsSchema>;

/** The settings, or undefined while the device is not set up to sync (events wait in the queue). */
export async function readSyncSettings(): Promise<SyncSettings | undefined> {
  const [pinned, local] = await Promise.all([
    readManagedStorage(Object.values(SYNC_KEYS)),
    browser.storage.local.get(Object.values(SYNC_KEYS)),
  ]);
  // Managed storage not answering yet: use what enrollment stored locally; the queue only
  // ever sends to a server this device was given, and retries pick up a pinned one later.
  const parsed = SettingsSchema.safeParse({ ...local, ...(pinned.available ? pinned.values : {}) });
  return parsed.success ? parsed.data : undefined;
}
