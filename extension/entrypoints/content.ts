// Content script: counts the customer information each frame shows and reports it to the
// background, which shows it on the action badge. Wiring only; the logic is in lib/page-findings.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { acceptBackgroundMessage, messenger } from '../lib/messaging';
import { watchPageFindings } from '../lib/page-findings';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: true,
  main(ctx) {
    const watch = watchPageFindings(document, (counts, trigger) => {
      messenger
        .sendMessage('contentToBackground', { type: 'page-findings', trigger, counts })
        .catch(() => {
          // The extension was reloaded or updated under this page: this script is orphaned, and
          // the new version's content script reports when the page is next loaded.
        });
    });

    const stopListening = messenger.onMessage('backgroundToContent', ({ data, sender }) => {
      const verdict = acceptBackgroundMessage(data, sender, browser.runtime.id);
      if (!verdict.ok) return;
      switch (verdict.value.type) {
        case 'recount':
          watch.recountNow();
          return;
      }
    });

    ctx.onInvalidated(() => {
      watch.stop();
      stopListening();
    });
  },
});
