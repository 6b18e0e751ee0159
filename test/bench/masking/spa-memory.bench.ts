// "No memory growth over 1,000 SPA route changes": spa.html (paint probe off) routed 1,000 times in
// each browser; the renderer's heap and DOM counters after forced GC, before and after. Also checks
// the premise that the heap reading covers the content script's isolated world.
import type { CDPSession, Page } from '@playwright/test';
import {
  collectGarbage,
  MODES,
  readHeap,
  type Browsers,
  type HeapReading,
  type Mode,
} from './browser';
import { BALLAST_OBJECTS, SPA_ROUTES, SPA_WARMUP_ROUTES } from './config';

interface SpaWindow {
  spaRun(count: number): Promise<void>;
}

export interface SpaMemory {
  before: HeapReading;
  after: HeapReading;
}

/**
 * The same ballast allocated in an isolated world (the kind a content script runs in) and in the
 * page's main world: how much each raised the isolate's heap reading, and whether the isolated
 * world's global was invisible to the page (it is a separate world, not the same one).
 */
export interface IsolatedWorldCheck {
  isolatedGrowthBytes: number;
  mainGrowthBytes: number;
  separateGlobals: boolean;
}

const routeChanges = (page: Page, count: number): Promise<void> =>
  page.evaluate((n) => (window as unknown as SpaWindow).spaRun(n), count);

async function measure(page: Page, url: string): Promise<SpaMemory> {
  await page.goto(url, { waitUntil: 'load' });
  const cdp = await page.context().newCDPSession(page);
  try {
    await routeChanges(page, SPA_WARMUP_ROUTES);
    await collectGarbage(cdp);
    const before = await readHeap(cdp);
    await routeChanges(page, SPA_ROUTES);
    await collectGarbage(cdp);
    const after = await readHeap(cdp);
    return { before, after };
  } finally {
    await cdp.detach();
  }
}

const BALLAST = `globalThis.__benchBallast = Array.from({ length: ${BALLAST_OBJECTS} }, (_, i) => ({ i, s: 'ballast-' + i })); 0`;

async function heapAfter(cdp: CDPSession, expression: string, contextId?: number): Promise<number> {
  const result = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    ...(contextId === undefined ? {} : { contextId }),
  });
  if (result.exceptionDetails) throw new Error(`ballast: ${result.exceptionDetails.text}`);
  await collectGarbage(cdp);
  return (await readHeap(cdp)).jsUsedBytes;
}

/** Run on a page already loaded (spa.html): an isolated world of its own, then the main world. */
async function checkIsolatedWorld(page: Page): Promise<IsolatedWorldCheck> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'custodian-bench-ballast',
    });
    await collectGarbage(cdp);
    const start = (await readHeap(cdp)).jsUsedBytes;
    const afterIsolated = await heapAfter(cdp, BALLAST, executionContextId);
    const seen = await cdp.send('Runtime.evaluate', {
      expression: 'typeof globalThis.__benchBallast',
      returnByValue: true,
    });
    const afterMain = await heapAfter(cdp, BALLAST);
    // Let the page's copy go, so later measurements on this page start clean.
    await heapAfter(cdp, 'delete globalThis.__benchBallast');
    return {
      isolatedGrowthBytes: afterIsolated - start,
      mainGrowthBytes: afterMain - afterIsolated,
      separateGlobals: seen.result.value === 'undefined',
    };
  } finally {
    await cdp.detach();
  }
}

export interface SpaBench {
  memory: Record<Mode, SpaMemory>;
  isolatedWorld: IsolatedWorldCheck;
}

export async function benchSpaMemory(
  browsers: Browsers,
  demoUrl: string,
  progress: (message: string) => void,
): Promise<SpaBench> {
  const url = `${demoUrl}spa.html?probe=off#/customers/0`;
  const memory = {} as Record<Mode, SpaMemory>;
  for (const mode of MODES) {
    progress(`SPA: ${SPA_WARMUP_ROUTES} + ${SPA_ROUTES} route changes ${mode} the extension`);
    memory[mode] = await measure(browsers.page[mode], url);
  }
  progress('SPA: does the heap reading see an isolated world?');
  const isolatedWorld = await checkIsolatedWorld(browsers.page.without);
  return { memory, isolatedWorld };
}
