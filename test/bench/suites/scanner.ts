// Suite `scanner` (issue 2): scanner throughput (text nodes, one string), the ratio to redact-pii,
// and the CLI's memory on small and large files.
import { generateMixedText } from '../../fixtures/corpus';
import { benchCliMemory, type CliRun } from '../cli-memory.bench';
import {
  CLI_LARGE_BYTES,
  CLI_SMALL_BYTES,
  CORPUS_BYTES,
  MB,
  MIN_NODE_BYTES,
  REDACT_PII_BUDGET_MS,
  SCANNER_RUNS,
  SEED,
  TARGETS,
  WARMUP_RUNS,
} from '../config';
import { leadingText, nodesFeed, stringFeed, type Feed } from '../feed';
import { mbPerSecond, median, type Timing } from '../measure';
import { benchRedactPii, type RedactPiiBench } from '../redact-pii.bench';
import type { Check } from '../report';
import { benchScanner } from '../scanner.bench';
import type { BenchSuite } from '../suite';
import { extensionTextNodes } from '../text-nodes';

/** Size of the text repeated into the CLI's input files: several distinct MB, cheap to hold. */
const CLI_SEED_BYTES = 4 * MB;

const mb = (bytes: number): string => `${(bytes / MB).toFixed(2)} MB`;
const rate = (feed: Feed, t: Timing): number => mbPerSecond(feed.bytes, t.medianMs);
const best = (feed: Feed, t: Timing): string =>
  `best ${mbPerSecond(feed.bytes, t.bestMs).toFixed(1)} MB/s`;

const medianNodeChars = new WeakMap<Feed, number>();

function describe(feed: Feed): string {
  if (feed.mode === 'nodes' && !medianNodeChars.has(feed)) {
    medianNodeChars.set(feed, median(feed.pieces.map((p) => p.length)));
  }
  return feed.mode === 'nodes'
    ? `${mb(feed.bytes)} in ${feed.pieces.length} text nodes ` +
        `(median ${medianNodeChars.get(feed)} chars)`
    : `one string of ${mb(feed.bytes)}`;
}

/** The text nodes the extension would scan in `text`, regenerated larger if under MIN_NODE_BYTES. */
function nodeCorpus(text: string): Feed {
  const feed = nodesFeed(extensionTextNodes(text));
  if (feed.bytes >= MIN_NODE_BYTES) return feed;
  const bytes = Math.ceil((CORPUS_BYTES * MIN_NODE_BYTES * 1.05) / feed.bytes);
  return nodesFeed(extensionTextNodes(generateMixedText({ seed: SEED, bytes })));
}

/** Scanner against redact-pii on exactly the input redact-pii was timed on. */
function ratioCheck(
  id: string,
  label: string,
  full: Feed,
  fullScanner: Timing,
  redact: RedactPiiBench,
): Check[] {
  const scanner = redact.sliced ? benchScanner(redact.feed) : fullScanner;
  const ours = rate(redact.feed, scanner);
  const theirs = rate(redact.feed, redact.timing);
  const runs = redact.timing.runsMs.length;
  const slice = redact.sliced
    ? `LEADING SLICE ONLY: ${describe(redact.feed)}; a run over the whole ${mb(full.bytes)} ` +
      `did not finish in ${REDACT_PII_BUDGET_MS / 1000} s and was stopped`
    : describe(redact.feed);
  return [
    {
      id: `redact-pii-${id}`,
      label: `redact-pii, ${label}`,
      value: theirs,
      unit: 'MB/s',
      detail: `${slice}; median of ${runs} run(s), ${best(redact.feed, redact.timing)}`,
    },
    {
      id: `ratio-${id}`,
      label: `scanner / redact-pii, ${label}`,
      value: ours / theirs,
      unit: '×',
      target: { op: '>=', value: TARGETS.vsRedactPii },
      detail: `scanner ${ours.toFixed(1)} MB/s vs redact-pii ${theirs.toFixed(2)} MB/s on the same input`,
    },
  ];
}

