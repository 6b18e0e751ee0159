// This browser's recent customer-data activity (issue 6, R16): each page view that showed
// customer data and each allowed reveal, with its time, for the extension's own run of the
// behaviour rules (to stop at once, before the audit service has the events). Times only: no page,
// no value. Kept in `storage.local` for ACTIVITY_KEEP_MS.
import { z } from 'zod';
import { ActivitySchema, type Activity } from '../../../shared/schema';
import type { StorageArea } from '../service/area';

/** Key in `storage.local`. */
export const ACTIVITY_KEY = 'activityHistory';

/** A bound on storage whatever happens: ten times a heavy day's views and reveals. */
const MAX_ITEMS = 10_000;

const HistorySchema = z.strictObject({
  schema: z.literal(1),
  items: z.array(ActivitySchema),
});

/**
 * The activity still within `keepMs` of `now`, oldest first, at most MAX_ITEMS (the newest).
 * Items from the future (a clock set back) are kept: dropping them would forget real activity.
 *
 * @example
 *   prune([{ at: 0, kind: 'view' }, { at: now, kind: 'reveal' }], now, 3_600_000);
 *   // [{ at: now, kind: 'reveal' }]
 */
export function prune(items: readonly Activity[], now: number, keepMs: number): Activity[] {
  return items
    .filter((a) => a.at > now - keepMs)
    .sort((a, b) => a.at - b.at)
    .slice(-MAX_ITEMS);
}

export interface ActivityLog {
  /** Adds one action; writes run one at a time so none is lost. */
  record(activity: Activity): Promise<void>;
  /** The kept activity at `now`. */
  read(now: number): Promise<Activity[]>;
  /** Forgets everything (a new enrollment: another staff member's history is not theirs). */
  clear(): Promise<void>;
}

/**
 * @example
 *   const log = createActivityLog(browser.storage.local, ACTIVITY_KEEP_MS, Date.now);
 *   await log.record({ at: Date.now(), kind: 'view' });
 */
export function createActivityLog(
  area: StorageArea,
  keepMs: number,
  now: () => number,
): ActivityLog {
  let writing: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<Activity[]> => {
    const parsed = HistorySchema.safeParse((await area.get(ACTIVITY_KEY))[ACTIVITY_KEY]);
    return parsed.success ? parsed.data.items : [];
  };
  const serial = (task: () => Promise<void>): Promise<void> => {
    const run = writing.catch(() => undefined).then(task);
    writing = run;
    return run;
  };
  return {
    record: (activity) =>
      serial(async () => {
        const items = prune([...(await load()), activity], now(), keepMs);
        await area.set({ [ACTIVITY_KEY]: { schema: 1, items } });
      }),
    read: async (at) => {
      await writing.catch(() => undefined);
      return prune(await load(), at, keepMs);
    },
    clear: () => serial(() => area.remove(ACTIVITY_KEY)),
  };
}
