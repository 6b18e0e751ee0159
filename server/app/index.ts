// The Custodian HTTP app: its routes and its single error handler. Node-specific start-up (ports,
// environment) lives in server/bin/; tests drive this app through `app.request()`.
import { Hono } from 'hono';
import type { ActivityIndex } from '../activity';
import { DEMO_PAGES_DIR, WIDGET_BUILD_DIR } from '../config';
import type { ConsentService, Outbox } from '../consent';
import type { ConsoleStore } from '../console/console-store';
import { consoleApp } from '../console/mount';
import type { DeviceStore } from '../devices';
import type { Ledger } from '../ledger';
import type { GovernanceService } from '../staff';
import { adminRoutes } from './admin-routes';
import { consentRoutes } from './consent-routes';
import { DEMO_PREFIX, serveDemoPages } from './demo-pages';
import { devOutboxRoutes } from './dev-outbox';
import { notFound, onError } from './errors';
import { eventsRoutes } from './events-routes';
import { ledgerRoutes } from './ledger-routes';
import { openApiDocument } from './openapi';
import { staffRoutes } from './staff-routes';
import { widgetFileRoutes } from './widget-files';

export { AppError, readJson, type ErrorBody } from './errors';

export interface AppOptions {
  /** Reported by /healthz, so a deploy can be checked for what runs. */
  version: string;
  /** Directory of the demo CRM pages; defaults to test/fixtures/pages/. */
  demoPagesDir?: string;
  /**
   * The audit ledger and the devices that may write to it; without them, no /v1 routes. With
   * `activity`, ingested events are folded into the activity index the console reads.
   */
  audit?: { ledger: Ledger; devices: DeviceStore; activity?: ActivityIndex | undefined };
  /** The consent service; `outbox` (development) adds the /dev/outbox pages. */
  consent?: { service: ConsentService; outbox?: Outbox | null };
  /**
   * Access governance (issue 6): enrollment, unlock, reveals and the admin API. Its enrolled
   * devices' events also feed the behaviour rules when `audit` is given too.
   */
  governance?: GovernanceService;
  /** Directory of the built widget; defaults to dist/widget/. */
  widgetDir?: string;
  /**
   * The review console (issue 7) at /admin: needs `audit` with its activity index and
   * `governance` (operators, sessions, reviews); uses `consent` when given.
   */
  console?: {
    store: ConsoleStore;
    /** The ledger's file, shown in the integrity page's commands. */
    ledgerPath?: string | undefined;
    /** The built console; defaults to dist/console/. */
    uiDir?: string | undefined;
  };
}

/** The body of `GET /healthz`. */
export interface Health {
  ok: true;
  version: string;
}

/**
 * Builds the app. Routes:
 * - `GET /healthz` -> `{ ok: true, version }`; `GET /openapi.json` -> the OpenAPI 3.1 document
 * - `GET /demo/`, `GET /demo/*` -> the demo CRM pages (`/demo` redirects to `/demo/`)
 * - `GET /widget/custodian-consent.js` and `.mjs` -> the built consent widget (widget-files.ts)
 * - with `audit`: `POST /v1/events` (events-routes.ts) and `GET /v1/ledger/*` (ledger-routes.ts)
 * - with `consent`: `/v1/consent/sites/:site/*` (consent-routes.ts); with its outbox, `/dev/outbox`
 * - with `governance`: `POST /v1/enroll`, `/v1/staff/*` (staff-routes.ts), `/v1/admin/*`
 *   (admin-routes.ts)
 * - with `console` (and `audit.activity`, `governance`): `/admin` and `/admin/api/*`
 *   (server/console/mount.ts)
 * Errors, including unknown routes, are JSON `{ error: { code, message } }`.
 *
 * @example
 *   const app = createApp({ version: '0.1.0' });
 *   await (await app.request('/healthz')).json(); // { ok: true, version: '0.1.0' }
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json<Health>({ ok: true, version: options.version }));
  const openApi = openApiDocument(options.version);
  app.get('/openapi.json', (c) => c.json(openApi));

  // Relative links in the pages (crm.css, other pages) need the trailing slash.
  app.get(DEMO_PREFIX.slice(0, -1), (c) => c.redirect(DEMO_PREFIX, 301));
  app.get(`${DEMO_PREFIX}*`, serveDemoPages(options.demoPagesDir ?? DEMO_PAGES_DIR));

  app.route('/', widgetFileRoutes(options.widgetDir ?? WIDGET_BUILD_DIR));

  if (options.audit) {
    app.route('/', eventsRoutes({ ...options.audit, governance: options.governance }));
    app.route('/', ledgerRoutes(options.audit.ledger));
  }
  if (options.consent) {
    app.route('/', consentRoutes(options.consent.service));
    if (options.consent.outbox) app.route('/', devOutboxRoutes(options.consent.outbox));
  }
  if (options.governance) {
    app.route('/', staffRoutes(options.governance));
    app.route('/', adminRoutes(options.governance));
  }
  if (options.console) {
    const activity = options.audit?.activity;
    if (!options.audit || !activity || !options.governance) {
      throw new Error(
        'createApp: the console needs `audit` with its `activity` index and `governance`; pass them, or leave `console` out.',
      );
    }
    app.route(
      '/',
      consoleApp({
        ...options.console,
        governance: options.governance,
        ledger: options.audit.ledger,
        activity,
        consent: options.consent?.service,
      }),
    );
  }

  app.notFound(notFound);
  app.onError(onError);
  return app;
}
