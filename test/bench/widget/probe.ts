// Runs in the shop page before any of its scripts (Playwright init script): records the window's
// own names, the page's style sheets, layout shifts, and the first animation frame in which the
// widget's dialog is on screen, so the suite can check the "no global, no CSS, no shift".
// Plain JavaScript in a string: it runs in the page, not through tsx.
export const PROBE_SCRIPT = `(() => {
  const probe = { names: Object.getOwnPropertyNames(window), shift: 0, shownAt: null };
  Object.defineProperty(window, '__widgetProbe', { value: probe, enumerable: false });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) probe.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const look = () => {
    for (const el of document.body ? document.body.children : []) {
      const dialog = el.shadowRoot && el.shadowRoot.querySelector('[role="dialog"]');
      if (dialog && dialog.getBoundingClientRect().height > 0) {
        probe.shownAt = performance.now();
        // Told through the console: a waitForFunction poll would inject Playwright's helper
        // script into the page while the widget starts, and time that too.
        console.debug('custodian-probe:shown');
        return;
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

/** What the probe saw, read back after the notice showed. */
export interface ProbeReport {
  /** Script start, from the widget's `custodian-consent:start` performance mark. */
  startAt: number | null;
  /** The first frame with the dialog laid out. */
  shownAt: number | null;
  shift: number;
  /** Window properties the page did not have before (the widget may add CustodianConsent only). */
  newNames: string[];
  /** Style sheets and <style>/<link rel=stylesheet> of the document itself. */
  documentSheets: number;
  adoptedSheets: number;
}

export const READ_PROBE = `(() => {
  const probe = window.__widgetProbe;
  const mark = performance.getEntriesByName('custodian-consent:start')[0];
  const before = new Set(probe.names);
  return {
    startAt: mark ? mark.startTime : null,
    shownAt: probe.shownAt,
    shift: probe.shift,
    newNames: Object.getOwnPropertyNames(window).filter((n) => !before.has(n) && n !== '__widgetProbe'),
    documentSheets: document.styleSheets.length,
    adoptedSheets: document.adoptedStyleSheets.length,
  };
})()`;
