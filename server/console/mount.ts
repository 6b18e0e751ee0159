// The review console as one Hono app (issue 7): its API under /admin/api (CSRF header check, sign-in,
// the session gate, then every page's routes) and its built shell under /admin, served with a
// strict Content-Security-Policy. createApp mounts it; tests can drive it alone.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import type { ActivityIndex } from '../activity';
import { AppError, notFound, onError } from '../app/errors';
import { limitGovernanceBody } from '../app/staff-routes';
import type { ConsentService } from '../consent';
import type { Ledger } from '../ledger';
import type { GovernanceService } from '../staff';
import { activityRoutes } from './activity-routes';
import type { ConsoleStore } from './console-store';
import { incidentRoutes } from './incidents';
import { recordKeepingRoutes } from './index';
import { integrityRoutes } from './integrity';
import { reviewRoutes } from './review-routes';
import { csrfGuard, requireSession, sessionRoutes, signInRoutes, type SessionEnv } from './session';
import { spotCheckRoutes } from './spot-checks';

/** Where the console's build (server/console-ui/build.ts) writes index.html and its assets. */
export const CONSOLE_UI_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** Every answer of the shell: no inline script or style, no framing, no referrer, no sniffing. */
export const SHELL_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The built files served by name, with their types; any other path gets the shell. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=UTF-8',
  css: 'text/css; charset=UTF-8',
  map: 'application/json; charset=UTF-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};
const ASSET = /^\/admin\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.([a-z0-9]+))$/;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Custodian console not built</title></head>
<body><h1>审核台尚未构建 The review console is not built</h1>
<p>There is no dist/console/index.html on this server. Run <code>npm run build</code>, then reload this page.</p>
</body></html>
`;

export interface ConsoleDeps {
  governance: GovernanceService;
  ledger: Ledger;
  activity: ActivityIndex;
  /** console.db: spot checks, incidents, verification runs. */
  store: ConsoleStore;
  /** Without it, the consent statistics and retention pages are not served. */
  consent?: ConsentService | undefined;
  /** The ledger's file, shown in the integrity page's commands. */
  ledgerPath?: string | undefined;
  /** The built console; defaults to CONSOLE_UI_DIR. */
  uiDir?: string | undefined;
}

/**
 * The console app: `app.route('/', consoleApp(deps))`.
 * - `/admin/api/*`: POST, PUT and DELETE need `X-Custodian-Console: 1` (403 `csrf`); `POST` and
 *   `DELETE /session` sign in and out; every other route needs a session (401 `signed-out`) and
 *   states its least role (403 `forbidden`): session, activity, reviews, spot checks, incidents,
 *   integrity, consent, retention. Answers are never cached.
 * - `GET /admin`, `/admin/*`: dist/console/index.html, or its asset by name (console.js,
 *   console.css, …), with the CSP above; 503 with a page saying to build when it is missing.
 *
 * @example
 *   app.route('/', consoleApp({ governance, ledger, activity, store, consent }));
 *   // GET /admin → the console; POST /admin/api/session {name, password, code} → signed in
 */
export function consoleApp(deps: ConsoleDeps): Hono {
  const { governance, ledger, activity, store, consent, ledgerPath } = deps;
  const now = () => governance.now();
  const api = new Hono<SessionEnv>();

  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  api.use('*', csrfGuard);
  api.post('*', limitGovernanceBody);
  api.put('*', limitGovernanceBody);
  api.route('/', signInRoutes({ governance, ledger }));
  api.use('*', requireSession(governance));
  api.route('/', sessionRoutes());
  api.route('/', activityRoutes({ activity, ledger, governance }));
  api.route('/', reviewRoutes({ governance, activity }));
  if (consent) {
    api.route(
      '/',
      recordKeepingRoutes({
        store,
        ledger,
        activity,
        grants: governance,
        consent,
        ledgerPath,
        now,
      }),
    );
  } else {
    // No consent service (a server that runs only the staff side): the pages that need none.
    api.route('/', spotCheckRoutes({ store, ledger, activity, grants: governance, now }));
    api.route('/', incidentRoutes({ store, ledger, now }));
    api.route('/', integrityRoutes({ store, ledger, now, ledgerPath }));
  }

  const app = new Hono();
  app.route('/admin/api', api);
  const shell = shellHandler(deps.uiDir ?? CONSOLE_UI_DIR);
  app.get('/admin', shell);
  app.get('/admin/*', shell);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

/** Serves the shell and its assets from `dir`; unknown API paths are JSON 404s, not the shell. */
function shellHandler(dir: string) {
  return async (c: Context) => {
    const { path: url } = c.req;
    if (url === '/admin/api' || url.startsWith('/admin/api/')) {
      throw new AppError(
        404,
        'not_found',
        'No console API route at this path. The console calls /admin/api/session, /activity/*, /reviews, /spot-checks, /incidents, /integrity, /consent/*, /retention.',
      );
    }
    const asset = ASSET.exec(url);
    const type = asset ? ASSET_TYPES[asset[2]!] : undefined;
    if (asset && type) {
      const body = await readOrNull(path.join(dir, asset[1]!));
      if (body) {
        return c.body(new Uint8Array(body), 200, {
          ...SHELL_HEADERS,
          'Content-Type': type,
          'Cache-Control': 'no-cache',
        });
      }
      throw new AppError(
        404,
        'not_found',
        `The console has no file ${asset[1]}. If it should, rebuild it: npm run build.`,
      );
    }
    const index = await readOrNull(path.join(dir, 'index.html'));
    if (!index) {
      return c.body(NOT_BUILT, 503, {
        ...SHELL_HEADERS,
        'Content-Type': 'text/html; charset=UTF-8',
      });
    }
    return c.body(new Uint8Array(index), 200, {
      ...SHELL_HEADERS,
      'Content-Type': 'text/html; charset=UTF-8',
      'Cache-Control': 'no-cache',
    });
  };
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    // Missing (not built) or unreadable: the caller answers 404 or the "build it" page.
    return null;
  }
}
