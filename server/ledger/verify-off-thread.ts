// Verifying the whole ledger without stopping the service: the work runs in a worker thread
// (verify-worker.ts) over its own read-only connection, and callers that ask while one runs
// share its answer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { VerifyReportSchema, type VerifyReport } from '../../shared/schema/ledger';

/** What the worker posts: the report, or why there is none. */
const AnswerSchema = z.union([VerifyReportSchema, z.strictObject({ error: z.string() })]);

export interface VerifyJob {
  path: string;
  publicKey: string;
  origin: string;
}

/**
 * tsx's loader API (its ES module, as package.json's exports name it), found from here: the
 * worker's own code resolves from no folder, and the CommonJS form of the API fails under vitest.
 */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = TsxManifestSchema.parse(JSON.parse(readFileSync(manifest, 'utf8')));
  return new URL(exports['./esm/api'].import.default, pathToFileURL(manifest)).href;
}

const TsxManifestSchema = z.object({
  exports: z.object({
    './esm/api': z.object({ import: z.object({ default: z.string().startsWith('./') }) }),
  }),
});

/**
 * The worker, loading verify-worker.ts through tsx's loader: the service runs from TypeScript
 * source, and Node 20 does not pass a loader given with --import on to worker threads.
 */
function workerOf(job: VerifyJob): Worker {
  const module = new URL('./verify-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(module)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

/**
 * A function that verifies the ledger `job` names in a worker thread. Contract:
 * - the service's thread only starts the worker and parses its report (the report crosses a
 *   thread boundary: parsed with VerifyReportSchema, never trusted as typed);
 * - calls made while a verification runs get that verification's report;
 * - a worker that fails (unreadable file, bad key) rejects with its reason.
 *
 * @example
 *   const verify = verifierOffThread({ path: 'data/ledger.db', publicKey, origin });
 *   await verify(); // { ok: true, size: 1000000, root: '…', checkpoints: 1000 }
 */
export function verifierOffThread(job: VerifyJob): () => Promise<VerifyReport> {
  let running: Promise<VerifyReport> | undefined;
  const run = () =>
    new Promise<VerifyReport>((resolve, reject) => {
      const worker = workerOf(job);
      let answer: z.infer<typeof AnswerSchema> | undefined;
      worker.once('message', (message: unknown) => {
        const parsed = AnswerSchema.safeParse(message);
        answer = parsed.success ? parsed.data : { error: 'the worker sent something else' };
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (answer && !('error' in answer)) resolve(answer);
        else {
          const why = answer?.error ?? `it stopped without a report (exit ${code})`;
          reject(new Error(`The ledger could not be verified: ${why}.`));
        }
      });
    });
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