function cliChecks(small: CliRun, large: CliRun): Check[] {
  const rss = (run: CliRun): string => `${(run.peakRssBytes / MB).toFixed(1)} MB`;
  const checks: Check[] = [small, large].map((run) => ({
    id: `cli-rss-${Math.round(run.fileBytes / MB)}mb`,
    label: `CLI peak RSS, ${mb(run.fileBytes)} file`,
    value: run.peakRssBytes / MB,
    unit: 'MB',
    detail: `exit ${run.exitCode ?? 'none'}${run.timedOut ? ' (KILLED: time-out)' : ''}, wall ${(run.wallMs / 1000).toFixed(1)} s, measured by ${run.method}`,
  }));
  const failed = [small, large].filter((r) => r.exitCode === null || r.exitCode > 1);
  checks.push(
    {
      id: 'cli-exit',
      label: 'CLI runs that failed (exit ≥ 2 or killed)',
      value: failed.length,
      unit: '',
      target: { op: '<=', value: 0 },
      detail: failed.length
        ? `stderr of a failed run: ${failed[0]!.stderrTail.trim().slice(-300)}`
        : 'both exited 0 (clean) or 1 (PII found)',
    },
    {
      id: 'cli-rss-ratio',
      label: 'CLI peak RSS ratio, large / small file',
      value: large.peakRssBytes / small.peakRssBytes,
      unit: '×',
      target: { op: '<=', value: TARGETS.cliRssRatio },
      detail: `${rss(large)} / ${rss(small)} for a ${(large.fileBytes / small.fileBytes).toFixed(0)}× larger file; flat ≈ 1`,
    },
    {
      id: 'cli-throughput',
      label: `CLI throughput, ${mb(large.fileBytes)} file`,
      value: mbPerSecond(large.fileBytes, large.wallMs),
      unit: 'MB/s',
      detail: 'wall time of the child process, Node and tsx start-up included',
    },
    {
      id: 'cli-throughput-marginal',
      label: 'CLI throughput, large minus small file',
      value: mbPerSecond(large.fileBytes - small.fileBytes, large.wallMs - small.wallMs),
      unit: 'MB/s',
      detail: 'extra bytes over extra wall time: start-up cancels out',
    },
  );
  return checks;
}

export const scannerSuite: BenchSuite = {
  name: 'scanner',
  description: 'PII engine throughput, ratio to redact-pii, scan CLI memory',
  async run({ progress }) {
    progress(`generating ${mb(CORPUS_BYTES)} of mixed text (seed ${SEED})`);
    const text = generateMixedText({ seed: SEED, bytes: CORPUS_BYTES });
    const whole = stringFeed(text);
    const nodes = nodeCorpus(text);

    progress(`scanner on ${describe(nodes)}`);
    const scanNodes = benchScanner(nodes);
    progress(`scanner on ${describe(whole)}`);
    const scanWhole = benchScanner(whole);
    progress('redact-pii on the text nodes (up to a minute)');
    const redactNodes = await benchRedactPii(nodes);
    progress('redact-pii on the one string (up to a minute)');
    const redactWhole = await benchRedactPii(whole);
    progress(`CLI on ${mb(CLI_SMALL_BYTES)} and ${mb(CLI_LARGE_BYTES)} files in the temp folder`);
    const [small, large] = await benchCliMemory(leadingText(text, CLI_SEED_BYTES), [
      CLI_SMALL_BYTES,
      CLI_LARGE_BYTES,
    ]);

    const timed = `median of ${SCANNER_RUNS} runs after ${WARMUP_RUNS} warm-up`;
    const checks: Check[] = [
      {
        id: 'scanner-nodes',
        label: 'scanner, text node by text node',
        value: rate(nodes, scanNodes),
        unit: 'MB/s',
        target: { op: '>=', value: TARGETS.nodesMBps },
        detail: `${describe(nodes)}, ${scanNodes.result} findings; ${timed}, ${best(nodes, scanNodes)}`,
      },
      {
        id: 'scanner-string',
        label: `scanner, one ${mb(whole.bytes)} string`,
        value: rate(whole, scanWhole),
        unit: 'MB/s',
        target: { op: '>=', value: TARGETS.stringMBps },
        detail: `${scanWhole.result} findings; ${timed}, ${best(whole, scanWhole)}`,
      },
      ...ratioCheck('nodes', 'text nodes', nodes, scanNodes, redactNodes),
      ...ratioCheck('string', 'one string', whole, scanWhole, redactWhole),
      ...cliChecks(small!, large!),
    ];

    return {
      checks,
      raw: {
        seed: SEED,
        scanNodes,
        scanWhole,
        redactNodes: strip(redactNodes),
        redactWhole: strip(redactWhole),
        cli: [small, large].map((run) => ({ ...run, stderrTail: undefined })),
      },
    };
  },
};

/** A redact-pii result without the text it ran on. */
function strip(bench: RedactPiiBench): object {
  return {
    mode: bench.feed.mode,
    bytes: bench.feed.bytes,
    sliced: bench.sliced,
    timing: bench.timing,
  };
}
