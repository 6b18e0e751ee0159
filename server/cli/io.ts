// What every command of ours writes to: lines for people on stdout, problems on stderr. Tests pass
// an io that collects the lines.

/** Where a command's output goes. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A bad command line: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
