// Main-world script (document_start, every frame): tells the masking content script about what it
// cannot observe from its isolated world, by events on the element concerned:
// - a shadow root, open or closed, attached by a page script (MutationObserver does not see into
//   new shadow roots; Dark Reader hooks attachShadow the same way);
// - a field value set by a script (`input.value = …` fires no event and no mutation).
// It reads nothing and sends nothing else; it runs before any page script.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { FIELD_VALUE_EVENT, SHADOW_FLUSH_EVENT, SHADOW_ROOT_EVENT } from '../lib/masking/constants';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  world: 'MAIN',
  main() {
    const notify = (target: EventTarget, type: string) =>
      target.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));

    // Hosts whose root was attached while they were in no document: the report would not reach
    // the window. Weak, so a component that is never added is not kept.
    const detached = new Set<WeakRef<Element>>();
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
      const root = attachShadow.call(this, init);
      // Closed roots too: the masker reads them through its extension API (the event, sent on
      // the host, tells the page nothing it did not know).
      if (this.isConnected) notify(this, SHADOW_ROOT_EVENT);
      else detached.add(new WeakRef(this));
      return root;
    };
    // The masker asks after each batch of added nodes: report the hosts that are in the page now.
    window.addEventListener(
      SHADOW_FLUSH_EVENT,
      () => {
        for (const ref of detached) {
          const host = ref.deref();
          if (!host) detached.delete(ref);
          else if (host.isConnected) {
            detached.delete(ref);
            notify(host, SHADOW_ROOT_EVENT);
          }
        }
      },
      true,
    );

    for (const proto of [HTMLInputElement.prototype, HTMLTextAreaElement.prototype]) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
      const set = descriptor?.set;
      if (!descriptor || !set) continue;
      Object.defineProperty(proto, 'value', {
        ...descriptor,
        set(this: HTMLInputElement | HTMLTextAreaElement, value: string) {
          set.call(this, value);
          if (this.isConnected) notify(this, FIELD_VALUE_EVENT);
        },
      });
    }
  },
});
