// Peak memory and speed of the scanner CLI (`server/bin/scan.ts`) run as a child process on files
// of different sizes: streaming keeps peak RSS flat in the file size.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { killGroup, nodeWithTsx, ROOT } from './child-process';
import { CLI_TIMEOUT_MS } from './config';

const CLI = 'server/bin/scan.ts';
const GNU_TIME = '/usr/bin/time';
/** How often /proc is read when GNU time is missing; VmHWM is a high-water mark, so no peak is lost. */
const POLL_MS = 20;
/** The CLI's stderr is a summary of counts; keep only its end, for a failure message. */
const STDERR_TAIL_CHARS = 2000;

export interface CliRun {
  fileBytes: number;
  peakRssBytes: number;
  /** Wall time of the child process, start-up (Node, tsx) included. */
  wallMs: number;
  /** 0: no PII, 1: PII found (the expected outcome here), 2: usage error; null when killed. */
  exitCode: number | null;
  timedOut: boolean;
  method: 'gnu-time' | 'proc-vmhwm';
  stderrTail: string;
}

/**
 * Writes `bytes` bytes of `text` repeated to `path`, ending at a line break so the file is whole
 * UTF-8 (a little short of `bytes` when the cut falls inside a line). Returns the size written.
 */
export function writeRepeated(path: string, text: string, bytes: number): number {
  const chunk = Buffer.from(text, 'utf8');
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    while (written < bytes) {
      const room = bytes - written;
      let piece = chunk;
      if (room < chunk.length) {
        const cut = chunk.lastIndexOf(0x0a, room - 1) + 1;
        if (cut === 0) break;
        piece = chunk.subarray(0, cut);
      }
      writeSync(fd, piece);
      written += piece.length;
      if (piece !== chunk) break;
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/** Peak RSS from GNU time's `-o` file: its last line is %M in KiB (earlier lines report status). */
function parseGnuTime(path: string): number {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const kib = Number(lines[lines.length - 1]);
  return Number.isFinite(kib) ? kib * 1024 : NaN;
}

function readVmHwm(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // the process has just exited; the last reading stands
  }
}

/**
 * Runs `node --import tsx server/bin/scan.ts FILE > /dev/null` and measures its peak RSS.
 * `onStart` receives a function that stops the child, for the caller's signal handler.
 */
export function runCli(
  file: string,
  fileBytes: number,
  onStart: (stop: () => void) => void = () => undefined,
): Promise<CliRun> {
  const useTime = existsSync(GNU_TIME);
  const rssFile = join(tmpdir(), `custodian-bench-rss-${process.pid}.txt`);
  const node = nodeWithTsx(CLI, file);
  const [command, ...args] = useTime ? [GNU_TIME, '-f', '%M', '-o', rssFile, ...node] : node;
  const t0 = performance.now();
  // Its own process group, so a time-out can stop GNU time and the Node process under it.
  const child = spawn(command!, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  onStart(() => killGroup(child.pid));
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (data: string) => {
    stderrTail = (stderrTail + data).slice(-STDERR_TAIL_CHARS);
  });
  let polledPeak = 0;
  const poller = useTime
    ? undefined
    : setInterval(() => {
        const hwm = child.pid === undefined ? null : readVmHwm(child.pid);
        if (hwm !== null) polledPeak = Math.max(polledPeak, hwm);
      }, POLL_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, CLI_TIMEOUT_MS);

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      let peakRssBytes = polledPeak;
      if (useTime) {
        peakRssBytes = existsSync(rssFile) ? parseGnuTime(rssFile) : NaN;
        rmSync(rssFile, { force: true });
      }
      resolve({
        fileBytes,
        peakRssBytes,
        wallMs,
        exitCode: timedOut ? null : code,
        timedOut,
        method: useTime ? 'gnu-time' : 'proc-vmhwm',
        stderrTail,
      });
    });
  });
}

/**
 * Writes a temporary file per size from `text` repeated, runs the CLI on it, deletes it. Ctrl-C
 * or SIGTERM also stops the child (in its own process group) and deletes the file, then exits.
 */
export async function benchCliMemory(text: string, sizes: readonly number[]): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  let file = '';
  let stopChild = (): void => undefined;
  const onSignal = (): void => {
    stopChild();
    if (file) rmSync(file, { force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const size of sizes) {
      file = join(tmpdir(), `custodian-bench-${process.pid}-${size}.txt`);
      try {
        const written = writeRepeated(file, text, size);
        runs.push(await runCli(file, written, (stop) => (stopChild = stop)));
      } finally {
        rmSync(file, { force: true });
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return runs;
}
