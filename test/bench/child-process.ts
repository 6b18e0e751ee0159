// Starting the benchmark's child processes: Node with tsx from the repository root, and stopping them.
import { fileURLToPath } from 'node:url';

/** The repository root: children run from it, so `--import tsx` and relative paths resolve. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Command line running a TypeScript file (relative to ROOT) with this Node and tsx. */
export function nodeWithTsx(script: string, ...args: string[]): string[] {
  return [process.execPath, '--import', 'tsx', script, ...args];
}

/** SIGKILLs a process group started with `detached: true`; a group already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: it has exited on its own
  }
}
