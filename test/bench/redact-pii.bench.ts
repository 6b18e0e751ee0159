// Throughput of the npm package redact-pii (the usual JS choice) on the same feeds as our scanner,
// timed in a child process that is stopped at the time budget, then on a leading slice instead.
import { spawn } from 'node:child_process';
import { nodeWithTsx, ROOT } from './child-process';
import {
  REDACT_PII_BUDGET_MS,
  REDACT_PII_MAX_RUNS,
  REDACT_PII_MIN_SLICE_BYTES,
  REDACT_PII_STARTUP_MS,
} from './config';
import { leadingSlice, type Feed } from './feed';
import { timingOf, type Timing } from './measure';
import type { RedactPiiJob, RedactPiiRunLine } from './redact-pii.child';

const CHILD = 'test/bench/redact-pii.child.ts';
/** Warm-up size: enough for the JIT to compile redact-pii's regular-expression loop. */
const WARMUP_BYTES = 100_000;

export interface RedactPiiBench {
  /** What was timed: the whole feed, or its leading slice when `sliced`. */
  feed: Feed;
  sliced: boolean;
  timing: Timing;
}

interface ChildRuns {
  runsMs: number[];
  result: number;
  /** Stopped at the budget before its first run finished. */
  stopped: boolean;
}

function parseRunLine(line: string): RedactPiiRunLine | null {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null) return null;
  const { ms, result } = value as Partial<RedactPiiRunLine>;
  return typeof ms === 'number' && typeof result === 'number' ? { ms, result } : null;
}

/** Runs redact-pii.child.ts on `feed`; kills it when the budget (plus start-up) runs out. */
function runChild(feed: Feed): Promise<ChildRuns> {
  const job: RedactPiiJob = {
    feed,
    runs: REDACT_PII_MAX_RUNS,
    budgetMs: REDACT_PII_BUDGET_MS,
    warmupBytes: WARMUP_BYTES,
  };
  const [command, ...args] = nodeWithTsx(CHILD);
  const child = spawn(command!, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const runs: ChildRuns = { runsMs: [], result: 0, stopped: false };
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (data: string) => {
    stdout += data;
    let nl: number;
    while ((nl = stdout.indexOf('\n')) >= 0) {
      const run = parseRunLine(stdout.slice(0, nl));
      stdout = stdout.slice(nl + 1);
      if (run) {
        runs.runsMs.push(run.ms);
        runs.result = run.result;
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (data: string) => (stderr = (stderr + data).slice(-2000)));
  const timer = setTimeout(() => {
    runs.stopped = runs.runsMs.length === 0;
    child.kill('SIGKILL');
  }, REDACT_PII_BUDGET_MS + REDACT_PII_STARTUP_MS);
  // A child that dies early closes its end; the 'close' handler below reports why.
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(job));

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || runs.stopped || runs.runsMs.length > 0) resolve(runs);
      else reject(new Error(`redact-pii child failed (${code ?? signal}): ${stderr.trim()}`));
    });
  });
}

/**
 * Times `new SyncRedactor().redact` over `full`. Contract:
 * - it runs in a child process, warmed up on the first WARMUP_BYTES, for up to
 *   REDACT_PII_MAX_RUNS runs, none started once the next would overrun REDACT_PII_BUDGET_MS;
 * - when the first run over `full` does not finish within the budget the child is killed and a
 *   leading slice of REDACT_PII_MIN_SLICE_BYTES is timed instead, and `sliced` says so;
 * - a slice that does not finish either gives NaN times, which fail the ratio check.
 */
export async function benchRedactPii(full: Feed): Promise<RedactPiiBench> {
  const whole = await runChild(full);
  if (!whole.stopped) {
    return { feed: full, sliced: false, timing: timingOf(whole.runsMs, whole.result) };
  }
  const feed = leadingSlice(full, REDACT_PII_MIN_SLICE_BYTES);
  const part = await runChild(feed);
  return { feed, sliced: true, timing: timingOf(part.runsMs, part.result) };
}
