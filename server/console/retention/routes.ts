// The retention routes of the review console (R10), relative to /admin/api.
import { Hono } from 'hono';
import { readJson } from '../../app/errors';
import { unwrap } from '../http';
import { requireRole, type ConsoleEnv } from '../roles';
import { destroyDue, retentionReport, type RetentionDeps } from './service';

/**
 * The retention routes; mount behind the session middleware at `/admin/api`.
 * - `GET /retention` → `{ checkedAt, due: [{ kind, what, rule, count, oldest }], ledger }`
 * - `POST /retention/destroy` (admin) `{ kind }` → `{ kind, destroyed }`; 400 `bad_request`;
 *   ledger `retention-destroyed` with the count and the rule
 *
 * @example
 *   app.route('/admin/api', retentionRoutes({ records: consent.records, ledger, now: Date.now }));
 *   // POST /admin/api/retention/destroy {"kind":"verification-contacts"} → { kind, destroyed: 3 }
 */
export function retentionRoutes(deps: RetentionDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/retention', requireRole('auditor'), (c) => c.json(retentionReport(deps)));
  app.post('/retention/destroy', requireRole('admin'), async (c) =>
    c.json(unwrap(destroyDue(deps, c.var.operator.name, await readJson(c)))),
  );
  return app;
}
