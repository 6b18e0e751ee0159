// "No frame is ever painted with a raw value": each demo page that carries the paint probe
// (test/fixtures/pages/paint-probe.js) is loaded and driven through its updates in both browsers,
// and the probe's counts are collected. Without the extension the same run shows the probe sees
// raw values, and checks the pages' declared values against the PII engine.
import type { Page } from '@playwright/test';
import { MODES, sleep, type Browsers, type Mode } from './browser';
import { LIVE_TICK_MS, LIVE_WATCH_MS, PROBE_SETTLE_MS, READY_TIMEOUT_MS } from './config';
import { checkProbeTexts, type DeclaredValues, type FixtureProblems } from './fixture-check';

/** What `window.paintProbe.report()` returns (paint-probe.js). */
export interface ProbeReport {
  url: string;
  tampered: boolean;
  frames: number;
  dirtyFrames: number;
  ruleDirtyFrames: number;
  dirtyWhere: Record<'text' | 'shadow' | 'iframe' | 'field' | 'attribute', number>;
  firstDirtyMs: number | null;
  readableAttributes: number;
  /** Readable attributes holding a raw value, by attribute (`title`, `button value` …). */
  readableWhere: Record<string, number>;
  /** Indices into the declared `engine` list of values seen in a painted frame / an attribute. */
  dirtyEngine: number[];
  readableEngine: number[];
  engineValues: number;
  ruleValues: number;
  decoys: number;
  unseenEngine: number[];
  unseenRule: number[];
  unseenDecoys: number[];
  errors: number;
  lastError: string | null;
}

interface ProbeWindow {
  paintProbe?: {
    report(): ProbeReport;
    declared(): DeclaredValues;
    texts(): string[];
  };
  spaRun(count: number): Promise<void>;
}

interface ProbePage {
  /** Shown in the report. */
  name: string;
  /** Relative to /demo/. */
  path: string;
  /** The page's updates, driven as a person would (or waited for); then PROBE_SETTLE_MS. */
  act?(page: Page): Promise<void>;
}

const ready = { timeout: READY_TIMEOUT_MS };

/** Every page with the probe, and what makes it change after load. */
export const PROBE_PAGES: readonly ProbePage[] = [
  {
    name: 'customer list (late rows, click)',
    path: 'index.html',
    async act(page) {
      await page.locator('body[data-loaded="true"]').waitFor({ state: 'attached', ...ready });
      await page.click('#add-customer');
      await page.locator('#customers tbody tr:nth-child(7)').waitFor({ state: 'attached' });
    },
  },
  { name: 'customer detail and form', path: 'customer.html' },
  {
    name: 'form submitted (echo page)',
    path: 'customer.html',
    async act(page) {
      await Promise.all([page.waitForURL(/submitted\.html\?/, ready), page.click('#save')]);
    },
  },
  {
    name: 'live updates',
    path: `live.html?tick=${LIVE_TICK_MS}`,
    act: () => sleep(LIVE_WATCH_MS),
  },
  {
    name: 'shadow DOM components',
    path: 'components.html',
    async act(page) {
      await page
        .locator('body[data-contact-updated="true"]')
        .waitFor({ state: 'attached', ...ready });
      await page.click('#show-account');
    },
  },
  {
    name: 'frames (src, about:blank, srcdoc)',
    path: 'frames.html',
    async act(page) {
      await page.frameLocator('#profile-frame').locator('dl').waitFor(ready);
    },
  },
  {
    name: 'ticket with profile iframe',
    path: 'ticket.html',
    async act(page) {
      await page.frameLocator('iframe').locator('dl').waitFor(ready);
    },
  },
  {
    name: 'SPA, every route',
    path: 'spa.html#/customers/0',
    async act(page) {
      await page.evaluate(() => (window as unknown as ProbeWindow).spaRun(12));
    },
  },
];

export interface ProbeRun {
  name: string;
  report: Record<Mode, ProbeReport>;
  declared: DeclaredValues;
  /** Declared values against the engine, on the texts the page shows without the extension. */
  fixture: FixtureProblems;
}

async function probeOnce(page: Page, url: string, probe: ProbePage) {
  await page.goto(url, { waitUntil: 'load' });
  if (probe.act) await probe.act(page);
  await sleep(PROBE_SETTLE_MS);
  return page.evaluate(() => {
    const found = (window as unknown as ProbeWindow).paintProbe;
    if (!found) throw new Error(`no paint probe on ${location.pathname}`);
    return { report: found.report(), declared: found.declared(), texts: found.texts() };
  });
}

export async function benchPaintProbe(
  browsers: Browsers,
  demoUrl: string,
  progress: (message: string) => void,
): Promise<ProbeRun[]> {
  const runs: ProbeRun[] = [];
  for (const probe of PROBE_PAGES) {
    progress(`paint probe: ${probe.name}`);
    const report = {} as Record<Mode, ProbeReport>;
    let fixture: FixtureProblems | undefined;
    let declared: DeclaredValues | undefined;
    for (const mode of MODES) {
      const result = await probeOnce(browsers.page[mode], `${demoUrl}${probe.path}`, probe);
      report[mode] = result.report;
      if (mode === 'without') {
        declared = result.declared;
        fixture = checkProbeTexts(result.declared, result.texts);
      }
    }
    runs.push({ name: probe.name, report, declared: declared!, fixture: fixture! });
  }
  return runs;
}
