// The incident register's routes (R21), relative to /admin/api.
import { Hono } from 'hono';
import { PageQuerySchema } from '../../../shared/schema/console-records';
import { readJson } from '../../app/errors';
import { parseQuery, unwrap } from '../http';
import { requireRole, type ConsoleEnv } from '../roles';
import {
  addIncidentStep,
  incidentOf,
  incidentView,
  openIncident,
  type IncidentDeps,
} from './service';

/**
 * The incident routes; mount behind the session middleware at `/admin/api`. Every answer carries
 * the incident's `clock` (its deadlines at the moment of the answer, shared/review incidentClock).
 * - `GET /incidents?limit&offset` → `{ incidents }`, open ones first, the latest discovered first
 * - `POST /incidents` (reviewer) IncidentCreateBody → 201 incident; 400 `bad_request`,
 *   `discovered-in-future`; ledger `incident-opened`
 * - `GET /incidents/:incidentId` → incident; 404 `unknown-incident`
 * - `POST /incidents/:incidentId/steps` (reviewer) IncidentStepBody → incident; 409
 *   `incident-closed`; `closed` closes it; ledger `incident-step`
 *
 * @example
 *   app.route('/admin/api', incidentRoutes({ store, ledger, now: Date.now }));
 *   // POST /admin/api/incidents {"level":1,"title":"Misdirected parcel","discoveredAt":"…"}
 *   // → 201 { incidentId, level: 1, steps: [], clock: [{ step: 'customer-notified', status: 'running', … }] }
 */
export function incidentRoutes(deps: IncidentDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/incidents', requireRole('auditor'), (c) => {
    const { limit, offset } = parseQuery(c, PageQuerySchema, '/admin/api/incidents?limit=50');
    const now = deps.now();
    return c.json({
      incidents: deps.store.incidents(limit, offset).map((i) => incidentView(i, now)),
    });
  });
  app.post('/incidents', requireRole('reviewer'), async (c) => {
    const incident = unwrap(openIncident(deps, c.var.operator.name, await readJson(c)));
    return c.json(incidentView(incident, deps.now()), 201);
  });
  app.get('/incidents/:incidentId', requireRole('auditor'), (c) =>
    c.json(incidentView(unwrap(incidentOf(deps, c.req.param('incidentId'))), deps.now())),
  );
  app.post('/incidents/:incidentId/steps', requireRole('reviewer'), async (c) => {
    const incident = unwrap(
      addIncidentStep(deps, c.var.operator.name, c.req.param('incidentId'), await readJson(c)),
    );
    return c.json(incidentView(incident, deps.now()));
  });

  return app;
}
