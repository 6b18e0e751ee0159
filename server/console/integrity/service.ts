// The integrity page (R17): the last verification of the whole ledger (cached, since it reads
// every entry; rerun on demand), the latest signed checkpoint and the public key, and the commands
// that check an export away from the server; also the export itself, recorded as taken out.
import type { IntegrityResponse } from '../../../shared/schema/console-records';
import { ExportQuerySchema } from '../../../shared/schema/ledger';
import { done, issuesText, refuse, type Outcome } from '../../consent/problems';
import type { Ledger } from '../../ledger';
import type { ConsoleStore, VerifyRun } from '../console-store';
import { isoAt } from '../http';
import { record } from '../record';

export interface IntegrityDeps {
  store: ConsoleStore;
  ledger: Ledger;
  now: () => number;
  /** The ledger's file on the server, for the `--db` command; left out when not given. */
  ledgerPath?: string | undefined;
}

/** The name the console's export downloads as, and the commands refer to. */
export const EXPORT_FILE_NAME = 'custodian-ledger.jsonl';

/** A word the shell passes through unchanged, else the word in single quotes. */
const shellWord = (word: string): string =>
  /^[A-Za-z0-9_./:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Verifies the whole ledger now, in a worker thread, and keeps the result
 * (`POST /admin/api/integrity/verify`).
 *
 * @example
 *   await runVerify(deps); // { ok: true, size: 5120, root: '…', checkpoints: 6, checkedAt: '…' }
 */
export async function runVerify(deps: IntegrityDeps): Promise<VerifyRun> {
  const report = await deps.ledger.verifyInBackground();
  const run: VerifyRun = { ...report, checkedAt: isoAt(deps.now()) };
  deps.store.putVerifyRun(run);
  return run;
}

/**
 * What the integrity page shows (`GET /admin/api/integrity`): the last verification (run now
 * if there was none yet), the latest checkpoint, the public key, the size and the commands.
 * `origin` is the server's, as the browser reached it, for the download command.
 *
 * @example
 *   await integrityReport(deps, 'https://audit.example');
 *   // { verify: { ok: true, …, checkedAt }, checkpoint: { size, root, note, … }, publicKey, size, commands }
 */
export async function integrityReport(
  deps: IntegrityDeps,
  origin: string,
): Promise<IntegrityResponse> {
  const verify = deps.store.lastVerifyRun() ?? (await runVerify(deps));
  const { ledger } = deps;
  const cp = ledger.latestCheckpoint();
  const key = shellWord(ledger.publicKey);
  return {
    verify,
    checkpoint: {
      origin: cp.origin,
      size: cp.size,
      root: cp.root,
      note: cp.note,
      publicKey: ledger.publicKey,
    },
    publicKey: ledger.publicKey,
    size: ledger.size(),
    commands: [
      `curl -fsS -o ${EXPORT_FILE_NAME} ${shellWord(`${origin}/v1/ledger/export`)}`,
      `npm run verify -- --export ${EXPORT_FILE_NAME} --key ${key}`,
      `npm run verify -- --export ${EXPORT_FILE_NAME} --key ${key} --last-checkpoint last-checkpoint.txt`,
      ...(deps.ledgerPath ? [`npm run verify -- --db ${shellWord(deps.ledgerPath)}`] : []),
    ],
  };
}

/**
 * The ledger export a console download streams (`GET /admin/api/integrity/export?from&to`),
 * recorded first as `exported` (format `ledger`). Without `to`, a checkpoint is signed after that
 * entry and the export runs to it, so the download is signed to its end and holds its own record.
 *
 * @example
 *   const out = exportLedger(deps, 'audit-01', {}, '');
 *   if (out.ok) for (const line of out.value.lines) write(line);
 */
export function exportLedger(
  deps: IntegrityDeps,
  by: string,
  input: unknown,
  search: string,
): Outcome<{ lines: Iterable<string>; from: number; to: number }> {
  const query = ExportQuerySchema.safeParse(input);
  if (!query.success) {
    return refuse(
      400,
      'bad_query',
      `The query is not valid (${issuesText(query.error.issues)}). Example: /admin/api/integrity/export?from=0&to=1000, or no query for everything.`,
    );
  }
  const { ledger } = deps;
  const from = query.data.from ?? 0;
  const size = ledger.size();
  // Without `to`, the export ends after the entry recording it.
  const to = query.data.to ?? size + 1;
  if (query.data.to !== undefined && query.data.to > size) {
    return refuse(400, 'bad_query', `to (${query.data.to}) is beyond the ledger's size, ${size}.`);
  }
  if (from > to) return refuse(400, 'bad_query', `from (${from}) must be at most to (${to}).`);
  record(ledger, {
    kind: 'exported',
    by,
    at: isoAt(deps.now()),
    what: 'ledger',
    format: 'ledger',
    query: search,
    rows: to - from,
  });
  if (query.data.to === undefined) ledger.checkpoint();
  const lines = ledger.exportRange(from, to);
  // Checked above against a size that has only grown since: a refusal here is a bug.
  if (!lines.ok) throw new Error(`ledger export: ${lines.error}`);
  return done({ lines: lines.value, from, to });
}
