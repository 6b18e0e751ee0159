// The consent routes of the review console (R6), relative to /admin/api.
import { Hono } from 'hono';
import { DataRequestQueueQuerySchema } from '../../../shared/schema/console-records';
import { readJson } from '../../app/errors';
import { parseQuery, unwrap } from '../http';
import { requireRole, type ConsoleEnv } from '../roles';
import { changeRequestStatus, consentStats, requestQueue, type ConsentStatsDeps } from './service';

/**
 * The consent routes; mount behind the session middleware at `/admin/api`.
 * - `GET /consent/stats?site&from&to` (months `YYYY-MM`, at most 36) → ConsentStats; 400
 *   `bad_query`, `bad_range`; 404 `unknown-site`
 * - `GET /consent/requests?status=open|in-progress|done|refused|pending&limit&offset` →
 *   `{ requests, total }` (each with `dueAt` and `overdue`), the earliest due first
 * - `POST /consent/requests/:requestId/status` (admin) `{ status, note }` → the request; 400
 *   `bad_request`; 404 `unknown-request`; ledger `consent-request-status` and console `request-status`
 *
 * @example
 *   app.route('/admin/api', consentStatsRoutes({ consent, ledger, now: Date.now }));
 *   // GET /admin/api/consent/requests?status=pending → { requests: [{ id, kind: 'deletion', overdue: false, … }], total: 1 }
 */
export function consentStatsRoutes(deps: ConsentStatsDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/consent/stats', requireRole('auditor'), (c) =>
    c.json(unwrap(consentStats(deps, c.req.query()))),
  );
  app.get('/consent/requests', requireRole('auditor'), (c) =>
    c.json(
      requestQueue(
        deps,
        parseQuery(c, DataRequestQueueQuerySchema, '/admin/api/consent/requests?status=pending'),
      ),
    ),
  );
  app.post('/consent/requests/:requestId/status', requireRole('admin'), async (c) =>
    c.json(
      unwrap(
        changeRequestStatus(deps, c.var.operator.name, c.req.param('requestId'), await readJson(c)),
      ),
    ),
  );
  return app;
}
