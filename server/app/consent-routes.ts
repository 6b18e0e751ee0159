// The consent routes (issue 5, R1–R10): the widget reads a site's policy, sends decisions, opens
// the privacy center (the subject's receipts and requests), asks for deletion or a copy, and
// verifies by a one-time code. CORS only for the origins configured for the site.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { SiteIdSchema } from '../../shared/schema';
import { MAX_CONSENT_BODY_BYTES, type ConsentService, type Outcome } from '../consent';
import { AppError, readJson } from './errors';

/** Where the consent routes live; `:site` is the policy's site id, e.g. `shop`. */
export const CONSENT_PREFIX = '/v1/consent/sites/:site';

/** The value, or the problem as an AppError (with Retry-After on a 429). */
function unwrap<T>(c: Context, outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { status, code, message, retryAfterSeconds } = outcome;
  if (retryAfterSeconds) c.header('Retry-After', String(retryAfterSeconds));
  throw new AppError(status, code, message);
}

/**
 * CORS for one site's routes (the widget runs on the shop's pages, the service elsewhere):
 * - an Origin in the site's list is echoed, with credentials-free GET/POST and the
 *   Authorization and Content-Type headers allowed; a preflight answers 204;
 * - any other Origin gets no CORS headers at all (its preflight still answers 204, so the
 *   browser, not the service, refuses); a same-origin request needs none;
 * - `Vary: Origin` always, since the answer depends on it.
 */
function siteCors(consent: ConsentService): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.param('site') ?? '';
    if (!SiteIdSchema.safeParse(site).success) {
      // The path is not echoed: it may hold anything.
      throw new AppError(
        404,
        'unknown_site',
        'The site id in the path must be lower-case words joined by "-", e.g. /v1/consent/sites/shop/policy.',
      );
    }
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && consent.allowsOrigin(site, origin);
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (c.req.method === 'OPTIONS') {
      if (allowed) {
        c.header('Access-Control-Allow-Methods', 'GET, POST');
        c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        c.header('Access-Control-Max-Age', '600');
      }
      return c.body(null, 204);
    }
    await next();
  };
}

const limitBody = bodyLimit({
  maxSize: MAX_CONSENT_BODY_BYTES,
  onError: () => {
    throw new AppError(
      413,
      'payload_too_large',
      `A consent request body may be at most ${MAX_CONSENT_BODY_BYTES} bytes; a decision is far smaller. Check what is being sent.`,
    );
  },
});

const VersionQuerySchema = z.object({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .transform(Number)
    .optional(),
});

/**
 * The consent routes, to mount on the app: `app.route('/', consentRoutes(consent))`.
 * - `GET  …/policy[?version=N]` → 200 `{ policy, textHashes }`; 404 unknown site or version
 * - `POST …/decisions` (optional `Authorization: Bearer cst_…`) → 201 `{ receipt, subject? }`,
 *   200 for a resend; 400 bad body, text hash, choices or `verification-required`; 401; 409
 * - `GET  …/subjects/:subjectId` (Bearer) → 200 `{ subjectId, receipts, requests }`; 401; 403
 * - `POST …/subjects/:subjectId/requests` (Bearer) `{ kind }` → 201 DataRequest; 400; 401; 403
 * - `POST …/verifications` `{ channel, address }` → 201 `{ verificationId, expiresAt }`; 429
 * - `POST …/verifications/:id/confirm` `{ code }` → 200 `{ verificationToken }`; 400; 404; 410; 429
 * (`…` is `/v1/consent/sites/:site`.) Bodies over 64 KiB are a 413, malformed JSON a 400.
 *
 * @example
 *   const res = await consentRoutes(consent).request('/v1/consent/sites/shop/policy');
 *   await res.json(); // { policy: { site: 'shop', version: 1, … }, textHashes: { 'zh-CN': '…', en: '…' } }
 */
export function consentRoutes(consent: ConsentService): Hono {
  const app = new Hono();
  app.use(`${CONSENT_PREFIX}/*`, siteCors(consent));
  app.post(`${CONSENT_PREFIX}/*`, limitBody);

  app.get(`${CONSENT_PREFIX}/policy`, (c) => {
    const query = VersionQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      throw new AppError(400, 'bad_query', 'Query parameter version must be a whole number ≥ 1.');
    }
    const policy = unwrap(c, consent.policy(c.req.param('site'), query.data.version));
    // Revalidate every time: a new version must reach the widget at once (R7).
    c.header('Cache-Control', 'no-cache');
    return c.json(policy);
  });

  app.post(`${CONSENT_PREFIX}/decisions`, async (c) => {
    const body = await readJson(c);
    const recorded = unwrap(
      c,
      consent.decide(c.req.param('site'), c.req.header('authorization'), body),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(recorded.response, recorded.created ? 201 : 200);
  });

  app.get(`${CONSENT_PREFIX}/subjects/:subjectId`, (c) => {
    const { site, subjectId } = c.req.param();
    const state = unwrap(c, consent.subject(site, subjectId, c.req.header('authorization')));
    c.header('Cache-Control', 'no-store');
    return c.json(state);
  });

  app.post(`${CONSENT_PREFIX}/subjects/:subjectId/requests`, async (c) => {
    const { site, subjectId } = c.req.param();
    const body = await readJson(c);
    const request = unwrap(
      c,
      consent.requestData(site, subjectId, c.req.header('authorization'), body),
    );
    return c.json(request, 201);
  });

  app.post(`${CONSENT_PREFIX}/verifications`, async (c) => {
    const body = await readJson(c);
    const started = unwrap(c, await consent.startVerification(c.req.param('site'), body));
    return c.json(started, 201);
  });

  app.post(`${CONSENT_PREFIX}/verifications/:id/confirm`, async (c) => {
    const { site, id } = c.req.param();
    const body = await readJson(c);
    const confirmed = unwrap(c, consent.confirmVerification(site, id, body));
    c.header('Cache-Control', 'no-store');
    return c.json(confirmed);
  });

  return app;
}
