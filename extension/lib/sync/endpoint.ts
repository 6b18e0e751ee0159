// Where the audit service may be reached (R19): HTTPS anywhere, plain HTTP only to this machine
// (loopback), where nothing crosses a network. Events, enrollment and staff calls all pass here.

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
  return serviceEndpoint(base, '/v1/events');
}

/**
 * Validates the audit service's base URL and returns the URL of `path` (which starts with `/`)
 * under it.
 *
 * @example
 *   serviceEndpoint('https://audit.example.com/', '/v1/staff/status');
 *   // { ok: true, url: 'https://audit.example.com/v1/staff/status' }
 */
export function serviceEndpoint(base: string, path: string): EndpointCheck {
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
      message: `The audit service is only reached over HTTPS (TLS), except on this machine; change ${url.origin} to https://${url.host}`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: 'Put no user name or password in the URL; the device token authenticates',
    };
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return { ok: true, url: url.toString() };
}
