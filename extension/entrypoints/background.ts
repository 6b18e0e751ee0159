// Background service worker: wires the extension's features together (features live in extension/lib/).
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { createPageViewLog } from '../lib/audit';
import { createTabBadges } from '../lib/badge';
import { acceptContentMessage, messenger } from '../lib/messaging';
import { EFFECTIVE_KEY, LOCAL_KEYS, publishPolicyState, type PolicyState } from '../lib/policy';
import { authorizeReveal } from '../lib/reveal';

export default defineBackground(() => {
  const badges = createTabBadges(browser.action, browser.storage.session);
  const pageViews = createPageViewLog();

  // The policy in force, re-read whenever an administrator or the options page changes it.
  let policyState: Promise<PolicyState> = publishPolicyState();
  const currentPolicy = () => policyState;
  browser.storage.onChanged.addListener((changes, area) => {
    const watched: readonly string[] = Object.values(LOCAL_KEYS);
    if (
      area === 'managed' ||
      (area === 'local' && Object.keys(changes).some((k) => watched.includes(k)))
    ) {
      policyState = publishPolicyState();
    } else if (
      area === 'local' &&
      EFFECTIVE_KEY in changes &&
      changes[EFFECTIVE_KEY]?.newValue === undefined
    ) {
      policyState = publishPolicyState(); // Someone cleared extension storage: publish again.
    }
  });

  messenger.onMessage('contentToBackground', async ({ data, sender }) => {
    const verdict = acceptContentMessage(data, sender, browser.runtime.id);
    if (!verdict.ok) {
      console.warn(`[custodian] dropped a message: ${verdict.reason}`);
      return undefined;
    }
    const { tabId, frameId, message } = verdict.value;
    switch (message.type) {
      case 'page-findings': {
        pageViews.report(tabId, frameId, message, currentPolicy).catch((error: unknown) => {
          console.error('[custodian] page view not recorded:', error);
        });
        const askOtherFrames = await badges.report(tabId, frameId, message.counts, message.trigger);
        if (askOtherFrames) {
          messenger.sendMessage('backgroundToContent', { type: 'recount' }, tabId).catch(() => {
            // No frame answered (the tab navigated again or closed): the next load report starts over.
          });
        }
        return undefined;
      }
      case 'reveal-request':
        return authorizeReveal(await policyState, message);
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    pageViews.forgetTab(tabId);
    badges.forget(tabId).catch((err: unknown) => console.warn('[custodian] forget tab', err));
  });
});
