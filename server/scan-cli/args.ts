// Command-line arguments of `npm run scan`: which inputs to scan, or why the call is wrong.

export const USAGE = `Usage: npm run scan -- FILE... (use - for standard input)

Scans text files for customer PII and prints one JSON line per finding on stdout:
  {"file":"export.csv","type":"phone","start":120,"end":131,"masked":"138****5678"}
start/end are UTF-16 indices into the file's text; raw values are never printed.
A summary by type goes to stderr.

Exit status: 0 nothing found, 1 PII found, 2 usage error or unreadable input.`;

export type ScanArgs =
  { kind: 'scan'; files: string[] } | { kind: 'help' } | { kind: 'error'; message: string };

/**
 * Parses the CLI's arguments (without node and script).
 * @example parseScanArgs(['a.csv', '-']) // { kind: 'scan', files: ['a.csv', '-'] }
 */
export function parseScanArgs(argv: readonly string[]): ScanArgs {
  const files: string[] = [];
  let optionsEnded = false;
  for (const arg of argv) {
    if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && (arg === '-h' || arg === '--help')) return { kind: 'help' };
    else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      return {
        kind: 'error',
        message: `unknown option '${arg}'. The scanner takes only file names; to scan a file whose name starts with '-', put '--' before it.`,
      };
    } else files.push(arg);
  }
  if (files.length === 0) {
    return { kind: 'error', message: 'no input given. Name one or more files, or - for stdin.' };
  }
  if (files.filter((f) => f === '-').length > 1) {
    return { kind: 'error', message: "standard input ('-') can be read only once; name it once." };
  }
  return { kind: 'scan', files };
}
