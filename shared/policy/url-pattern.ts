// Chrome-style match patterns (`https://*.example.com/crm/*`) tested against page URLs, in pure
// code so the extension and the server decide "is this page protected" the same way.
import type { UrlPattern } from '../schema/policy';

/** The parts of a URL a pattern looks at. */
interface UrlParts {
  scheme: string;
  host: string;
  port: string;
  path: string;
}

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^?#]*)/i;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

function parseUrl(url: string): UrlParts | undefined {
  const m = URL_RE.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  return {
    scheme,
    host: m[2]!.toLowerCase(),
    port: m[3] || DEFAULT_PORTS[scheme] || '',
    path: m[4] || '/',
  };
}

const compiled = new Map<string, RegExp>();

/** A `*` in a pattern's path matches any run of characters, `/` included (as in Chrome). */
function pathRegExp(path: string): RegExp {
  let re = compiled.get(path);
  if (!re) {
    const body = path
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`);
    compiled.set(path, re);
  }
  return re;
}

/**
 * Whether a page URL matches a match pattern. Only http(s) pages ever match: the extension does
 * not run elsewhere. Query and fragment are ignored, as Chrome does.
 *
 * @example
 *   matchesUrl('https://*.example.com/crm/*', 'https://a.example.com/crm/list?q=1'); // true
 *   matchesUrl('<all_urls>', 'http://127.0.0.1:8787/demo/'); // true
 *   matchesUrl('https://example.com/*', 'http://example.com/'); // false (scheme)
 */
export function matchesUrl(pattern: UrlPattern, url: string): boolean {
  const page = parseUrl(url);
  if (!page || (page.scheme !== 'http' && page.scheme !== 'https')) return false;
  if (pattern === '<all_urls>') return true;
  const p = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::(\d{1,5}))?(\/.*)$/.exec(pattern);
  if (!p) return false;
  const scheme = p[1]!;
  const host = p[2]!;
  const port = p[3];
  const path = p[4]!;
  if (scheme !== '*' && scheme !== page.scheme) return false;
  const wantHost = host.toLowerCase();
  if (wantHost !== '*') {
    if (wantHost.startsWith('*.')) {
      const domain = wantHost.slice(2);
      if (page.host !== domain && !page.host.endsWith(`.${domain}`)) return false;
    } else if (wantHost !== page.host) return false;
  }
  if (port !== undefined && port !== page.port) return false;
  return pathRegExp(path).test(page.path);
}

/** Whether any of the patterns matches the URL. */
export const matchesAny = (patterns: readonly UrlPattern[], url: string): boolean =>
  patterns.some((pattern) => matchesUrl(pattern, url));
