// The integrity routes of the review console (R17), relative to /admin/api.
import { Hono } from 'hono';
import { unwrap, streamLines } from '../http';
import { requireRole, type ConsoleEnv } from '../roles';
import {
  EXPORT_FILE_NAME,
  exportLedger,
  integrityReport,
  runVerify,
  type IntegrityDeps,
} from './service';

/**
 * The integrity routes; mount behind the session middleware at `/admin/api`.
 * - `GET /integrity` → `{ verify: VerifyReport & { checkedAt }, checkpoint, publicKey, size,
 *   commands }` (the last verification, run on first use)
 * - `POST /integrity/verify` (admin) → the same, after verifying the whole ledger again
 * - `GET /integrity/export?from&to` → the ledger export as a JSON-lines download
 *   (`npm run verify -- --export`), streamed; 400 `bad_query`; ledger `exported`, format `ledger`
 *
 * @example
 *   app.route('/admin/api', integrityRoutes({ store, ledger, now: Date.now, ledgerPath: 'data/ledger.db' }));
 *   // GET /admin/api/integrity → { verify: { ok: true, size: 5120, …, checkedAt }, commands: ['npm run verify -- …'] }
 */
export function integrityRoutes(deps: IntegrityDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const origin = (url: string) => new URL(url).origin;

  app.get('/integrity', requireRole('auditor'), async (c) =>
    c.json(await integrityReport(deps, origin(c.req.url))),
  );
  app.post('/integrity/verify', requireRole('admin'), async (c) => {
    await runVerify(deps);
    return c.json(await integrityReport(deps, origin(c.req.url)));
  });
  app.get('/integrity/export', requireRole('auditor'), (c) => {
    const { lines } = unwrap(
      exportLedger(deps, c.var.operator.name, c.req.query(), new URL(c.req.url).search),
    );
    return c.body(streamLines(lines), 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${EXPORT_FILE_NAME}"`,
      'cache-control': 'no-store',
    });
  });

  return app;
}
