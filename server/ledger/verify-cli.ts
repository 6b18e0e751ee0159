// `npm run verify`: checks a ledger file, an export file away from the server, or a consent
// receipt, and prints OK with what was checked or what is broken and why. Exit 0 OK, 1 broken,
// 2 usage error.
import type { CliIo } from '../cli';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { openReceipt } from '../../shared/consent';
import {
  canonicalize,
  openCheckpoint,
  parseVerifierKey,
  type Checkpoint,
  type VerifierKey,
} from '../../shared/ledger';
import { SignedReceiptSchema } from '../../shared/schema';
import { exportVerifier } from '../../shared/ledger/export-verify';
import { KEY_FILE_NAME } from './config';
import { ed25519Verifier, nodeHasher, nodeTreeHasher } from './node-crypto';
import { verifyLedger } from './verify';

export type { CliIo } from '../cli';

const USAGE = [
  'usage: npm run verify -- --db FILE [--key KEY_FILE]',
  '       npm run verify -- --export FILE --key KEY_FILE [--last-checkpoint FILE]',
  '       npm run verify -- --receipt FILE [--key KEY_FILE]',
  '  --db FILE               a ledger database (the server may keep running)',
  `  --key KEY_FILE          the ledger's public key (default for --db: ${KEY_FILE_NAME}.pub beside FILE)`,
  '  --export FILE           a file saved from GET /v1/ledger/export',
  '  --last-checkpoint FILE  checks the export extends this checkpoint, then stores the newest one in it',
  '  --receipt FILE          a consent receipt (the SignedReceipt JSON the widget lets you download);',
  '                          without --key it is checked with the key inside it, which you must then',
  '                          compare with GET /v1/ledger/checkpoint -> publicKey',
  '  KEY_FILE may also be the key text itself, <name>+<hash>+<base64>',
].join('\n');

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Map<string, string> {
  const known = new Set(['--db', '--key', '--export', '--last-checkpoint', '--receipt']);
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i]!, argv[i + 1]];
    if (!known.has(name)) throw new UsageError(`unknown option ${name}`);
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${name} needs a value`);
    args.set(name, value);
  }
  if (['--db', '--export', '--receipt'].filter((m) => args.has(m)).length !== 1)
    throw new UsageError('give one of --db, --export or --receipt');
  if (args.has('--export') && !args.has('--key')) {
    throw new UsageError("--export needs --key: the ledger's public key, from a source you trust");
  }
  return args;
}

/** The key in the file at `path`, or `path` itself when it is a key's text. */
function readKey(path: string): VerifierKey {
  if (!existsSync(path)) {
    const inline = parseVerifierKey(nodeHasher, path);
    if (inline.ok) return inline.value;
    throw new UsageError(`no key file at ${path}; pass the ledger's public key with --key FILE`);
  }
  const key = parseVerifierKey(nodeHasher, readFileSync(path, 'utf8'));
  if (!key.ok) throw new UsageError(`${path}: ${key.error}`);
  return key.value;
}

/** Checks a downloaded consent receipt: its signature, and that its body is the signed one. */
function verifyReceipt(file: string, keyPath: string | undefined, io: CliIo): number {
  if (!existsSync(file)) throw new UsageError(`no receipt file at ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${file} is not JSON: give the receipt file as downloaded`);
  }
  const receipt = SignedReceiptSchema.safeParse(json);
  if (!receipt.success) {
    const issue = receipt.error.issues[0];
    io.out(
      `BROKEN: ${file} is not a well-formed receipt (${issue?.path.join('.') || 'top level'}: ${issue?.message}).`,
    );
    return 1;
  }
  const { note, publicKey, body, ledgerIndex } = receipt.data;
  let key: VerifierKey;
  if (keyPath) key = readKey(keyPath);
  else {
    const inside = parseVerifierKey(nodeHasher, publicKey);
    if (!inside.ok) {
      io.out(`BROKEN: the receipt's publicKey is not a key: ${inside.error}`);
      return 1;
    }
    key = inside.value;
  }
  const opened = openReceipt(note, ed25519Verifier(key));
  if (!opened.ok) {
    io.out(`BROKEN: the receipt's signature does not verify: ${opened.error}`);
    io.err(
      'Do not rely on this receipt: it was changed after it was signed, or signed by another key.',
    );
    return 1;
  }
  const signed = canonicalize(opened.value);
  const shown = canonicalize(body);
  if (!signed.ok || !shown.ok || signed.text !== shown.text) {
    io.out("BROKEN: the receipt's body is not the one its note signs (the body was edited).");
    return 1;
  }
  const granted = body.decisions.filter((d) => d.granted).map((d) => d.purpose);
  const refused = body.decisions.filter((d) => !d.granted).map((d) => d.purpose);
  io.out(
    `OK: receipt ${body.receiptId} of ${body.subjectId} on site ${body.site}, policy version ` +
      `${body.policyVersion} (${body.language}), decided ${body.decidedAt}, recorded ${body.recordedAt}`,
  );
  io.out(
    `  granted: ${granted.join(', ') || '(none)'}; refused: ${refused.join(', ') || '(none)'}`,
  );
  io.out(
    `  verification: ${body.verification ? `${body.verification.channel} at ${body.verification.verifiedAt}` : 'none'}; ledger entry ${ledgerIndex}`,
  );
  const used = `${key.name}+${key.keyHash.toString(16).padStart(8, '0')}`;
  if (!keyPath) {
    io.out(
      `  signed by ${publicKey}, THE KEY INSIDE THE RECEIPT: this proves nothing until you compare it ` +
        'with the key the service publishes (GET /v1/ledger/checkpoint -> publicKey), or run again with --key.',
    );
  } else {
    io.out(`  signed by ${used}, the key you gave`);
  }
  return 0;
}

/** The line that says how much of a verified ledger was checked by leaf hash only. */
const prunedNote = (pruned: number) =>
  `  ${pruned} entries pruned past retention: their payloads are gone, their leaf hashes were ` +
  'checked through the tree and the checkpoints';

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
      if (report.pruned) io.out(prunedNote(report.pruned));
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
  if (report.pruned) io.out(prunedNote(report.pruned));
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
    const receipt = args.get('--receipt');
    if (receipt) return verifyReceipt(receipt, args.get('--key'), io);
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
