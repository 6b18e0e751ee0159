// The action badge: shows, per tab, how many customer-information findings the page holds.
import type { FindingCounts, ReportTrigger } from '../../../shared/schema';
import { BADGE_COLOR } from '../config';
import { badgeFor } from './format';
import { createTabFindings, type SessionArea } from './tab-findings';

export { badgeFor, sumCounts, type BadgeView } from './format';
export {
  createTabFindings,
  readTabCounts,
  type SessionArea,
  type TabCounts,
  type TabFindings,
  type TabTotal,
} from './tab-findings';

/** The part of `browser.action` used here. */
export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
}

export interface TabBadges {
  /**
   * A frame reported its counts: store them and show the tab's total. Resolves to true when the
   * tab's other frames must be asked to report again (see `TabFindings`).
   */
  report(
    tabId: number,
    frameId: number,
    counts: FindingCounts,
    trigger: ReportTrigger,
  ): Promise<boolean>;
  /** The tab was closed: drop its counts (Chrome drops the badge itself). */
  forget(tabId: number): Promise<void>;
}

/**
 * Joins the per-tab store to the badge. The APIs are parameters so it runs under test.
 *
 * @example
 *   const badges = createTabBadges(browser.action, browser.storage.session);
 *   await badges.report(tabId, frameId, { phone: 3, cn_id: 2 }, 'load'); // badge "5"
 */
export function createTabBadges(action: ActionApi, area: SessionArea): TabBadges {
  const store = createTabFindings(area);
  return {
    async report(tabId, frameId, counts, trigger) {
      const { total, askOtherFrames } = await store.report(tabId, frameId, counts, trigger);
      const view = badgeFor(total);
      await Promise.all([
        action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }),
        action.setBadgeText({ tabId, text: view.text }),
        action.setTitle({ tabId, title: view.title }),
      ]);
      return askOtherFrames;
    },
    forget: (tabId) => store.clear(tabId),
  };
}
