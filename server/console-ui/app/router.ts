// Hash routes (`#/reviews/<id>?status=open`): the server serves one shell for all of /admin, and
// a hash never reaches it, so no route depends on how the server maps paths.

export interface Route {
  /** The path's segments, decoded: `#/reviews/abc` → ['reviews', 'abc']. */
  path: string[];
  params: URLSearchParams;
}

/**
 * The route a location hash names; an empty hash is the first page.
 *
 * @example
 *   parseHash('#/activity/staff/CS-0420?from=2026-09-01'); // { path: ['activity', 'staff', 'CS-0420'], params }
 */
export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [pathText = '', search = ''] = text.split('?', 2);
  const path = pathText
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        // A malformed escape (someone typed a lone %): keep the text as written.
        return s;
      }
    });
  return { path, params: new URLSearchParams(search) };
}

/**
 * The hash of a route.
 *
 * @example
 *   href(['reviews', id], { status: 'open' }); // '#/reviews/<id>?status=open'
 */
export function href(
  path: readonly string[],
  params: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const q = search.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`;
}
