// Child process of redact-pii.bench.ts: times redact-pii on the feed of the job read from standard
// input and prints one JSON line per run, so the parent keeps finished runs when it stops one.
import { SyncRedactor } from 'redact-pii';
import { leadingSlice, runFeed, type Feed } from './feed';
import { timeRuns } from './measure';

/** What the parent writes to standard input, as JSON. */
export interface RedactPiiJob {
  feed: Feed;
  runs: number;
  budgetMs: number;
  warmupBytes: number;
}

/** One line of this process's standard output. */
export interface RedactPiiRunLine {
  ms: number;
  result: number;
}

async function readJob(): Promise<RedactPiiJob> {
  let input = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) input += chunk as string;
  const job = JSON.parse(input) as RedactPiiJob;
  const { feed } = job;
  const ok =
    (feed.mode === 'nodes' && Array.isArray(feed.pieces)) ||
    (feed.mode === 'string' && typeof feed.text === 'string');
  if (!ok || !(job.runs > 0) || !(job.budgetMs > 0)) throw new Error('bad job on standard input');
  return job;
}

const job = await readJob();
const redactor = new SyncRedactor();
const engine = (text: string): number => redactor.redact(text).length;
runFeed(leadingSlice(job.feed, job.warmupBytes), engine);
timeRuns(() => runFeed(job.feed, engine), {
  warmup: 0,
  runs: job.runs,
  budgetMs: job.budgetMs,
  onRun: (ms, result) => {
    const line: RedactPiiRunLine = { ms, result };
    process.stdout.write(JSON.stringify(line) + '\n');
  },
});
