// The staff device's routes (issue 6: R12, R13, R16): enroll with a one-time code, register and use
// the TOTP second factor, read what the staff member may do and the signed policy, and ask before
// every reveal. Every route but enrollment takes the device token the event sync uses.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Outcome } from '../consent';
import { MAX_GOVERNANCE_BODY_BYTES, type GovernanceService, type StaffDevice } from '../staff';
import { AppError, readJson } from './errors';

/** The value, or the problem as an AppError (with Retry-After on a 429). */
export function unwrap<T>(c: Context, outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { status, code, message, retryAfterSeconds } = outcome;
  if (retryAfterSeconds) c.header('Retry-After', String(retryAfterSeconds));
  throw new AppError(status, code, message);
}

/** Bodies over MAX_GOVERNANCE_BODY_BYTES are a 413. */
export const limitGovernanceBody = bodyLimit({
  maxSize: MAX_GOVERNANCE_BODY_BYTES,
  onError: () => {
    throw new AppError(
      413,
      'payload_too_large',
      `A request body may be at most ${MAX_GOVERNANCE_BODY_BYTES} bytes; check what is being sent.`,
    );
  },
});

type StaffEnv = { Variables: { who: StaffDevice } };

/** Authenticates the device token: 401 none or unknown, 403 `not-enrolled` for an unbound one. */
const staffDevice =
  (governance: GovernanceService): MiddlewareHandler<StaffEnv> =>
  async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    c.set('who', unwrap(c, governance.device(c.req.header('authorization'))));
    await next();
  };

/**
 * The staff routes, to mount on the app: `app.route('/', staffRoutes(governance))`.
 * - `POST /v1/enroll` (no credentials) `{ code, deviceLabel }` → 201 EnrollResponse; 401 `enrollment-invalid`
 * - `POST /v1/staff/totp/confirm` `{ code }` → 200 `{ totpActive: true }`; 400 `totp-wrong`; 409 `totp-active`
 * - `POST /v1/staff/unlock` `{ code }` → 200 `{ unlockedUntil }`; 400 `totp-wrong` | `totp-replayed`;
 *   409 `totp-not-registered`; 429 `totp-locked` with Retry-After
 * - `GET /v1/staff/status` → 200 StaffStatus; `GET /v1/staff/policy` → 200 SignedPolicy, 404 `no-policy`
 * - `POST /v1/staff/reveals` RevealAuthorizeBody → 200 RevealVerdict (refusals are answers)
 * Device routes answer 401 without a known token and 403 `not-enrolled` for one bound to nobody.
 * CORS is open: the extension calls from its own origin, and the token, not cookies, authenticates.
 *
 * @example
 *   const res = await staffRoutes(governance).request('/v1/staff/status', {
 *     headers: { authorization: `Bearer ${deviceToken}` },
 *   });
 *   await res.json(); // { staffId: 'CS-0420', totpActive: true, unlockedUntil: null, … }
 */
export function staffRoutes(governance: GovernanceService): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const open = cors({
    origin: '*',
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['authorization', 'content-type'],
    exposeHeaders: ['Retry-After'],
  });
  app.use('/v1/enroll', open);
  app.use('/v1/staff/*', open);
  app.post('/v1/enroll', limitGovernanceBody);
  app.post('/v1/staff/*', limitGovernanceBody);
  app.use('/v1/staff/*', staffDevice(governance));

  app.post('/v1/enroll', async (c) => {
    const enrolled = unwrap(c, governance.enroll(await readJson(c)));
    c.header('Cache-Control', 'no-store');
    return c.json(enrolled, 201);
  });

  app.post('/v1/staff/totp/confirm', async (c) =>
    c.json(unwrap(c, governance.confirmTotp(c.var.who, await readJson(c)))),
  );

  app.post('/v1/staff/unlock', async (c) =>
    c.json(unwrap(c, governance.unlock(c.var.who, await readJson(c)))),
  );

  app.get('/v1/staff/status', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(governance.status(c.var.who));
  });

  app.get('/v1/staff/policy', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(unwrap(c, governance.policy()));
  });

  app.post('/v1/staff/reveals', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(unwrap(c, governance.authorizeReveal(c.var.who, await readJson(c))));
  });

  return app;
}
