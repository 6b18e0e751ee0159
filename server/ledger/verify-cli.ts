// `npm run verify`: checks a ledger file, or an export file away from the server, and prints OK
// with size and root or the first broken entry and why. Exit 0 OK, 1 broken, 2 usage error.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import {
  openCheckpoint,
  parseVerifierKey,
  type Checkpoint,
  type VerifierKey,
} from '../../shared/ledger';
import { exportVerifier } from '../../shared/ledger/export-verify';
import { KEY_FILE_NAME } from './config';
import { ed25519Verifier, nodeHasher, nodeTreeHasher } from './node-crypto';
import { verifyLedger } from './verify';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  'usage: npm run verify -- --db FILE [--key KEY_FILE]',
  '       npm run verify -- --export FILE --key KEY_FILE [--last-checkpoint FILE]',
  '  --db FILE               a ledger database (the server may keep running)',
  `  --key KEY_FILE          the ledger's public key (default for --db: ${KEY_FILE_NAME}.pub beside FILE)`,
  '  --export FILE           a file saved from GET /v1/ledger/export',
  '  --last-checkpoint FILE  checks the export extends this checkpoint, then stores the newest one in it',
].join('\n');

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Map<string, string> {
  const known = new Set(['--db', '--key', '--export', '--last-checkpoint']);
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i]!, argv[i + 1]];
    if (!known.has(name)) throw new UsageError(`unknown option ${name}`);
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${name} needs a value`);
    args.set(name, value);
  }
  if (args.has('--db') === args.has('--export'))
    throw new UsageError('give either --db or --export');
  if (args.has('--export') && !args.has('--key')) {
    throw new UsageError("--export needs --key: the ledger's public key, from a source you trust");
  }
  return args;
}

function readKey(path: string): VerifierKey {
  if (!existsSync(path))
    throw new UsageError(`no key file at ${path}; pass the ledger's public key with --key FILE`);
  const key = parseVerifierKey(nodeHasher, readFileSync(path, 'utf8'));
  if (!key.ok) throw new UsageError(`${path}: ${key.error}`);
  return key.value;
}

function verifyDb(file: string, keyPath: string, io: CliIo): number {
  if (!existsSync(file)) throw new UsageError(`no ledger database at ${file}`);
  const key = readKey(keyPath);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meta'").get();
    const origin = hasMeta
      ? db.prepare<[], string>("SELECT value FROM meta WHERE key = 'origin'").pluck().get()
      : undefined;
    if (!origin) throw new UsageError(`${file} is not a Custodian ledger database`);
    const report = verifyLedger(db, { th: nodeTreeHasher, verifier: ed25519Verifier(key), origin });
    if (report.ok) {
      io.out(
        `OK: ${report.size} entries, root ${report.root}, ${report.checkpoints} signed checkpoints verified`,
      );
      return 0;
    }
    io.out(`BROKEN at entry ${report.index}: ${report.reason}`);
    io.err(
      `Entries before ${report.index} are intact. Keep this file as evidence, restore the ledger from a ` +
        'backup or an export, and find out who had write access to the data directory.',
    );
    return 1;
  } finally {
    db.close();
  }
}

async function verifyExport(
  file: string,
  keyPath: string,
  lastPath: string | undefined,
  io: CliIo,
): Promise<number> {
  if (!existsSync(file)) throw new UsageError(`no export file at ${file}`);
  const key = readKey(keyPath);
  const verifier = ed25519Verifier(key);
  let known: Checkpoint | undefined;
  if (lastPath && existsSync(lastPath)) {
    const cp = openCheckpoint(readFileSync(lastPath, 'utf8'), verifier);
    if (!cp.ok)
      throw new UsageError(`${lastPath} is not a checkpoint signed by this key: ${cp.error}`);
    known = cp.value;
  }
  const check = exportVerifier({ hasher: nodeHasher, th: nodeTreeHasher, key, verifier, known });
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (check.line(line)) break;
  lines.close();
  const report = check.finish();
  if (!report.ok) {
    io.out(`BROKEN at entry ${report.index} (line ${report.line} of ${file}): ${report.reason}`);
    io.err(
      "Do not trust this export. Fetch it again; if it fails again, the server's ledger was altered: report it.",
    );
    return 1;
  }
  const tail = report.unsignedTail
    ? ` (${report.unsignedTail} later entries not yet covered by a signature)`
    : '';
  io.out(
    `OK: ${report.size} entries, root ${report.root}, ${report.checkpoints} signed checkpoints verified${tail}`,
  );
  if (known) io.out(`consistent with your last checkpoint of size ${known.size}`);
  if (lastPath) {
    writeFileSync(lastPath, report.latest);
    io.out(`stored the checkpoint of size ${report.size} in ${lastPath} for next time`);
  }
  return 0;
}

/**
 * Runs the verifier on command-line arguments; returns the exit status.
 *
 * @example
 *   await runVerify(['--db', 'data/ledger.db'], { out: console.log, err: console.error }); // 0
 */
export async function runVerify(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    const db = args.get('--db');
    if (db) return verifyDb(db, args.get('--key') ?? join(dirname(db), `${KEY_FILE_NAME}.pub`), io);
    return await verifyExport(
      args.get('--export')!,
      args.get('--key')!,
      args.get('--last-checkpoint'),
      io,
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`verify: ${error.message}\n${USAGE}`);
    return 2;
  }
}
