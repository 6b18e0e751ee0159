// "A 10,000-row table inserted in one go is fully masked by the next animation frame, adding
// ≤ 100 ms to that frame": bench-table.html inserts the rows with and without the extension, in
// alternating runs, and times the frame (see `window.insertRows` in that page for what each
// figure spans).
import type { Page } from '@playwright/test';
import { collectGarbage, MODES, sleep, type Browsers, type Mode } from './browser';
import { TABLE_ROWS, TABLE_RUNS, TABLE_VERIFY_RUNS } from './config';
import { checkTableValues, type FixtureProblems } from './fixture-check';

/** What `window.insertRows` resolves to (bench-table.html). */
export interface TableFrame {
  rows: number;
  piiValues: number;
  decoyCells: number;
  appendMs: number;
  rafMs: number;
  paintedMs: number;
  longFrameMs: number | null;
  rawVisible: number | null;
  decoysVisible: number | null;
}

interface BenchTableWindow {
  insertRows(n: number, options: { verify: boolean }): Promise<TableFrame>;
  tableValues(n: number): string[][];
}

export interface TableBench {
  timed: Record<Mode, TableFrame[]>;
  verified: Record<Mode, TableFrame[]>;
  fixture: FixtureProblems;
}

async function insertOnce(page: Page, url: string, verify: boolean): Promise<TableFrame> {
  await page.goto(url, { waitUntil: 'load' });
  // A collection now, not in the middle of the measured frame; then let the page go idle.
  const cdp = await page.context().newCDPSession(page);
  await collectGarbage(cdp);
  await cdp.detach();
  await sleep(100);
  return page.evaluate(
    ({ rows, verify }) =>
      (window as unknown as BenchTableWindow).insertRows(rows, { verify: verify }),
    { rows: TABLE_ROWS, verify },
  );
}

export async function benchTableFrame(
  browsers: Browsers,
  demoUrl: string,
  progress: (message: string) => void,
): Promise<TableBench> {
  const url = `${demoUrl}bench-table.html`;
  const timed: Record<Mode, TableFrame[]> = { with: [], without: [] };
  const verified: Record<Mode, TableFrame[]> = { with: [], without: [] };

  const page = browsers.page.without;
  await page.goto(url, { waitUntil: 'load' });
  const values = await page.evaluate(
    (rows) => (window as unknown as BenchTableWindow).tableValues(rows),
    TABLE_ROWS,
  );
  const fixture = checkTableValues(values);

  for (let run = 0; run < TABLE_RUNS; run++) {
    progress(`${TABLE_ROWS}-row table, timed run ${run + 1} of ${TABLE_RUNS} in each browser`);
    // Alternate which browser goes first, so a drift in machine load falls on both alike.
    const order = run % 2 === 0 ? MODES : [...MODES].reverse();
    for (const mode of order) timed[mode].push(await insertOnce(browsers.page[mode], url, false));
  }
  for (let run = 0; run < TABLE_VERIFY_RUNS; run++) {
    progress(`${TABLE_ROWS}-row table, raw values at the next frame, run ${run + 1}`);
    for (const mode of MODES) verified[mode].push(await insertOnce(browsers.page[mode], url, true));
  }
  return { timed, verified, fixture };
}
