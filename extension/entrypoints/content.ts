// Masking content script (document_start, every frame): masks customer PII before it is painted,
// applies the policy's site rules, reports counts for the badge and page-view events, handles
// reveals and pauses. Wiring only; the logic is in lib/masking, lib/reveal and lib/page-findings,
// and what it receives is checked by lib/content-gates.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
// Module by module, not through the folders' indexes, which also hold background code and zod:
// at document_start every kilobyte of this bundle delays the page (see content-gates).
import { pagePolicy, type PagePolicy } from '../../shared/policy/decide';
import type { PageRef } from '../../shared/schema';
import {
  acceptBackgroundMessageInContent,
  contentMessenger as messenger,
  parseRevealAnswer,
  readPolicyStateInContent as readPolicyState,
} from '../lib/content-gates';
import { createMasker, holdPaint, POLICY_WAIT_MS, shadowRootOf, type Masker } from '../lib/masking';
import { watchPageFindings, type PageFindingsWatch } from '../lib/page-findings';
import { EFFECTIVE_KEY } from '../lib/policy/effective-key';
import { watchReveals } from '../lib/reveal/controller';
import { showToast } from '../lib/reveal/toast';
import { showWatermark } from '../lib/watermark/watermark';

/** about:blank and srcdoc frames belong to the page that made them: judge them by its URL. */
const effectiveUrl = () => (location.protocol === 'about:' ? document.baseURI : location.href);

function pageRef(): PageRef {
  const url = new URL(effectiveUrl());
  const path = location.protocol === 'about:' ? `/${location.href}` : url.pathname;
  return { origin: url.origin, path };
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main(ctx) {
    // Mask from the first node on with the engine alone (fail closed); the policy, read
    // asynchronously, then adds site rules or, for an unprotected page, undoes the masking.
    const releasePaint = holdPaint(document, POLICY_WAIT_MS);
    let masker: Masker | undefined = createMasker(document, shadowRootOf);
    /** Shows the page once the masker in use has masked the parsed document (at once if none). */
    const release = () => (masker ? masker.whenMasked(releasePaint) : releasePaint());
    let page: PagePolicy | undefined;
    let paused = false;
    const stops: (() => void)[] = [() => masker?.stop()];
    ctx.onInvalidated(() => stops.forEach((stop) => stop()));

    /** Told when the masker is replaced (pause, resume), so subscribers follow it. */
    const maskerListeners = new Set<(next: Masker | undefined) => void>();
    /** Masks again with the current policy (after a pause, or when a policy protects the page). */
    const protect = () => {
      if (!masker) {
        masker = createMasker(document, shadowRootOf);
        for (const listener of maskerListeners) listener(masker);
      }
      if (page) masker.setRules(page.selectors);
    };
    const unprotect = () => {
      masker?.unmaskAll();
      masker = undefined;
      for (const listener of maskerListeners) listener(undefined);
    };

    readPolicyState().then(
      (state) => {
        page = pagePolicy(state.policy, effectiveUrl());
        if (!page.protected) {
          unprotect();
          release();
          return;
        }
        protect();
        release();
        startReporting();
        // One watermark per tab: frames sit inside the top page's.
        if (page.watermark && window === window.top) {
          const staffId = state.staff?.staffId ?? state.identity?.staffId ?? null;
          stops.push(showWatermark(document, staffId));
        }
        // A new policy while the page is open: new site rules apply at once; a page the new
        // policy no longer protects keeps its masking until it is reloaded (failing closed).
        const onChanged = (changes: Record<string, unknown>, area: string) => {
          if (area !== 'local' || !(EFFECTIVE_KEY in changes)) return;
          void readPolicyState().then((next) => {
            const nextPage = pagePolicy(next.policy, effectiveUrl());
            if (!nextPage.protected) return;
            page = nextPage;
            if (!paused) protect();
          });
        };
        browser.storage.onChanged.addListener(onChanged);
        stops.push(() => browser.storage.onChanged.removeListener(onChanged));
      },
      (error: unknown) => {
        console.warn('[custodian] policy unreadable; masking with the engine alone:', error);
        release();
        startReporting();
      },
    );

    function startReporting(): void {
      let watch: PageFindingsWatch | undefined;
      const start = () => {
        watch = watchPageFindings(
          document,
          (counts, trigger, view) => {
            messenger
              .sendMessage('contentToBackground', {
                type: 'page-findings',
                trigger,
                counts,
                page: pageRef(),
                view,
              })
              .catch(() => {
                // The extension was reloaded or updated under this page: this script is orphaned,
                // and the new version's content script reports when the page is next loaded.
              });
          },
          {
            count: () => masker?.counts() ?? {},
            // A single-page app's route change (history or hash) is a new view of customer data.
            route: effectiveUrl,
            // Follows the masker in use now: a pause drops it, a resume makes a new one.
            subscribe: (onChange) => {
              let off = masker?.onChange(onChange);
              const swap = (next: Masker | undefined) => {
                off?.();
                off = next?.onChange(onChange);
              };
              maskerListeners.add(swap);
              return () => {
                off?.();
                maskerListeners.delete(swap);
              };
            },
          },
        );
        stops.push(() => watch?.stop());
      };
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start, { once: true });
      } else start();

      // Leaving a page ends its pause (the background logs the resume): a page restored from
      // the back/forward cache comes back protected.
      const onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted && paused) {
          paused = false;
          protect();
        }
      };
      window.addEventListener('pageshow', onPageShow);
      stops.push(() => window.removeEventListener('pageshow', onPageShow));

      stops.push(
        messenger.onMessage('backgroundToContent', ({ data, sender }) => {
          const verdict = acceptBackgroundMessageInContent(data, sender, browser.runtime.id);
          if (!verdict.ok) return;
          const message = verdict.value;
          switch (message.type) {
            case 'recount':
              watch?.recountNow();
              return;
            case 'set-paused':
              paused = message.paused;
              if (paused) unprotect();
              else protect();
              watch?.recountNow();
              return;
          }
        }),
        watchReveals({
          doc: document,
          text: () => masker?.text,
          page: pageRef,
          notify: (message) => showToast(document, message),
          ask: async (request) =>
            parseRevealAnswer(await messenger.sendMessage('contentToBackground', request)),
        }),
      );
    }
  },
});
