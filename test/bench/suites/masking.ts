// Suite `masking` (issue 3, "Targets"): the staff extension in real Chromium against the demo CRM,
// each figure measured with and without the extension in the same run: the 10,000-row table's
// next frame, the load of a page with no PII, memory over 1,000 SPA route changes, and frames
// painted with a raw value (the paint probe).
import {
  describeBuild,
  launchBrowsers,
  startDemoServer,
  type ExtensionBuild,
  type Mode,
} from '../masking/browser';
import {
  LOAD_RUNS,
  MIB,
  SPA_ROUTES,
  TABLE_ROWS,
  TABLE_RUNS,
  TABLE_VERIFY_RUNS,
  TARGETS,
} from '../masking/config';
import { maskedForm, type FixtureProblems } from '../masking/fixture-check';
import { benchPageLoad, type LoadTiming } from '../masking/page-load.bench';
import { benchPaintProbe, type ProbeRun } from '../masking/paint-probe.bench';
import { benchSpaMemory, type SpaBench } from '../masking/spa-memory.bench';
import { benchTableFrame, type TableBench, type TableFrame } from '../masking/table-frame.bench';
import { median } from '../measure';
import type { Check } from '../report';
import type { BenchSuite } from '../suite';

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mib = (bytes: number): string => `${(bytes / MIB).toFixed(2)} MiB`;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Median of a figure over runs; NaN when no run has it (e.g. no long-animation-frame entry). */
function medianOf<T>(runs: readonly T[], pick: (run: T) => number | null): number {
  const values = runs.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length > 0 ? median(values) : NaN;
}

function fixtureDetail(problems: FixtureProblems): string {
  return problems.examples.length > 0 ? `; e.g. ${problems.examples.join(', ')}` : '';
}

function tableChecks({ timed, verified, fixture }: TableBench, build: ExtensionBuild): Check[] {
  const added = (pick: (run: TableFrame) => number | null) =>
    medianOf(timed.with, pick) - medianOf(timed.without, pick);
  const both = (pick: (run: TableFrame) => number | null) =>
    `with ${ms(medianOf(timed.with, pick))}, without ${ms(medianOf(timed.without, pick))}`;
  const runs = `median of ${TABLE_RUNS} alternating runs per browser`;
  const worst = (mode: Mode, pick: (run: TableFrame) => number | null) =>
    Math.max(...verified[mode].map((run) => pick(run) ?? NaN));
  const piiValues = TABLE_ROWS * 4;
  const decoyCells = verified.with[0]?.decoyCells ?? NaN;
  return [
    {
      id: 'table-frame-added',
      label: `${TABLE_ROWS}-row table: ms added until the next frame`,
      value: added((r) => r.rafMs),
      unit: 'ms',
      target: { op: '<=', value: TARGETS.tableAddedMs },
      detail:
        `append → next requestAnimationFrame callback (what runs between, e.g. a MutationObserver ` +
        `callback, included): ${both((r) => r.rafMs)}; ${runs}; extension built ` +
        `${build.builtAt}, content scripts: ${build.contentScripts.join('; ')}`,
    },
    {
      id: 'table-painted-added',
      label: `${TABLE_ROWS}-row table: ms added until painted`,
      value: added((r) => r.paintedMs),
      unit: 'ms',
      detail: `append → first task after that frame (style, layout, paint included): ${both((r) => r.paintedMs)}`,
    },
    {
      id: 'table-long-frame-added',
      label: `${TABLE_ROWS}-row table: long-animation-frame ms added`,
      value: added((r) => r.longFrameMs),
      unit: 'ms',
      detail: `PerformanceObserver 'long-animation-frame' entry holding the append: ${both((r) => r.longFrameMs)}`,
    },
    {
      id: 'table-raw-at-frame',
      label: `${TABLE_ROWS}-row table: raw values shown at the next frame`,
      value: worst('with', (r) => r.rawVisible),
      unit: '',
      target: { op: '<=', value: TARGETS.rawFrames },
      detail:
        `of ${piiValues} in body.innerText at the rAF callback, worst of ${TABLE_VERIFY_RUNS} runs; ` +
        `without the extension ${worst('without', (r) => r.rawVisible)} (the check sees them)`,
    },
    {
      id: 'table-decoys-hidden',
      label: `${TABLE_ROWS}-row table: decoy cells not readable at the next frame`,
      value: decoyCells - Math.min(...verified.with.map((r) => r.decoysVisible ?? NaN)),
      unit: '',
      target: { op: '<=', value: 0 },
      detail: `order numbers, amounts, timestamps (${decoyCells} cells) must stay as they are`,
    },
    {
      id: 'table-fixture',
      label: `${TABLE_ROWS}-row table: values the engine misreads`,
      value: fixture.missed + fixture.flagged,
      unit: '',
      target: { op: '<=', value: 0 },
      detail:
        `fixture check: ${fixture.missed} of ${piiValues} PII values not found whole, ` +
        `${fixture.flagged} decoys found${fixtureDetail(fixture)}`,
    },
  ];
}

