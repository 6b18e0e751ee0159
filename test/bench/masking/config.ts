// Tuning and targets of the `masking` benchmark suite, in one place: browser, run counts, sizes,
// waits and targets (issue 3, "Targets").
import { fileURLToPath } from 'node:url';

/**
 * Where `wxt build` puts the extension (wxt.config.ts: outDir), as the e2e tests load it;
 * CUSTODIAN_EXTENSION_DIR names another build, e.g. an older commit's, to compare against.
 */
export const EXTENSION_DIR =
  process.env.CUSTODIAN_EXTENSION_DIR ??
  fileURLToPath(new URL('../../../.output/chrome-mv3/', import.meta.url));

/** Never a downloaded browser: the system Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Quiet, offline, unsandboxed (containers have no user namespaces): as test/e2e/fixtures.ts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The table: 10,000 rows of 4 PII values each. */
export const TABLE_ROWS = 10_000;
/** Timed insertions per browser; the median resists a run slowed by another job on 2 cores. */
export const TABLE_RUNS = 7;
/** Insertions per browser that also read body.innerText at the frame (slow; not timed). */
export const TABLE_VERIFY_RUNS = 2;

/** Loads of the no-PII page per browser, untimed first (disk cache, V8 code cache warm). */
export const LOAD_WARMUP = 5;
/** Timed loads per browser: a 5 ms target under ±10 ms noise needs many runs for its median. */
export const LOAD_RUNS = 40;

/** Route changes before the first heap reading: JIT, inline caches and the first views settle. */
export const SPA_WARMUP_ROUTES = 100;
/** The "1,000 SPA route changes". */
export const SPA_ROUTES = 1000;
/**
 * Forced collections before each heap reading. One full GC can leave DOM wrappers whose C++ node
 * is only freed by the next one (V8 and Blink's heap collect each other's garbage in turns).
 */
export const GC_PASSES = 3;
/** Objects allocated to check that the heap reading covers isolated worlds (about 10 MB). */
export const BALLAST_OBJECTS = 200_000;

/** Period of live.html's updates during the probe run: 8 callers cycle through in 2 s. */
export const LIVE_TICK_MS = 250;
/** How long the probe watches live.html: three full cycles of its callers. */
export const LIVE_WATCH_MS = 6_000;
/** Frames the probe gets after a page's last action before its report is read (~300 ms). */
export const PROBE_SETTLE_MS = 300;
/** Longest wait for a page's own readiness signal (rows loaded, frames rendered). */
export const READY_TIMEOUT_MS = 15_000;

export const MIB = 1024 * 1024;

export const TARGETS = {
  /** Issue: a 10,000-row table masked by the next frame adds ≤ 100 ms to that frame. */
  tableAddedMs: 100,
  /** Issue: "no frame is ever painted with a raw value" (also: at the table's next frame). */
  rawFrames: 0,
  /** Issue: ≤ 5 ms added to the load of a page with no PII. */
  loadAddedMs: 5,
  /**
   * Issue: no memory growth over 1,000 SPA route changes. One customer view is ~40 nodes and
   * ~1 KB of text, so anything kept per route change (a removed view, an observer, a map entry
   * holding a value's original text) costs ≥ 1 KB and shows as ≥ 1 MB over 1,000 changes, while
   * the same page without the extension, after forced GC, moves by well under that.
   */
  heapGrowthBytes: 1 * MIB,
  /**
   * Nodes kept per route change: leaking even one node per change shows as 1,000; 100 leaves room
   * for a bounded cache (one view's worth of nodes and then some).
   */
  nodeGrowth: 100,
  /** Event listeners added per route change and never removed show as 1,000; same bound. */
  listenerGrowth: 100,
  /**
   * The heap reading covers the content script: a ballast allocated in an isolated world (as the
   * content script's) must raise it as much as the same ballast in the page's own world.
   */
  isolatedWorldRatio: 0.8,
} as const;
