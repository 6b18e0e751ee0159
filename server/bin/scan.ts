// Entry of `npm run scan -- FILE...`: wires arguments, files and standard streams to the scanner.
import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import type { PiiType } from '../../shared/pii';
import { parseScanArgs, scanStream, summarize, USAGE } from '../scan-cli';

const EXIT_CLEAN = 0;
const EXIT_FOUND = 1;
const EXIT_USAGE = 2;

/** Why `file` cannot be scanned, as a sentence that says what to do; null when it can. */
async function unreadable(file: string): Promise<string | null> {
  try {
    await access(file, constants.R_OK);
    if ((await stat(file)).isDirectory()) {
      return `'${file}' is a directory. Name the files in it, e.g. npm run scan -- '${file}'/*.csv`;
    }
    return null;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return `cannot read '${file}' (${code}). Check the path and its permissions.`;
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return EXIT_CLEAN;
  }
  if (args.kind === 'error') {
    process.stderr.write(`custodian scan: ${args.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  // Check every input before printing anything, so a typo does not leave half a report.
  for (const file of args.files) {
    if (file === '-') continue;
    const problem = await unreadable(file);
    if (problem) {
      process.stderr.write(`custodian scan: ${problem}\n`);
      return EXIT_USAGE;
    }
  }
  const counts = new Map<PiiType, number>();
  for (const file of args.files) {
    const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
    await scanStream(input, file, process.stdout, counts);
  }
  process.stderr.write(summarize(counts, args.files.length) + '\n');
  return counts.size > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `custodian scan: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = EXIT_USAGE;
  },
);
