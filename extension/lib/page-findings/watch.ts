// Keeps a document's finding counts current: counts on load, then again after the page changes.
import type { FindingCounts, ReportTrigger } from '../../../shared/schema';
import { RECOUNT_DELAY_MS } from '../config';
import { sameCounts } from './count';

export interface WatchOptions {
  /** Counts the page's findings now (the masker's count of what it masked). */
  count: () => FindingCounts;
  /**
   * Tells the watch when the page changed: the masker's change notifications, so the page is
   * observed once, not twice.
   */
  subscribe: (onChange: () => void) => () => void;
  /** How long DOM changes are folded together before one recount. */
  delayMs?: number;
  /**
   * Where the page is now (its URL): when it differs at a recount from the last one reported, a
   * single-page app changed route, which is a new view, reported even if the counts are the same.
   */
  route?: () => string;
}

/** Receives a frame's counts, why they are sent, and which view of the document they are of. */
export type Report = (counts: FindingCounts, trigger: ReportTrigger, view: number) => void;

export interface PageFindingsWatch {
  /** Recounts at once and reports, changed or not (the background asked). */
  recountNow(): void;
  /** Stops watching; no report follows. */
  stop(): void;
}

/**
 * Reports the counts of `doc` through `report`, starting at once. Contract:
 * - `load`: sent first, even when nothing is found (so the receiver can say "none"), and again
 *   when the page is restored from the back/forward cache;
 * - `change`: after DOM changes (nodes added or removed, text edited), one recount runs `delayMs`
 *   after the first change, folding in the changes during the wait, so a page that never stops
 *   changing is still recounted every `delayMs`; it is sent only when a count changed or the
 *   route did (`route`), the latter with the next view number (0 at load);
 * - `request`: sent by `recountNow()`;
 * - `unload`: empty counts when the page is hidden for good or put in the cache; nothing is sent
 *   from then until it is shown again.
 * The masker's own writes cause a recount too, but its counts are unchanged, so nothing is sent.
 *
 * @example
 *   const watch = watchPageFindings(document, (counts, trigger) => send({ counts, trigger }), {
 *     count: () => masker.counts(),
 *     subscribe: (onChange) => masker.onChange(onChange),
 *   });
 */
export function watchPageFindings(
  doc: Document,
  report: Report,
  options: WatchOptions,
): PageFindingsWatch {
  const { count, delayMs = RECOUNT_DELAY_MS, route } = options;
  const view = doc.defaultView;
  let last: FindingCounts = {};
  let viewNumber = 0;
  let lastRoute = route?.();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let active = true; // False while the page is hidden (pagehide) and after stop().
  let stopped = false;

  const cancelTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const recount = (trigger: ReportTrigger) => {
    cancelTimer();
    if (!active) return;
    const counts = count();
    const now = route?.();
    const moved = now !== lastRoute;
    if (moved) {
      lastRoute = now;
      viewNumber++;
    }
    if (trigger !== 'change' || moved || !sameCounts(counts, last)) {
      last = counts;
      report(counts, trigger, viewNumber);
    }
  };

  const onChange = () => {
    if (active) timer ??= setTimeout(() => recount('change'), delayMs);
  };
  const unsubscribe = options.subscribe(onChange);

  const onPageHide = () => {
    if (!active) return;
    cancelTimer();
    active = false;
    last = {};
    report(last, 'unload', viewNumber);
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted || stopped) return; // The first pageshow comes with the load report below.
    active = true;
    recount('load');
  };
  view?.addEventListener('pagehide', onPageHide);
  view?.addEventListener('pageshow', onPageShow);

  recount('load');

  return {
    recountNow: () => recount('request'),
    stop() {
      stopped = true;
      active = false;
      cancelTimer();
      unsubscribe();
      view?.removeEventListener('pagehide', onPageHide);
      view?.removeEventListener('pageshow', onPageShow);
    },
  };
}
