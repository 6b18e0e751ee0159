// Each tab's finding counts, frame by frame, kept in session storage so they survive the service
// worker being stopped and restarted between two reports.
import { z } from 'zod';
import {
  FindingCountsSchema,
  type FindingCounts,
  type ReportTrigger,
} from '../../../shared/schema';
import { sumCounts } from './format';

/** The part of `storage.session` used here; tests pass an in-memory one. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** One tab's record: the latest counts of each frame that reported, by frame id. */
const TabRecordSchema = z.object({
  version: z.literal(1),
  frames: z.record(z.string(), FindingCountsSchema),
});
type TabRecord = z.infer<typeof TabRecordSchema>;

const keyOf = (tabId: number) => `page-findings:tab:${tabId}`;

/** A tab's counts, all frames together, and how many frames reported them. */
export interface TabCounts {
  frames: number;
  counts: FindingCounts;
}

/**
 * Reads a tab's counts without changing them (the popup); missing or unreadable: no frame
 * reported.
 *
 * @example
 *   await readTabCounts(browser.storage.session, tabId); // { frames: 2, counts: { phone: 6 } }
 */
export async function readTabCounts(area: SessionArea, tabId: number): Promise<TabCounts> {
  const parsed = TabRecordSchema.safeParse((await area.get(keyOf(tabId)))[keyOf(tabId)]);
  if (!parsed.success) return { frames: 0, counts: {} };
  const frames = Object.values(parsed.data.frames);
  return { frames: frames.length, counts: sumCounts(frames) };
}

/** What a report changed: the tab's new total, and whether the other frames must report again. */
export interface TabTotal {
  total: FindingCounts;
  /** The top frame loaded a page, so other frames' reports were dropped: ask them again. */
  askOtherFrames: boolean;
}

export interface TabFindings {
  /** Stores a frame's counts, replacing its previous ones (see the contract below). */
  report(
    tabId: number,
    frameId: number,
    counts: FindingCounts,
    trigger: ReportTrigger,
  ): Promise<TabTotal>;
  /** Forgets a tab's counts: its main frame is navigating away, or it was closed. */
  clear(tabId: number): Promise<void>;
}

/**
 * Contract:
 * - a `load` report from the top frame (frame 0) starts a new page: every other frame's counts are
 *   dropped, as they cannot be told apart from the previous page's; `askOtherFrames` says so, and
 *   the current frames' answers then fill the record again;
 * - an `unload` report removes the frame;
 * - operations on one tab run one after another, in call order (a report never reads a record
 *   another report is still writing); a failed operation does not block the next;
 * - a stored record that does not parse (e.g. written by an older version) counts as empty.
 */
export function createTabFindings(area: SessionArea): TabFindings {
  const queues = new Map<number, Promise<unknown>>();

  function inOrder<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const result = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
    const settled = result.catch(() => undefined); // The caller sees the failure; the queue moves on.
    queues.set(tabId, settled);
    void settled.then(() => {
      if (queues.get(tabId) === settled) queues.delete(tabId);
    });
    return result;
  }

  async function read(tabId: number): Promise<TabRecord> {
    const stored = (await area.get(keyOf(tabId)))[keyOf(tabId)];
    const parsed = TabRecordSchema.safeParse(stored);
    return parsed.success ? parsed.data : { version: 1, frames: {} };
  }

  return {
    report: (tabId, frameId, counts, trigger) =>
      inOrder(tabId, async () => {
        const before = await read(tabId);
        const frame = String(frameId);
        const newPage = frameId === 0 && trigger === 'load';
        // Every frame but this one; none of them when the top frame starts a new page.
        const others = Object.entries(before.frames).filter(([id]) => id !== frame && !newPage);
        const frames = Object.fromEntries(
          trigger === 'unload' ? others : [...others, [frame, counts]],
        );
        const record: TabRecord = { version: 1, frames };
        await area.set({ [keyOf(tabId)]: record });
        return {
          total: sumCounts(Object.values(frames)),
          askOtherFrames: newPage && Object.keys(before.frames).some((id) => id !== frame),
        };
      }),
    clear: (tabId) => inOrder(tabId, () => area.remove(keyOf(tabId))),
  };
}
