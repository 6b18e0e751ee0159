// Serves the demo CRM pages (test/fixtures/pages/) under /demo/: the internal-tool pages the staff
// extension protects, so a person can try the extension against `npm start`.
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Handler } from 'hono';
import { AppError } from './errors';

/** The file types the demo uses, with the Content-Type each is served as. Anything else is a 404. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The URL prefix of the demo pages; `createApp` mounts the handler at `${DEMO_PREFIX}*`. */
export const DEMO_PREFIX = '/demo/';

const notFound = () =>
  new AppError(
    404,
    'not_found',
    `No demo file at this path. The demo pages are listed at ${DEMO_PREFIX}; files are served ` +
      `from test/fixtures/pages/ only, by name (${Object.keys(CONTENT_TYPES).join(' ')}).`,
  );

/**
 * Maps the part of a URL path after `/demo/` to path segments, or undefined when it is not a plain
 * file name. Rules, each a refusal:
 * - a segment that does not percent-decode, or decodes to one containing `/`, `\` or NUL;
 * - an empty segment other than the last (`a//b`), and any segment starting with `.`
 *   (`.` and `..` whatever their encoding, and dotfiles);
 * - a file type outside CONTENT_TYPES.
 * A trailing `/` asks for that directory's `index.html`.
 */
export function demoPathSegments(rawSubPath: string): string[] | undefined {
  const raw = rawSubPath.split('/');
  if (raw[raw.length - 1] === '') raw[raw.length - 1] = 'index.html';
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined; // Malformed percent-encoding (e.g. `%E0%A4%A`): not a file we have.
    }
    if (segment === '' || segment.startsWith('.') || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  const last = segments[segments.length - 1] ?? '';
  return path.extname(last).toLowerCase() in CONTENT_TYPES ? segments : undefined;
}

/**
 * `GET /demo/*`: a demo page or asset, with its Content-Type and `nosniff`.
 *
 * @example
 *   GET /demo/            -> test/fixtures/pages/index.html (text/html; charset=utf-8)
 *   GET /demo/crm.css     -> text/css; charset=utf-8
 *   GET /demo/../package.json, /demo/.git/config, /demo/notes.md -> 404 JSON
 */
export function serveDemoPages(pagesDir: string): Handler {
  // Resolved once at start-up, so a missing directory fails then, not on the first request.
  let root: string;
  try {
    root = realpathSync(pagesDir);
  } catch (cause) {
    throw new Error(
      `The demo pages directory ${pagesDir} does not exist. Run the server from a full checkout ` +
        `(it serves test/fixtures/pages/), or pass demoPagesDir to createApp.`,
      { cause },
    );
  }

  return async (c) => {
    const pathname = new URL(c.req.url).pathname;
    const segments = pathname.startsWith(DEMO_PREFIX)
      ? demoPathSegments(pathname.slice(DEMO_PREFIX.length))
      : undefined;
    if (!segments) throw notFound();

    // A symlink inside the directory could still point outside it: compare real paths.
    let file: string;
    try {
      file = await realpath(path.join(root, ...segments));
      if (!file.startsWith(root + path.sep) || !(await stat(file)).isFile()) throw notFound();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw notFound(); // ENOENT, ENOTDIR, EACCES: all "no such page" to the client.
    }

    const body = await readFile(file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return c.body(body, 200, {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      // Fixtures change while someone works on them: always refetch. Not `no-store`, which would
      // keep pages out of the back/forward cache, a path the extension must handle.
      'Cache-Control': 'no-cache',
    });
  };
}
