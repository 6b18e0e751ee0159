// The benchmark's results as checks against targets: a readable table for people, JSON for tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Check {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Absent for figures printed for information only. */
  target?: Target;
  /** How the figure was obtained (input size, runs, best time): one line. */
  detail: string;
}

export type Verdict = 'PASS' | 'FAIL' | 'info';

/** PASS when the value meets its target; NaN (a run that did not finish) always fails. */
export function verdict(check: Check): Verdict {
  if (!check.target) return 'info';
  const { op, value } = check.target;
  const ok = op === '>=' ? check.value >= value : check.value <= value;
  return ok ? 'PASS' : 'FAIL';
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

function withUnit(value: number, unit: string): string {
  if (unit === '×') return `${formatNumber(value)}×`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** A fixed-width table: label, value, target, verdict; each check's detail on the line below. */
export function formatTable(checks: readonly Check[]): string {
  const rows = checks.map((c) => [
    c.label,
    withUnit(c.value, c.unit),
    c.target ? `${c.target.op === '>=' ? '≥' : '≤'} ${withUnit(c.target.value, c.unit)}` : '—',
    verdict(c),
  ]);
  const header = ['measurement', 'value', 'target', 'result'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, col) => (col === 1 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  rows.forEach((row, i) => {
    out.push(line(row));
    out.push(`    ${checks[i]!.detail}`);
  });
  return out.join('\n');
}

/** Writes `data` as JSON formatted as the repository's Prettier would, so `npm run lint` passes. */
export async function writeJson(path: string, data: unknown): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(data), { ...options, filepath: path }));
}