function loadChecks(timings: Record<Mode, LoadTiming[]>): Check[] {
  const med = (mode: Mode, pick: (t: LoadTiming) => number) => median(timings[mode].map(pick));
  const line = (pick: (t: LoadTiming) => number) =>
    `with ${ms(med('with', pick))}, without ${ms(med('without', pick))}`;
  return [
    {
      id: 'load-added',
      label: 'no-PII page: ms added to load',
      value: med('with', (t) => t.loadMs) - med('without', (t) => t.loadMs),
      unit: 'ms',
      target: { op: '<=', value: TARGETS.loadAddedMs },
      detail: `no-pii.html, navigation start → loadEventEnd: ${line((t) => t.loadMs)}; median of ${LOAD_RUNS} alternating loads per browser`,
    },
    {
      id: 'load-dcl-added',
      label: 'no-PII page: ms added to DOMContentLoaded',
      value: med('with', (t) => t.domContentLoadedMs) - med('without', (t) => t.domContentLoadedMs),
      unit: 'ms',
      detail: `navigation start → domContentLoadedEventEnd: ${line((t) => t.domContentLoadedMs)}`,
    },
  ];
}

function spaChecks({ memory, isolatedWorld }: SpaBench): Check[] {
  const growth = (
    mode: Mode,
    key: 'jsUsedBytes' | 'embedderUsedBytes' | 'nodes' | 'jsEventListeners',
  ) => memory[mode].after[key] - memory[mode].before[key];
  const counts = (key: 'nodes' | 'jsEventListeners') =>
    (['with', 'without'] as const)
      .map((mode) => `${mode} ${memory[mode].before[key]} → ${memory[mode].after[key]}`)
      .join(', ');
  const heap = (key: 'jsUsedBytes' | 'embedderUsedBytes') =>
    (['with', 'without'] as const).map((mode) => `${mode} ${mib(growth(mode, key))}`).join(', ');
  const after = `after forced GC, before and after ${SPA_ROUTES} route changes`;
  return [
    {
      id: 'spa-heap-growth',
      label: `SPA: JS heap growth over ${SPA_ROUTES} routes, added`,
      value: (growth('with', 'jsUsedBytes') - growth('without', 'jsUsedBytes')) / MIB,
      unit: 'MiB',
      target: { op: '<=', value: TARGETS.heapGrowthBytes / MIB },
      detail: `Runtime.getHeapUsage usedSize (whole isolate: page and content-script worlds) ${after}: growth ${heap('jsUsedBytes')}`,
    },
    {
      id: 'spa-dom-heap-growth',
      label: `SPA: DOM (Blink) heap growth, added`,
      value: (growth('with', 'embedderUsedBytes') - growth('without', 'embedderUsedBytes')) / MIB,
      unit: 'MiB',
      detail: `Runtime.getHeapUsage embedderHeapUsedSize: growth ${heap('embedderUsedBytes')}`,
    },
    {
      id: 'spa-node-growth',
      label: `SPA: DOM nodes kept over ${SPA_ROUTES} routes, added`,
      value: growth('with', 'nodes') - growth('without', 'nodes'),
      unit: '',
      target: { op: '<=', value: TARGETS.nodeGrowth },
      detail: `Memory.getDOMCounters nodes: ${counts('nodes')}`,
    },
    {
      id: 'spa-listener-growth',
      label: `SPA: JS event listeners kept, added`,
      value: growth('with', 'jsEventListeners') - growth('without', 'jsEventListeners'),
      unit: '',
      target: { op: '<=', value: TARGETS.listenerGrowth },
      detail: `Memory.getDOMCounters jsEventListeners: ${counts('jsEventListeners')}`,
    },
    {
      id: 'heap-sees-isolated-world',
      label: 'heap reading: isolated-world ballast / main-world ballast',
      value: isolatedWorld.isolatedGrowthBytes / isolatedWorld.mainGrowthBytes,
      unit: '×',
      target: { op: '>=', value: TARGETS.isolatedWorldRatio },
      detail:
        `the same objects raised usedSize by ${mib(isolatedWorld.isolatedGrowthBytes)} from a ` +
        `CDP isolated world and ${mib(isolatedWorld.mainGrowthBytes)} from the page's world; ` +
        `globals ${isolatedWorld.separateGlobals ? 'separate' : 'SHARED (not an isolated world?)'}`,
    },
  ];
}

