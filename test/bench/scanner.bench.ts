// Throughput of our PII engine's `scan()` on a feed: text nodes one by one, or one long string.
import { scan } from '../../shared/pii';
import { SCANNER_RUNS, WARMUP_RUNS } from './config';
import { runFeed, type Feed } from './feed';
import { timeRuns, type Timing } from './measure';

/** `scan` as a benchmark engine: the number of findings, so the work stays observable. */
export function scanCount(text: string): number {
  return scan(text).length;
}

/** Best and median time of `scan` over the whole feed; `result` is the total finding count. */
export function benchScanner(feed: Feed, runs: number = SCANNER_RUNS): Timing {
  return timeRuns(() => runFeed(feed, scanCount), { warmup: WARMUP_RUNS, runs });
}
