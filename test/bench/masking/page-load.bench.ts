// "≤ 5 ms added to the load of a page with no PII": no-pii.html loaded many times in each browser,
// alternating, timed by the page's own Navigation Timing entry.
import type { Page } from '@playwright/test';
import { MODES, type Browsers, type Mode } from './browser';
import { LOAD_RUNS, LOAD_WARMUP } from './config';

/** From the navigation's start (startTime, 0) to the end of each event's handlers, in ms. */
export interface LoadTiming {
  domContentLoadedMs: number;
  loadMs: number;
}

async function loadOnce(page: Page, url: string): Promise<LoadTiming> {
  await page.goto(url, { waitUntil: 'load' });
  // `load` is reported as the event fires; loadEventEnd is set once its handlers have run. (No
  // named helpers in here: tsx would wrap them in a __name() the page does not have.)
  return page.evaluate(async () => {
    for (;;) {
      const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      if (entry && entry.loadEventEnd > 0) {
        return {
          domContentLoadedMs: entry.domContentLoadedEventEnd - entry.startTime,
          loadMs: entry.loadEventEnd - entry.startTime,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
}

export async function benchPageLoad(
  browsers: Browsers,
  demoUrl: string,
  progress: (message: string) => void,
): Promise<Record<Mode, LoadTiming[]>> {
  const url = `${demoUrl}no-pii.html`;
  const timings: Record<Mode, LoadTiming[]> = { with: [], without: [] };
  progress(`no-PII page: ${LOAD_WARMUP} untimed and ${LOAD_RUNS} timed loads in each browser`);
  for (let run = 0; run < LOAD_WARMUP + LOAD_RUNS; run++) {
    const order = run % 2 === 0 ? MODES : [...MODES].reverse();
    for (const mode of order) {
      const timing = await loadOnce(browsers.page[mode], url);
      if (run >= LOAD_WARMUP) timings[mode].push(timing);
    }
  }
  return timings;
}