function probeChecks(runs: readonly ProbeRun[]): Check[] {
  const total = (mode: Mode, pick: (run: ProbeRun['report'][Mode]) => number) =>
    sum(runs.map((run) => pick(run.report[mode])));
  const perPage = (mode: Mode, pick: (run: ProbeRun['report'][Mode]) => number) =>
    runs
      .filter((run) => pick(run.report[mode]) > 0)
      .map((run) => `${run.name} ${pick(run.report[mode])}`)
      .join('; ') || 'none';
  const where = (mode: Mode, field: 'dirtyWhere' | 'readableWhere' = 'dirtyWhere') => {
    const counts: Record<string, number> = {};
    for (const run of runs) {
      for (const [key, n] of Object.entries(run.report[mode][field])) {
        counts[key] = (counts[key] ?? 0) + n;
      }
    }
    return Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
  };
  const pages = `${runs.length} page runs`;
  /** Which declared values leaked, per page, in masked form. */
  const leaked = (pick: (report: ProbeRun['report'][Mode]) => number[]) =>
    runs
      .filter((run) => pick(run.report.with).length > 0)
      .map(
        (run) =>
          `${run.name}: ${pick(run.report.with)
            .map((i) => maskedForm(run.declared.engine[i] ?? ''))
            .join(', ')}`,
      )
      .join('; ');
  const broken = runs.filter((run) =>
    (['with', 'without'] as const).some((m) => run.report[m].tampered || run.report[m].errors > 0),
  );
  const unseenWithout = (run: ProbeRun) =>
    run.report.without.unseenEngine.length +
    run.report.without.unseenRule.length +
    run.report.without.unseenDecoys.length;
  const fixtureTotal = sum(runs.map((r) => r.fixture.missed + r.fixture.flagged));
  return [
    {
      id: 'probe-raw-frames',
      label: 'paint probe: frames showing a raw value, with extension',
      value: total('with', (r) => r.dirtyFrames),
      unit: '',
      target: { op: '<=', value: TARGETS.rawFrames },
      detail:
        `${total('with', (r) => r.frames)} frames over ${pages}; by page: ${perPage('with', (r) => r.dirtyFrames)}` +
        (where('with') ? `; where: ${where('with')}; values: ${leaked((r) => r.dirtyEngine)}` : ''),
    },
    {
      id: 'probe-raw-frames-without',
      label: 'paint probe: frames showing a raw value, without extension',
      value: total('without', (r) => r.dirtyFrames),
      unit: '',
      detail: `of ${total('without', (r) => r.frames)} frames; > 0 shows the probe sees raw values; where: ${where('without')}`,
    },
    {
      id: 'probe-readable-attributes',
      label: 'paint probe: raw values readable in attributes, with extension',
      value: total('with', (r) => r.readableAttributes),
      unit: '',
      target: { op: '<=', value: 0 },
      detail:
        `title, aria-label, alt, placeholder, button values, document.title, at the end of each ` +
        `page run; without the extension ${total('without', (r) => r.readableAttributes)}` +
        (total('with', (r) => r.readableAttributes) > 0
          ? `; where: ${where('with', 'readableWhere')}; values: ${leaked((r) => r.readableEngine)}`
          : ''),
    },
    {
      id: 'probe-rule-frames',
      label: 'paint probe: frames showing a selector-rule value, with extension',
      value: total('with', (r) => r.ruleDirtyFrames),
      unit: '',
      detail:
        'names and addresses only a policy site rule can mask (td.customer-name …); the bench ' +
        `installs no policy, so for information; without the extension ${total('without', (r) => r.ruleDirtyFrames)}`,
    },
    {
      id: 'probe-decoys-hidden',
      label: 'paint probe: decoys never readable, with extension',
      value: total('with', (r) => r.unseenDecoys.length),
      unit: '',
      target: { op: '<=', value: 0 },
      detail: `of ${total('with', (r) => r.decoys)} declared decoys (order, tracking numbers, amounts, times): over-masking`,
    },
    {
      id: 'probe-fixture',
      label: 'paint probe: declared values wrong or never shown',
      value: fixtureTotal + sum(runs.map(unseenWithout)) + broken.length,
      unit: '',
      target: { op: '<=', value: 0 },
      detail:
        `without the extension: ${sum(runs.map(unseenWithout))} declared values never shown, ` +
        `${sum(runs.map((r) => r.fixture.missed))} PII values the engine misses, ` +
        `${sum(runs.map((r) => r.fixture.flagged))} decoys it flags` +
        runs.map((r) => fixtureDetail(r.fixture)).join('') +
        `; ${broken.length} probe(s) with errors or a tampered value list` +
        (broken.length ? ` (${broken.map((r) => r.name).join(', ')})` : ''),
    },
  ];
}

export const maskingSuite: BenchSuite = {
  name: 'masking',
  description: 'staff extension in Chromium: table frame, no-PII load, SPA memory, paint probe',
  async run({ progress }) {
    const build = describeBuild();
    progress(`extension ${build.dir} built ${build.builtAt}: ${build.contentScripts.join('; ')}`);
    const server = await startDemoServer();
    const browsers = await launchBrowsers();
    try {
      const table = await benchTableFrame(browsers, server.demoUrl, progress);
      const load = await benchPageLoad(browsers, server.demoUrl, progress);
      const spa = await benchSpaMemory(browsers, server.demoUrl, progress);
      const probe = await benchPaintProbe(browsers, server.demoUrl, progress);
      const checks = [
        ...tableChecks(table, build),
        ...loadChecks(load),
        ...spaChecks(spa),
        ...probeChecks(probe),
      ];
      return {
        checks,
        raw: {
          extension: build,
          table: { timed: table.timed, verified: table.verified, fixture: table.fixture },
          load,
          spa,
          probe: probe.map((run) => ({ name: run.name, fixture: run.fixture, ...run.report })),
        },
      };
    } finally {
      await browsers.close();
      await server.close();
    }
  },
};
