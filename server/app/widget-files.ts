// Serves the built consent widget (dist/widget/) at /widget/, so a shop embeds it with one
// script tag pointing at the service.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { AppError } from './errors';

/** The files the widget build writes, with their Content-Type; nothing else is served. */
const WIDGET_FILES: Readonly<Record<string, string>> = {
  'custodian-consent.js': 'text/javascript; charset=utf-8',
  'custodian-consent.mjs': 'text/javascript; charset=utf-8',
  'custodian-consent.js.map': 'application/json; charset=utf-8',
  'custodian-consent.mjs.map': 'application/json; charset=utf-8',
};

/**
 * `GET /widget/custodian-consent.js` (classic script) and `GET /widget/custodian-consent.mjs`
 * (ES module), from `dir`; a 404 that says to build when the file is missing.
 *
 * @example
 *   <script src="http://127.0.0.1:8787/widget/custodian-consent.js" data-site="shop"></script>
 */
export function widgetFileRoutes(dir: string): Hono {
  const app = new Hono();
  app.get('/widget/:file', async (c) => {
    const name = c.req.param('file');
    const type = Object.hasOwn(WIDGET_FILES, name) ? WIDGET_FILES[name] : undefined;
    if (!type) {
      throw new AppError(
        404,
        'not_found',
        `The widget is served as /widget/custodian-consent.js (script) or /widget/custodian-consent.mjs (module).`,
      );
    }
    let body: Buffer;
    try {
      body = await readFile(path.join(dir, name));
    } catch {
      throw new AppError(
        404,
        'widget_not_built',
        `The widget is not built yet (no dist/widget/${name}): run npm run build, then reload.`,
      );
    }
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      // Any shop may load it, as a classic script or as a module (modules need CORS).
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'no-cache',
    });
  });
  return app;
}
