// The spot-check routes of the review console (R18), relative to /admin/api.
import { Hono } from 'hono';
import { PageQuerySchema } from '../../../shared/schema/console-records';
import { readJson } from '../../app/errors';
import { parseQuery, unwrap } from '../http';
import { requireRole, type ConsoleEnv } from '../roles';
import {
  addFinding,
  drawSpotCheck,
  signSpotCheck,
  spotCheckDetail,
  type SpotCheckDeps,
} from './service';

/**
 * The spot-check routes; mount behind the session middleware at `/admin/api`.
 * - `POST /spot-checks` (reviewer) SpotCheckCreateBody → 201 SpotCheck; 400 `bad_request`,
 *   `quarter-not-started`; ledger `spot-check-drawn`
 * - `GET /spot-checks?limit&offset` → `{ checks }`, the newest first
 * - `GET /spot-checks/:checkId` → `{ check, events }` (the sampled events); 404 `unknown-spot-check`
 * - `POST /spot-checks/:checkId/findings` (reviewer) FindingBody → SpotCheck; 400 `not-in-sample`;
 *   409 `spot-check-signed`
 * - `POST /spot-checks/:checkId/sign` (reviewer) → SpotCheck; 400 `findings-missing`; 409
 *   `spot-check-signed`; ledger `spot-check-signed` with the whole check
 *
 * @example
 *   app.route('/admin/api', spotCheckRoutes({ store, ledger, activity, grants, now: Date.now }));
 *   // POST /admin/api/spot-checks {"quarter":"2026-Q3","roles":["data-admin"]} → 201 { checkId, seed, sample, … }
 */
export function spotCheckRoutes(deps: SpotCheckDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.post('/spot-checks', requireRole('reviewer'), async (c) =>
    c.json(unwrap(drawSpotCheck(deps, c.var.operator.name, await readJson(c))), 201),
  );
  app.get('/spot-checks', requireRole('auditor'), (c) => {
    const { limit, offset } = parseQuery(c, PageQuerySchema, '/admin/api/spot-checks?limit=50');
    return c.json({ checks: deps.store.checks(limit, offset) });
  });
  app.get('/spot-checks/:checkId', requireRole('auditor'), (c) =>
    c.json(unwrap(spotCheckDetail(deps, c.req.param('checkId')))),
  );
  app.post('/spot-checks/:checkId/findings', requireRole('reviewer'), async (c) =>
    c.json(
      unwrap(addFinding(deps, c.var.operator.name, c.req.param('checkId'), await readJson(c))),
    ),
  );
  app.post('/spot-checks/:checkId/sign', requireRole('reviewer'), (c) =>
    c.json(unwrap(signSpotCheck(deps, c.var.operator.name, c.req.param('checkId')))),
  );

  return app;
}
