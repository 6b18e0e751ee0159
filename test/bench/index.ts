// `npm run bench [-- SUITE...]`: runs the benchmark suites (test/bench/suites/), prints one table,
// writes JSON to test/bench/results/latest.json, and exits 1 when a target is missed.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable, verdict, writeJson, type Check } from './report';
import { SUITES } from './suites';

const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));

function progress(message: string): void {
  process.stderr.write(`· ${message}\n`);
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main(names: readonly string[]): Promise<number> {
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: no suite named ${unknown.join(', ')}. Suites: ` +
        `${SUITES.map((s) => `${s.name} (${s.description})`).join('; ')}.\n`,
    );
    return 2;
  }
  const chosen = names.length > 0 ? SUITES.filter((s) => names.includes(s.name)) : SUITES;
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const checks: Check[] = [];
  const raw: Record<string, unknown> = {};
  for (const suite of chosen) {
    progress(`suite ${suite.name}: ${suite.description}`);
    const result = await suite.run({ progress: (m) => progress(`${suite.name}: ${m}`) });
    checks.push(...result.checks);
    raw[suite.name] = result.raw ?? null;
  }

  const failed = checks.filter((c) => verdict(c) === 'FAIL');
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const loadAfter = loadavg()[0]!;
  const busy = Math.max(loadBefore, loadAfter) > cpus().length;
  const load =
    `Load average ${loadBefore.toFixed(1)} at start, ${loadAfter.toFixed(1)} at end` +
    (busy
      ? `: above ${cpus().length} cores, other jobs shared the CPU and figures read low.`
      : '.');
  process.stdout.write(
    [
      '',
      `Custodian benchmark (${chosen.map((s) => s.name).join(', ')}) — MB = 10^6 bytes.`,
      `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ${seconds} s.`,
      load,
      '',
      formatTable(checks),
      '',
      failed.length === 0
        ? 'All targets met.'
        : `${failed.length} target(s) missed: ${failed.map((c) => c.id).join(', ')}.`,
      `JSON: ${RESULTS}`,
      '',
    ].join('\n'),
  );
  await writeJson(RESULTS, {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    seconds: Number(seconds),
    loadAverage: { start: loadBefore, end: loadAfter },
    checks: checks.map((c) => ({ ...c, result: verdict(c) })),
    raw,
  });
  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
