// Match patterns behave as Chrome's do on the URLs a content script can see.
import { describe, expect, it } from 'vitest';
import { UrlPatternSchema } from '../schema/policy';
import { matchesAny, matchesUrl } from './url-pattern';

describe('matchesUrl', () => {
  it.each([
    ['https://crm.example.com/*', 'https://crm.example.com/', true],
    ['https://crm.example.com/*', 'https://crm.example.com/customers/42', true],
    ['https://crm.example.com/*', 'http://crm.example.com/', false],
    ['http://crm.example.com/*', 'https://crm.example.com/', false],
    ['https://crm.example.com/*', 'https://CRM.Example.COM/x', true],
    ['https://crm.example.com/*', 'https://crm.example.org/', false],
  ])('%s on %s: %s (scheme and host)', (pattern, url, want) => {
    expect(matchesUrl(pattern, url)).toBe(want);
  });

  it('takes scheme * as http or https only', () => {
    expect(matchesUrl('*://example.com/*', 'http://example.com/')).toBe(true);
    expect(matchesUrl('*://example.com/*', 'https://example.com/')).toBe(true);
    expect(matchesUrl('*://example.com/*', 'ftp://example.com/')).toBe(false);
    expect(matchesUrl('*://example.com/*', 'ws://example.com/')).toBe(false);
  });

  it('takes *.example.com as the domain and its subdomains, not names ending the same', () => {
    const p = 'https://*.example.com/*';
    expect(matchesUrl(p, 'https://example.com/')).toBe(true);
    expect(matchesUrl(p, 'https://a.example.com/')).toBe(true);
    expect(matchesUrl(p, 'https://a.b.example.com/x')).toBe(true);
    expect(matchesUrl(p, 'https://badexample.com/')).toBe(false);
    expect(matchesUrl(p, 'https://example.com.evil.net/')).toBe(false);
    expect(matchesUrl(p, 'https://example.org/')).toBe(false);
  });

  it('takes host * as any host', () => {
    expect(matchesUrl('https://*/*', 'https://anything.test/a')).toBe(true);
    expect(matchesUrl('https://*/*', 'https://127.0.0.1:8443/')).toBe(true);
  });

  it('reads the host after any user info, as the browser does', () => {
    expect(matchesUrl('https://example.com/*', 'https://evil.net@example.com/')).toBe(true);
    expect(matchesUrl('https://example.com/*', 'https://example.com@evil.net/')).toBe(false);
  });

  it('matches any port when the pattern names none, and only that port when it does', () => {
    expect(matchesUrl('http://127.0.0.1/*', 'http://127.0.0.1:8787/demo/')).toBe(true);
    expect(matchesUrl('http://127.0.0.1:8787/*', 'http://127.0.0.1:8787/demo/')).toBe(true);
    expect(matchesUrl('http://127.0.0.1:8787/*', 'http://127.0.0.1:8788/demo/')).toBe(false);
    expect(matchesUrl('http://127.0.0.1:8787/*', 'http://127.0.0.1/demo/')).toBe(false);
  });

  it('takes a default port as given', () => {
    expect(matchesUrl('https://example.com:443/*', 'https://example.com/')).toBe(true);
    expect(matchesUrl('http://example.com:80/*', 'http://example.com/')).toBe(true);
    expect(matchesUrl('https://example.com:80/*', 'https://example.com/')).toBe(false);
  });

  it('lets * in the path match any run of characters, / included', () => {
    const p = 'https://example.com/crm/*/edit';
    expect(matchesUrl(p, 'https://example.com/crm/42/edit')).toBe(true);
    expect(matchesUrl(p, 'https://example.com/crm/a/b/edit')).toBe(true);
    expect(matchesUrl(p, 'https://example.com/crm//edit')).toBe(true);
    expect(matchesUrl(p, 'https://example.com/crm/42/edit/more')).toBe(false);
    expect(matchesUrl(p, 'https://example.com/shop/42/edit')).toBe(false);
  });

  it('matches a path without * exactly, with regex characters taken literally', () => {
    expect(matchesUrl('https://example.com/', 'https://example.com')).toBe(true);
    expect(matchesUrl('https://example.com/', 'https://example.com/a')).toBe(false);
    expect(matchesUrl('https://example.com/a.b', 'https://example.com/a.b')).toBe(true);
    expect(matchesUrl('https://example.com/a.b', 'https://example.com/aXb')).toBe(false);
    expect(matchesUrl('https://example.com/(x)+', 'https://example.com/(x)+')).toBe(true);
    expect(matchesUrl('https://example.com/(x)+', 'https://example.com/xx')).toBe(false);
    expect(matchesUrl('https://example.com/Crm', 'https://example.com/crm')).toBe(false);
  });

  it('ignores the query and the fragment', () => {
    expect(matchesUrl('https://example.com/list', 'https://example.com/list?q=1')).toBe(true);
    expect(matchesUrl('https://example.com/list', 'https://example.com/list#top')).toBe(true);
    expect(matchesUrl('https://example.com/list', 'https://example.com/list?a=/x#y')).toBe(true);
    expect(matchesUrl('https://example.com/*q=1', 'https://example.com/list?q=1')).toBe(false);
  });

  it('follows the examples of its doc comment', () => {
    expect(matchesUrl('https://*.example.com/crm/*', 'https://a.example.com/crm/list?q=1')).toBe(
      true,
    );
    expect(matchesUrl('<all_urls>', 'http://127.0.0.1:8787/demo/')).toBe(true);
    expect(matchesUrl('https://example.com/*', 'http://example.com/')).toBe(false);
  });

  it.each([
    'ftp://example.com/',
    'file:///etc/passwd',
    'chrome://settings/',
    'chrome-extension://abc/popup.html',
    'about:blank',
    'data:text/html,<p>13812345678</p>',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('never matches the non-http URL %s, even with <all_urls> or *', (url) => {
    expect(matchesUrl('<all_urls>', url)).toBe(false);
    expect(matchesUrl('*://*/*', url)).toBe(false);
  });

  it('lets <all_urls> match every http and https page', () => {
    expect(matchesUrl('<all_urls>', 'https://example.com/a?b#c')).toBe(true);
    expect(matchesUrl('<all_urls>', 'HTTP://EXAMPLE.COM')).toBe(true);
    expect(matchesUrl('<all_urls>', 'https://[::1]:8080/')).toBe(true);
  });

  it('rejects what is not a match pattern (the schema refuses it too)', () => {
    for (const pattern of ['ftp://example.com/*', 'https://example.com', 'example.com/*']) {
      expect(UrlPatternSchema.safeParse(pattern).success).toBe(false);
      expect(matchesUrl(pattern, 'https://example.com/')).toBe(false);
    }
  });
});

describe('matchesAny', () => {
  it('is true when one pattern matches, false for none or no patterns', () => {
    const patterns = ['https://a.example.com/*', 'https://b.example.com/x'];
    expect(matchesAny(patterns, 'https://b.example.com/x')).toBe(true);
    expect(matchesAny(patterns, 'https://b.example.com/y')).toBe(false);
    expect(matchesAny([], 'https://a.example.com/')).toBe(false);
  });
});
