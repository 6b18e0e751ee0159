// Timing helpers: warm-up, best and median of N runs, and throughput in MB/s (10^6 UTF-8 bytes).
import { performance } from 'node:perf_hooks';
import { MB } from './config';

export interface Timing {
  bestMs: number;
  medianMs: number;
  runsMs: number[];
  /** What the last run returned (e.g. a finding count): printed, and keeps the work observable. */
  result: number;
}

export interface TimingOptions {
  warmup: number;
  runs: number;
  /** Stop after this much timed work, once at least one run is done (for slow subjects). */
  budgetMs?: number;
  /** Called after each timed run, e.g. to report progress to a parent process. */
  onRun?: (ms: number, result: number) => void;
}

/** Median of a non-empty list; the mean of the two middle values for even lengths. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Throughput in MB/s, MB being 10^6 bytes. */
export function mbPerSecond(bytes: number, ms: number): number {
  return ms > 0 ? bytes / MB / (ms / 1000) : Infinity;
}

/** UTF-8 size of a string or of a list of pieces. */
export function utf8Bytes(text: string | readonly string[]): number {
  if (typeof text === 'string') return Buffer.byteLength(text, 'utf8');
  let total = 0;
  for (const piece of text) total += Buffer.byteLength(piece, 'utf8');
  return total;
}

/** Best and median of the given run times; NaN for both when there were none. */
export function timingOf(runsMs: readonly number[], result: number): Timing {
  if (runsMs.length === 0) return { bestMs: NaN, medianMs: NaN, runsMs: [], result };
  return { bestMs: Math.min(...runsMs), medianMs: median(runsMs), runsMs: [...runsMs], result };
}

/**
 * Runs `work` `warmup` times untimed, then up to `runs` times timed. `work` returns a number that
 * depends on its whole output (a finding count), so the engine cannot skip the work.
 */
export function timeRuns(work: () => number, options: TimingOptions): Timing {
  for (let i = 0; i < options.warmup; i++) work();
  const runsMs: number[] = [];
  let result = 0;
  let spent = 0;
  while (runsMs.length < options.runs) {
    const t0 = performance.now();
    result = work();
    const ms = performance.now() - t0;
    runsMs.push(ms);
    options.onRun?.(ms, result);
    spent += ms;
    if (options.budgetMs !== undefined && spent + ms > options.budgetMs) break;
  }
  return timingOf(runsMs, result);
}
