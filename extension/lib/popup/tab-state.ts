// What the background knows of each tab for the popup: the page its top frame shows (from the
// masking script's reports) and whether the staff member paused protection there. Kept in
// session storage, so it survives the service worker stopping between two clicks.
import { z } from 'zod';
import { PageRefSchema, type PageRef } from '../../../shared/schema';
import type { SessionArea } from '../badge';

export interface TabState {
  /** The top frame's protected page; null when it has not reported since it loaded. */
  page: PageRef | null;
  paused: boolean;
}

export const NO_TAB_STATE: TabState = { page: null, paused: false };

const TabRecordSchema = z.object({
  version: z.literal(1),
  page: PageRefSchema.nullable(),
  paused: z.boolean(),
});

const keyOf = (tabId: number) => `popup:tab:${tabId}`;

/** A tab's state; a missing or unreadable record (e.g. an older version's) is `NO_TAB_STATE`. */
export async function readTabState(area: SessionArea, tabId: number): Promise<TabState> {
  const parsed = TabRecordSchema.safeParse((await area.get(keyOf(tabId)))[keyOf(tabId)]);
  return parsed.success ? { page: parsed.data.page, paused: parsed.data.paused } : NO_TAB_STATE;
}

/** Stores a tab's state; `NO_TAB_STATE` removes the record. */
export async function writeTabState(
  area: SessionArea,
  tabId: number,
  state: TabState,
): Promise<void> {
  if (state.page === null && !state.paused) return area.remove(keyOf(tabId));
  await area.set({ [keyOf(tabId)]: { version: 1, page: state.page, paused: state.paused } });
}

/**
 * Runs tasks one after another per key, in call order; a failed task does not block the next.
 *
 * @example
 *   const inOrder = serialByKey();
 *   await inOrder(tabId, async () => writeTabState(area, tabId, next));
 */
export function serialByKey(): <T>(key: number, task: () => Promise<T>) => Promise<T> {
  const queues = new Map<number, Promise<unknown>>();
  return (key, task) => {
    const result = (queues.get(key) ?? Promise.resolve()).then(task, task);
    const settled = result.catch(() => undefined); // The caller sees the failure; the queue moves on.
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return result;
  };
}
