// The worker thread of verify-off-thread.ts: opens the ledger file read-only (WAL lets it read
// beside the live writer), verifies it from scratch and posts the report. A verification of a
// million entries takes seconds of CPU, which on the service's own thread would stall ingest and
// every other request for as long.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { parseVerifierKey } from '../../shared/ledger';
import type { VerifyReport } from '../../shared/schema/ledger';
import { ed25519Verifier, nodeHasher, nodeTreeHasher } from './node-crypto';
import { verifyLedger } from './verify';

/** What verify-off-thread.ts hands over: where the ledger is and whose key signs it. */
export const VerifyJobSchema = z.strictObject({
  path: z.string().min(1),
  publicKey: z.string().min(1),
  origin: z.string().min(1),
});

/** The report, or why there is none: an error object would not survive the trip whole. */
function verify(): VerifyReport | { error: string } {
  try {
    const job = VerifyJobSchema.parse(workerData);
    const key = parseVerifierKey(nodeHasher, job.publicKey);
    if (!key.ok) return { error: `The ledger's public key does not parse: ${key.error}` };
    const db = new Database(job.path, { readonly: true, fileMustExist: true });
    try {
      return verifyLedger(db, {
        th: nodeTreeHasher,
        verifier: ed25519Verifier(key.value),
        origin: job.origin,
      });
    } finally {
      db.close();
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(verify());
