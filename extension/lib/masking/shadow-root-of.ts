// A host's shadow root whether the page made it open or closed: a closed root hides its text
// from page scripts, not from staff looking at the screen, so it is masked like any other.
import { browser } from 'wxt/browser';

/** Firefox gives content scripts this property on their view of an element. */
type FirefoxElement = Element & { openOrClosedShadowRoot?: ShadowRoot | null };

/**
 * The open or closed shadow root of `el`, or null. Chromium: `chrome.dom.openOrClosedShadowRoot`
 * (content scripts only); Firefox: `element.openOrClosedShadowRoot`.
 */
export function shadowRootOf(el: Element): ShadowRoot | null {
  if (el.shadowRoot) return el.shadowRoot;
  const firefox = (el as FirefoxElement).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  if (!(el instanceof HTMLElement)) return null;
  return browser.dom?.openOrClosedShadowRoot(el) ?? null;
}
