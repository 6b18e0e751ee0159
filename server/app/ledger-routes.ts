// The ledger's HTTP routes (issue 4, R17): the latest signed checkpoint, inclusion and consistency
// proofs, verification, and export as JSON lines. Query strings are parsed with the shared zod
// schemas; bad input is a 400 naming the field, never a 500.
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Ledger } from '../ledger';
import {
  ConsistencyQuerySchema,
  ExportQuerySchema,
  InclusionQuerySchema,
  type CheckpointResponse,
} from '../../shared/schema/ledger';
import { AppError } from './errors';
import { streamLines } from './stream-lines';

/** The query, parsed, or a 400 that names the first bad field and shows a good request. */
function parseQuery<S extends z.ZodType>(c: Context, schema: S, example: string): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'query');
  throw new AppError(
    400,
    'bad_query',
    `Query parameter ${field} is missing or not a whole number (0, 1, 2, …). Example: ${example}`,
  );
}

/** Turns a ledger refusal (an index beyond the log, say) into a 400 naming the field. */
function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: string; field?: string },
): T {
  if (result.ok) return result.value;
  throw new AppError(
    400,
    'bad_query',
    `Query parameter ${result.field ?? 'query'}: ${result.error}`,
  );
}

/**
 * The ledger routes, to mount on the app: `app.route('/', ledgerRoutes(ledger))`.
 * - `GET /v1/ledger/checkpoint` → `{ origin, size, root, note, publicKey }`; with
 *   `Accept: text/plain`, the signed note alone, as tlog tools fetch it
 * - `GET /v1/ledger/proof/inclusion?index=&size=` → `{ index, size, leafHash, root, hashes }`
 * - `GET /v1/ledger/proof/consistency?from=&to=` → `{ from, to, fromRoot, toRoot, hashes }`
 * - `GET /v1/ledger/verify` → `{ ok: true, size, root, checkpoints }` or `{ ok: false, index, reason }`
 * - `GET /v1/ledger/export?from=&to=` → JSON lines (default: everything up to the latest checkpoint)
 *
 * @example
 *   const res = await ledgerRoutes(ledger).request('/v1/ledger/proof/inclusion?index=0&size=1');
 *   await res.json(); // { index: 0, size: 1, leafHash: '…', root: '…', hashes: [] }
 */
export function ledgerRoutes(ledger: Ledger): Hono {
  const app = new Hono();

  app.get('/v1/ledger/checkpoint', (c) => {
    const cp = ledger.latestCheckpoint();
    if (c.req.header('accept')?.startsWith('text/plain')) {
      return c.text(cp.note, 200, { 'content-type': 'text/plain; charset=utf-8' });
    }
    const { origin, size, root, note } = cp;
    return c.json<CheckpointResponse>({ origin, size, root, note, publicKey: ledger.publicKey });
  });

  app.get('/v1/ledger/proof/inclusion', (c) => {
    const { index, size } = parseQuery(
      c,
      InclusionQuerySchema,
      '/v1/ledger/proof/inclusion?index=0&size=1',
    );
    return c.json(unwrap(ledger.inclusionProof(index, size)));
  });

  app.get('/v1/ledger/proof/consistency', (c) => {
    const { from, to } = parseQuery(
      c,
      ConsistencyQuerySchema,
      '/v1/ledger/proof/consistency?from=1&to=2',
    );
    return c.json(unwrap(ledger.consistencyProof(from, to)));
  });

  app.get('/v1/ledger/verify', async (c) => c.json(await ledger.verifyInBackground()));

  app.get('/v1/ledger/export', (c) => {
    const { from, to } = parseQuery(c, ExportQuerySchema, '/v1/ledger/export?from=0&to=1000');
    const body = streamLines(unwrap(ledger.exportRange(from, to)));
    return c.body(body, 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': 'attachment; filename="ledger-export.jsonl"',
    });
  });

  return app;
}
