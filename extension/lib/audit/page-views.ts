// Page-view events (R15): one per page, or per SPA route, that showed masked customer data in a
// frame. The background keeps, per frame, the path it last logged, so recounts on the same page
// do not log again.
import type { PageFindingsMessage } from '../../../shared/schema';
import type { PolicyState } from '../policy';
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

export function createPageViewLog(): PageViewLog {
  const logged = new Map<string, string>();
  return {
    async report(tabId, frameId, message, state) {
      const key = `${tabId}:${frameId}`;
      if (message.trigger === 'load' || message.trigger === 'unload') logged.delete(key);
      const total = Object.values(message.counts).reduce((a, n) => a + (n ?? 0), 0);
      const page = message.page;
      if (!page || total === 0) return;
      const where = `${page.origin}${page.path}`;
      if (logged.get(key) === where) return;
      logged.set(key, where);
      const { identity, policy } = await state();
      await enqueueEvent({
        kind: 'page-view',
        staffId: identity?.staffId ?? null,
        role: identity?.role ?? null,
        policyVersion: policy.version,
        page,
        counts: message.counts,
      });
    },
    forgetTab(tabId) {
      for (const key of logged.keys()) if (key.startsWith(`${tabId}:`)) logged.delete(key);
    },
  };
}
