// Where events may be sent (R19): HTTPS anywhere, plain HTTP only to this machine (loopback),
// where nothing crosses a network.

export type EndpointCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Validates the audit service's base URL and returns the events endpoint.
 *
 * @example
 *   eventsEndpoint('https://audit.example.com'); // { ok: true, url: 'https://audit.example.com/v1/events' }
 *   eventsEndpoint('http://audit.example.com').ok; // false: plain http off loopback
 */
export function eventsEndpoint(base: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { ok: false, message: `"${base}" is not a URL; use e.g. https://audit.example.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `${url.protocol} is not supported; use https://` };
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    return {
      ok: false,
      message: `Events are only sent over HTTPS (TLS), except to this machine; change ${url.origin} to https://${url.host}`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: 'Put no user name or password in the URL; the device token authenticates',
    };
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/events`;
  url.search = '';
  url.hash = '';
  return { ok: true, url: url.toString() };
}
