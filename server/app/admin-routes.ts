// The admin API of access governance (issue 6: R12, R14, R16): staff members and their enrollment
// codes, grants, the staff policy, and second-level review. Operators authenticate with their
// `cop_…` token; auditors read, reviewers also decide reviews, admins do everything.
import { Hono, type MiddlewareHandler } from 'hono';
import type { OperatorRole } from '../../shared/schema';
import type { GovernanceService, OperatorRow } from '../staff';
import { readJson } from './errors';
import { limitGovernanceBody, unwrap } from './staff-routes';

type AdminEnv = { Variables: { operator: OperatorRow } };

const ANY: readonly OperatorRole[] = ['auditor', 'reviewer', 'admin'];
const DECIDE: readonly OperatorRole[] = ['reviewer', 'admin'];
const MANAGE: readonly OperatorRole[] = ['admin'];

/**
 * The admin routes, to mount on the app: `app.route('/', adminRoutes(governance))`. All take
 * `Authorization: Bearer cop_…` (401 without a known token, 403 for a role that may not).
 * - `POST /v1/admin/staff` (admin) CreateStaffBody → 201 `{ staff, enrollment }`; 409 `staff-exists`
 * - `GET /v1/admin/staff` → `{ staff }`; `GET /v1/admin/staff/:staffId` → `{ staff, grants }`; 404
 * - `POST /v1/admin/staff/:staffId/enrollment` (admin) → 201 `{ code, expiresAt }`
 * - `POST /v1/admin/staff/:staffId/totp/reset` (admin) → 200 `{ staffId, wasActive }`: the
 *   authenticator withdrawn; the staff member's next enrollment registers a new one
 * - `POST /v1/admin/staff/:staffId/grants` (admin) CreateGrantBody → 201 Grant; 400 `unknown-role`,
 *   `bad-expiry`
 * - `POST /v1/admin/grants/:grantId/change` | `/revoke` (admin) → 200 Grant; 409 `grant-revoked`
 * - `PUT /v1/admin/policy` (admin) the policy JSON → 200 SignedPolicy; 400 `bad-policy` listing
 *   every problem; `GET /v1/admin/policy` → 200 SignedPolicy, 404 `no-policy`
 * - `GET /v1/admin/reviews[?status=open|approved|rejected]` → `{ cases }` newest first;
 *   `GET /v1/admin/reviews/:caseId` → `{ case }`;
 *   `POST /v1/admin/reviews/:caseId/decision` (reviewer, admin) → 200 ReviewCase; 409 `review-decided`
 * Every change is a ledger entry (kind `governance`) naming the operator.
 *
 * @example
 *   await adminRoutes(governance).request('/v1/admin/staff', {
 *     method: 'POST',
 *     headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
 *     body: JSON.stringify({ staffId: 'CS-0420', name: '王芳' }),
 *   }); // 201 { staff: { staffId: 'CS-0420', … }, enrollment: { code: 'ENR-…', expiresAt } }
 */
export function adminRoutes(governance: GovernanceService): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const as =
    (roles: readonly OperatorRole[]): MiddlewareHandler<AdminEnv> =>
    async (c, next) => {
      c.set('operator', unwrap(c, governance.operator(c.req.header('authorization'), roles)));
      c.header('Cache-Control', 'no-store');
      await next();
    };
  app.post('/v1/admin/*', limitGovernanceBody);
  app.put('/v1/admin/*', limitGovernanceBody);

  app.post('/v1/admin/staff', as(MANAGE), async (c) =>
    c.json(unwrap(c, governance.createStaff(c.var.operator.name, await readJson(c))), 201),
  );
  app.get('/v1/admin/staff', as(ANY), (c) => c.json({ staff: governance.listStaff() }));
  app.get('/v1/admin/staff/:staffId', as(ANY), (c) =>
    c.json(unwrap(c, governance.staffDetail(c.req.param('staffId')))),
  );
  app.post('/v1/admin/staff/:staffId/enrollment', as(MANAGE), (c) =>
    c.json(unwrap(c, governance.issueEnrollment(c.var.operator.name, c.req.param('staffId'))), 201),
  );
  app.post('/v1/admin/staff/:staffId/totp/reset', as(MANAGE), (c) =>
    c.json(unwrap(c, governance.resetStaffTotp(c.var.operator.name, c.req.param('staffId')))),
  );
  app.post('/v1/admin/staff/:staffId/grants', as(MANAGE), async (c) =>
    c.json(
      unwrap(
        c,
        governance.createGrant(c.var.operator.name, c.req.param('staffId'), await readJson(c)),
      ),
      201,
    ),
  );

  app.post('/v1/admin/grants/:grantId/change', as(MANAGE), async (c) =>
    c.json(
      unwrap(
        c,
        governance.changeGrant(c.var.operator.name, c.req.param('grantId'), await readJson(c)),
      ),
    ),
  );
  app.post('/v1/admin/grants/:grantId/revoke', as(MANAGE), async (c) =>
    c.json(
      unwrap(
        c,
        governance.revokeGrant(c.var.operator.name, c.req.param('grantId'), await readJson(c)),
      ),
    ),
  );

  app.put('/v1/admin/policy', as(MANAGE), async (c) =>
    c.json(unwrap(c, governance.publishPolicy(c.var.operator.name, await readJson(c)))),
  );
  app.get('/v1/admin/policy', as(ANY), (c) => c.json(unwrap(c, governance.policy())));

  app.get('/v1/admin/reviews', as(ANY), (c) =>
    c.json({ cases: unwrap(c, governance.reviews(c.req.query('status'))) }),
  );
  app.get('/v1/admin/reviews/:caseId', as(ANY), (c) =>
    c.json({ case: unwrap(c, governance.review(c.req.param('caseId'))) }),
  );
  app.post('/v1/admin/reviews/:caseId/decision', as(DECIDE), async (c) =>
    c.json(
      unwrap(
        c,
        governance.decideReview(c.var.operator.name, c.req.param('caseId'), await readJson(c)),
      ),
    ),
  );

  return app;
}
