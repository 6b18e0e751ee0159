// A benchmark suite: one part's measurements, run by `npm run bench` (all suites) or
// `npm run bench -- NAME...` (some). Each suite lives in test/bench/suites/NAME.ts and is listed in
// test/bench/suites/index.ts.
import type { Check } from './report';

export interface BenchContext {
  /** One line of progress on stderr (never on stdout, which carries the table). */
  progress(message: string): void;
}

export interface BenchResult {
  checks: Check[];
  /** Raw figures written to results/latest.json under the suite's name (no PII, no huge arrays). */
  raw?: unknown;
}

export interface BenchSuite {
  /** kebab-case, e.g. `ledger`; what `npm run bench -- NAME` selects. */
  name: string;
  /** One line: what the suite measures. */
  description: string;
  run(context: BenchContext): Promise<BenchResult>;
}
