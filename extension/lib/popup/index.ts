// The background's side of the popup: answers its status requests and pause switch, and follows
// each tab's top-frame page so a pause is recorded against it and ends when the page goes away.
import type { BackgroundToContent, PageFindingsMessage, PolicyState } from '../../../shared/schema';
import type {
  Governance,
  PopupStatus,
  PopupToBackground,
  SetPauseAnswer,
} from '../../../shared/schema/popup';
import { readTabCounts, type SessionArea } from '../badge';
import { enqueueEvent, queueStatus, type NewEvent } from '../queue';
import { pauseEvent, setPause } from './pause';
import { localDay, popupStatus } from './status';
import { NO_TAB_STATE, readTabState, serialByKey, writeTabState, type TabState } from './tab-state';

export { popupStatus, localDay } from './status';
export { setPause, whyMayNotPause } from './pause';

export interface PopupDeps {
  session: SessionArea;
  /** The policy in force (the background's current one). */
  policy: () => Promise<PolicyState>;
  /** `messenger.sendMessage('backgroundToContent', message, tabId)`. */
  tell: (tabId: number, message: BackgroundToContent) => Promise<void>;
  /** Defaults: the local queue (lib/queue) and the clock. */
  enqueue?: (event: NewEvent) => Promise<unknown>;
  queueLength?: () => Promise<number>;
  /** The sync's state for the popup; default: none configured. */
  sync?: () => Promise<PopupStatus['sync']>;
  /**
   * Reveals allowed from `fromMs` on (the start of today), counted apart from the queue, which
   * synced events leave (lib/audit: revealsOn).
   */
  countReveals: (fromMs: number, toMs: number) => Promise<number>;
  now?: () => number;
  /** Enrollment, unlock and review state (issue 6); default: not enrolled. */
  governance?: () => Promise<Governance | null>;
  /** See `PauseDeps.pauseBlocked`. */
  pauseBlocked?: () => Promise<string | null>;
}

/** The messages this service answers; the enrollment ones go to lib/governance. */
export type PopupMessage = Extract<PopupToBackground, { type: 'popup-status' | 'set-pause' }>;

const NO_SYNC: PopupStatus['sync'] = {
  configured: false,
  lastSuccessAt: null,
  failingSince: null,
  lastError: null,
  warn: false,
  deadLetters: 0,
};

export interface PopupService {
  /** The popup's view of a tab. */
  status(tabId: number): Promise<PopupStatus>;
  /** Pauses or resumes protection on a tab (see `setPause` in pause.ts for the rules). */
  setPause(tabId: number, paused: boolean): Promise<SetPauseAnswer>;
  /** Answers a message the popup gate accepted. */
  handle(message: PopupMessage): Promise<PopupStatus | SetPauseAnswer>;
  /** A frame reported its findings: follow the tab's top-frame page (see the contract). */
  pageReported(tabId: number, frameId: number, message: PageFindingsMessage): Promise<void>;
  /** The tab was closed: end its pause (recorded) and forget it. */
  forgetTab(tabId: number): Promise<void>;
}

/**
 * Contract:
 * - a tab's state changes in call order (pause switch, page reports, closing);
 * - the top frame loading a new page, or unloading, ends a pause with a `resume` event: the new
 *   document's masking script starts masked, so the log says when the pause ended;
 * - a report of a new path from the top frame (a single-page app's route) updates the page that
 *   a later pause is recorded against.
 *
 * @example
 *   const popup = createPopupService({ session: browser.storage.session, policy: currentPolicy,
 *     tell: (tabId, m) => messenger.sendMessage('backgroundToContent', m, tabId) });
 *   await popup.handle({ type: 'popup-status', tabId: 7 });
 */
export function createPopupService(deps: PopupDeps): PopupService {
  const { session } = deps;
  const enqueue = deps.enqueue ?? enqueueEvent;
  const queueLength = deps.queueLength ?? (async () => (await queueStatus()).length);
  const { countReveals } = deps;
  const now = deps.now ?? Date.now;
  const inOrder = serialByKey();

  /** Applies `next` to a tab's state, recording the end of a pause it ends. */
  const moveTo = async (tabId: number, before: TabState, next: TabState) => {
    if (before.paused && !next.paused && before.page) {
      await enqueue(pauseEvent(await deps.policy(), false, before.page)).catch((error: unknown) => {
        console.error('[custodian] end of a pause not recorded:', error);
      });
    }
    if (before.page !== next.page || before.paused !== next.paused) {
      await writeTabState(session, tabId, next);
    }
  };

  const status = async (tabId: number): Promise<PopupStatus> => {
    const [state, tab, counts, revealsToday, length, sync, governance] = await Promise.all([
      deps.policy(),
      readTabState(session, tabId),
      readTabCounts(session, tabId),
      countReveals(...localDay(now())),
      queueLength(),
      deps.sync?.() ?? NO_SYNC,
      deps.governance?.() ?? null,
    ]);
    return popupStatus({
      state,
      tab,
      counts,
      revealsToday,
      queueLength: length,
      sync,
      governance,
    });
  };

  const pause = (tabId: number, paused: boolean): Promise<SetPauseAnswer> =>
    inOrder(tabId, async () => {
      const before = await readTabState(session, tabId);
      const pauseDeps = {
        state: await deps.policy(),
        enqueue,
        tell: deps.tell,
        ...(deps.pauseBlocked ? { pauseBlocked: deps.pauseBlocked } : {}),
      };
      const { answer, tab } = await setPause(pauseDeps, tabId, before, paused);
      if (tab !== before) await writeTabState(session, tabId, tab);
      return answer;
    });

  return {
    status,
    setPause: pause,
    handle: (message) =>
      message.type === 'popup-status'
        ? status(message.tabId)
        : pause(message.tabId, message.paused),

    pageReported(tabId, frameId, message) {
      if (frameId !== 0) return Promise.resolve();
      return inOrder(tabId, async () => {
        const before = await readTabState(session, tabId);
        const page = message.page ?? null;
        if (message.trigger === 'load' || message.trigger === 'unload') {
          const next = message.trigger === 'load' ? { page, paused: false } : NO_TAB_STATE;
          await moveTo(tabId, before, next);
        } else if (
          page &&
          (before.page?.origin !== page.origin || before.page.path !== page.path)
        ) {
          await moveTo(tabId, before, { ...before, page });
        }
      });
    },

    forgetTab: (tabId) =>
      inOrder(tabId, async () => moveTo(tabId, await readTabState(session, tabId), NO_TAB_STATE)),
  };
}
