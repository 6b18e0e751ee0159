// Tuning and targets of `npm run bench`, in one place: sizes, run counts, time budgets, targets.

/** MB throughout the benchmark: 10^6 UTF-8 bytes of input, not MiB and not UTF-16 units. */
export const MB = 1_000_000;

/** Fixed corpus seed, so every run measures the same text and results compare across commits. */
export const SEED = 20_240_611;

/** Size of the generated corpus: the "one 16 MB string"; its text nodes give ≥ 10 MB. */
export const CORPUS_BYTES = 16 * MB;
/** The text-node measurement must feed at least this much text (issue: "≥ 10 MB"). */
export const MIN_NODE_BYTES = 10 * MB;

/** Text-node sizes a DOM typically yields for CRM pages: a label or cell up to a paragraph line. */
export const NODE_MAX_CHARS = 200;
export const NODE_TYPICAL_MIN_CHARS = 5;

/** Untimed runs first, so the JIT has compiled the hot loop before we time it. */
export const WARMUP_RUNS = 2;
/** Timed runs of the scanner; the median resists one run slowed by another user's job. */
export const SCANNER_RUNS = 7;

/** redact-pii's first run over the whole feed may take this long before it is stopped and a
 * leading slice is timed instead; later runs start only while they fit in it too. */
export const REDACT_PII_BUDGET_MS = 60_000;
/** Added to the budget for the child process to start Node, tsx and redact-pii and to warm up. */
export const REDACT_PII_STARTUP_MS = 15_000;
/** Leading slice redact-pii is timed on when its run over the whole feed was stopped. */
export const REDACT_PII_MIN_SLICE_BYTES = 1 * MB;
/** Timed redact-pii runs when they fit the budget: it is slow, so fewer runs than the scanner. */
export const REDACT_PII_MAX_RUNS = 3;

/** CLI input files: one small and one several hundred MB, to see whether memory grows with size. */
export const CLI_SMALL_BYTES = 20 * MB;
export const CLI_LARGE_BYTES = 300 * MB;
/** The CLI may take this long on the large file before it is killed and the check fails. */
export const CLI_TIMEOUT_MS = 180_000;

export const TARGETS = {
  /** Issue: the extension feeds the scanner text node by text node. */
  nodesMBps: 100,
  /** Issue: one long string, e.g. a pasted export. */
  stringMBps: 50,
  /** Issue: at least ten times the usual JS choice, in both feeding modes. */
  vsRedactPii: 10,
  /**
   * Peak RSS on the large file over the small one. Streaming stays near 1; buffering a 15× larger
   * file or keeping every finding shows up as 2× or more, so 1.5 leaves room for GC heuristics.
   */
  cliRssRatio: 1.5,
} as const;
