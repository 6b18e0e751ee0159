// Tests of the sync endpoint rule (R19): TLS everywhere except loopback.
import { describe, expect, it } from 'vitest';
import { eventsEndpoint } from './endpoint';

describe('eventsEndpoint', () => {
  it('accepts https anywhere and http on loopback', () => {
    expect(eventsEndpoint('https://audit.example.com')).toEqual({
      ok: true,
      url: 'https://audit.example.com/v1/events',
    });
    expect(eventsEndpoint('https://audit.example.com/base/')).toEqual({
      ok: true,
      url: 'https://audit.example.com/base/v1/events',
    });
    for (const base of ['http://127.0.0.1:8787', 'http://localhost:1', 'http://[::1]:9']) {
      expect(eventsEndpoint(base).ok, base).toBe(true);
    }
  });
  it('refuses plain http elsewhere, other schemes, credentials and junk, saying how to fix it', () => {
    const http = eventsEndpoint('http://audit.example.com');
    expect(http).toMatchObject({ ok: false });
    if (!http.ok) expect(http.message).toContain('https://audit.example.com');
    expect(eventsEndpoint('http://10.0.0.5').ok).toBe(false);
    expect(eventsEndpoint('http://127.0.0.1.evil.com').ok).toBe(false);
    expect(eventsEndpoint('ftp://x').ok).toBe(false);
    expect(eventsEndpoint('https://u:p@audit.example.com').ok).toBe(false);
    expect(eventsEndpoint('not a url').ok).toBe(false);
  });
});
