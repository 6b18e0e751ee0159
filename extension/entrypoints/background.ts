// Background service worker: wires the extension's features together (features live in extension/lib/).
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { createTabBadges } from '../lib/badge';
import { acceptContentMessage, messenger } from '../lib/messaging';

export default defineBackground(() => {
  const badges = createTabBadges(browser.action, browser.storage.session);

  messenger.onMessage('contentToBackground', async ({ data, sender }) => {
    const verdict = acceptContentMessage(data, sender, browser.runtime.id);
    if (!verdict.ok) {
      console.warn(`[custodian] dropped a message: ${verdict.reason}`);
      return;
    }
    const { tabId, frameId, message } = verdict.value;
    switch (message.type) {
      case 'page-findings': {
        const askOtherFrames = await badges.report(tabId, frameId, message.counts, message.trigger);
        if (askOtherFrames) {
          messenger.sendMessage('backgroundToContent', { type: 'recount' }, tabId).catch(() => {
            // No frame answered (the tab navigated again or closed): the next load report starts over.
          });
        }
        return;
      }
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    badges.forget(tabId).catch((err: unknown) => console.warn('[custodian] forget tab', err));
  });
});
