// Page-view events (R15): one per page, or per SPA route, that showed masked customer data in a
// frame. The background keeps, per frame, the path and view number it last logged, so recounts
// of the same view do not log again.
import type { PageFindingsMessage } from '../../../shared/schema';
import type { PolicyState } from '../policy';
import { actorOf } from '../policy/actor';
import { enqueueEvent } from '../queue';

export interface PageViewLog {
  /** Logs a view when the frame shows masked values on a page it has not logged yet. */
  report(
    tabId: number,
    frameId: number,
    message: PageFindingsMessage,
    state: () => Promise<PolicyState>,
  ): Promise<void>;
  forgetTab(tabId: number): void;
}

/**
 * @param onView told the time of each view recorded (the local activity history of issue 6, which
 *   the behaviour rules count).
 */
export function createPageViewLog(onView?: (at: number) => void): PageViewLog {
  const logged = new Map<string, string>();
  return {
    async report(tabId, frameId, message, state) {
      const key = `${tabId}:${frameId}`;
      if (message.trigger === 'load' || message.trigger === 'unload') logged.delete(key);
      const total = Object.values(message.counts).reduce((a, n) => a + (n ?? 0), 0);
      const page = message.page;
      if (!page || total === 0) return;
      // The view number tells apart routes with the same path (hash routes, or the same path
      // shown again after another), which must each be logged.
      const where = `${page.origin}${page.path} ${message.view ?? 0}`;
      if (logged.get(key) === where) return;
      logged.set(key, where);
      const current = await state();
      const event = await enqueueEvent({
        kind: 'page-view',
        ...actorOf(current),
        policyVersion: current.policy.version,
        page,
        counts: message.counts,
      });
      onView?.(Date.parse(event.at));
    },
    forgetTab(tabId) {
      for (const key of logged.keys()) if (key.startsWith(`${tabId}:`)) logged.delete(key);
    },
  };
}
