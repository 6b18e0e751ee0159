// Where and as whom the queue syncs: the audit service's URL and this device's token, from
// managed storage (administrators pin them) or else extension local storage (enrollment writes it).
import { browser } from 'wxt/browser';
import { z } from 'zod';

/** Keys in both `storage.managed` and `storage.local`. */
export const SYNC_KEYS = { serverUrl: 'serverUrl', deviceToken: 'deviceToken' } as const;

const SettingsSchema = z.object({
  serverUrl: z.string().min(1),
  deviceToken: z.string().min(16).max(512),
});
export type SyncSettings = z.infer<typeof SettingsSchema>;

async function managed(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.managed.get(Object.values(SYNC_KEYS));
  } catch {
    return {}; // Not an enterprise-managed browser.
  }
}

/** The settings, or undefined while the device is not set up to sync (events wait in the queue). */
export async function readSyncSettings(): Promise<SyncSettings | undefined> {
  const [pinned, local] = await Promise.all([
    managed(),
    browser.storage.local.get(Object.values(SYNC_KEYS)),
  ]);
  const parsed = SettingsSchema.safeParse({ ...local, ...pinned });
  return parsed.success ? parsed.data : undefined;
}
