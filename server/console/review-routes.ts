// The console's second-level reviews (issue 7, R16): the queue of cases the behaviour rules opened,
// each with the staff member's events of that day, and the decision, taken through the governance
// service (its ledger entry names the signed-in operator) like the admin API's.
import { Hono } from 'hono';
import { z } from 'zod';
import { localTime } from '../../shared/rules';
import type { ActivityIndex } from '../activity';
import { readJson } from '../app/errors';
import type { GovernanceService } from '../staff';
import { parseQuery, unwrap } from './http';
import { requireRole, type ConsoleEnv } from './roles';

/** Events of the case's day one detail answers; `next` pages on. */
export const CASE_EVENTS_PAGE = 200;

const CaseEventsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(-1).optional(),
});

export interface ReviewDeps {
  governance: Pick<GovernanceService, 'reviews' | 'review' | 'decideReview'>;
  activity: Pick<ActivityIndex, 'events' | 'timeZone'>;
}

/**
 * The review routes; mount behind the session middleware at `/admin/api`.
 * - `GET /reviews?status=open|approved|rejected` → `{ cases }`, newest first; 400 `bad_query`
 * - `GET /reviews/:caseId[?after]` → `{ case, events: { rows, next } }`: the staff member's events
 *   on the day (in the rules' time zone) of the action that opened the case; 404 `unknown-case`
 * - `POST /reviews/:caseId/decision` (reviewer) ReviewDecisionBody → ReviewCase; 409
 *   `review-decided`; the governance ledger entry `review-decided` names the operator
 *
 * @example
 *   api.route('/', reviewRoutes({ governance, activity }));
 *   // POST /admin/api/reviews/0190…/decision {"decision":"approve","comment":"Year-end campaign calls."}
 *   // → { caseId, status: 'approved', decidedBy: 'zhao.min', … }
 */
export function reviewRoutes(deps: ReviewDeps): Hono<ConsoleEnv> {
  const { governance, activity } = deps;
  const app = new Hono<ConsoleEnv>();

  app.get('/reviews', requireRole('auditor'), (c) =>
    c.json({ cases: unwrap(governance.reviews(c.req.query('status'))) }),
  );

  app.get('/reviews/:caseId', requireRole('auditor'), (c) => {
    const found = unwrap(governance.review(c.req.param('caseId')));
    const { after } = parseQuery(c, CaseEventsQuerySchema, `/admin/api/reviews/${found.caseId}`);
    const day = localTime(Date.parse(found.trigger.at), activity.timeZone).date;
    const events = activity.events({
      from: day,
      to: day,
      staffId: found.staffId,
      after,
      limit: CASE_EVENTS_PAGE,
    });
    return c.json({ case: found, events });
  });

  app.post('/reviews/:caseId/decision', requireRole('reviewer'), async (c) =>
    c.json(
      unwrap(
        governance.decideReview(c.var.operator.name, c.req.param('caseId'), await readJson(c)),
      ),
    ),
  );

  return app;
}
