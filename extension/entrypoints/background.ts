// Background service worker: wires the extension's features together (features live in extension/lib/).
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { countReveal, createPageViewLog, revealsOn, valueHash } from '../lib/audit';
import { createTabBadges } from '../lib/badge';
import { PIN_KEYS, pinsOf } from '../lib/enrollment';
import { createGovernance } from '../lib/governance';
import { acceptContentMessage, acceptPopupMessage, messenger } from '../lib/messaging';
import { createPolicyPublisher, EFFECTIVE_KEY, POLICY_INPUT_KEYS } from '../lib/policy';
import { readManagedStorage } from '../lib/policy/managed';
import { createPopupService } from '../lib/popup';
import { enqueueEvent, onEnqueued, readBatch, settleBatch } from '../lib/queue';
import { authorizeReveal, type RevealDeps } from '../lib/reveal';
import { popupSyncState, readSyncSettings, startSyncScheduler } from '../lib/sync';

export default defineBackground(() => {
  const badges = createTabBadges(browser.action, browser.storage.session);

  // The queue drains to the audit service; new events are sent soon after they are stored.
  const sync = startSyncScheduler({
    readBatch,
    settleBatch,
    fetch: (input, init) => fetch(input, init),
  });
  onEnqueued(() => sync.kick());

  // Enrollment, unlock, the staff status and the signed policy (issue 6).
  const governance = createGovernance({
    fetch: (input, init) => fetch(input, init),
    local: browser.storage.local,
    session: browser.storage.session,
    pins: async () => {
      const read = await readManagedStorage(Object.values(PIN_KEYS));
      return read.available ? pinsOf(read.values) : null;
    },
    settings: readSyncSettings,
    runSync: () => sync.runNow(),
    now: Date.now,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
  });
  governance.start(browser.alarms);
  const pageViews = createPageViewLog((at) => governance.viewRecorded(at));

  // The policy in force, re-read whenever an administrator or the options page changes it.
  const policy = createPolicyPublisher();
  const currentPolicy = () => policy.current();
  browser.storage.onChanged.addListener((changes, area) => {
    if (
      area === 'managed' ||
      (area === 'local' && Object.keys(changes).some((k) => POLICY_INPUT_KEYS.includes(k)))
    ) {
      policy.refresh();
    } else if (
      area === 'local' &&
      EFFECTIVE_KEY in changes &&
      changes[EFFECTIVE_KEY]?.newValue === undefined
    ) {
      policy.refresh(); // Someone cleared extension storage: publish again.
    }
  });

  const popup = createPopupService({
    session: browser.storage.session,
    policy: currentPolicy,
    sync: () => popupSyncState(),
    // Counted apart from the queue: synced events leave it.
    countReveals: (from) => revealsOn(from),
    tell: async (tabId, message) => {
      await messenger.sendMessage('backgroundToContent', message, tabId);
    },
    governance: () => governance.view(),
    pauseBlocked: () => governance.pauseBlocked(),
  });

  const revealDeps: RevealDeps = {
    ...governance.reveal,
    enqueue: (event) => enqueueEvent(event),
    valueHash: (request) => valueHash(request.piiType, request.value),
    countReveal: () => countReveal(),
    now: Date.now,
  };

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
        popup.pageReported(tabId, frameId, message).catch((error: unknown) => {
          console.error('[custodian] tab state for the popup not updated:', error);
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
        return authorizeReveal(revealDeps, await currentPolicy(), message);
    }
  });

  messenger.onMessage('popupToBackground', ({ data, sender }) => {
    const verdict = acceptPopupMessage(
      data,
      sender,
      browser.runtime.id,
      browser.runtime.getURL('/'),
    );
    if (!verdict.ok) {
      console.warn(`[custodian] dropped a popup message: ${verdict.reason}`);
      throw new Error(`Message refused: ${verdict.reason}`);
    }
    const message = verdict.value;
    return message.type === 'popup-status' || message.type === 'set-pause'
      ? popup.handle(message)
      : governance.handle(message);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    pageViews.forgetTab(tabId);
    popup.forgetTab(tabId).catch((err: unknown) => console.warn('[custodian] forget tab', err));
    badges.forget(tabId).catch((err: unknown) => console.warn('[custodian] forget tab', err));
  });
});
