// Tests of reading HOST and PORT from the environment.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, readListenOptions } from './config';

describe('readListenOptions', () => {
  it('defaults to loopback on the default port', () => {
    expect(readListenOptions({})).toEqual({
      ok: true,
      value: { host: DEFAULT_HOST, port: DEFAULT_PORT },
    });
    expect(readListenOptions({ HOST: ' ', PORT: '' })).toEqual({
      ok: true,
      value: { host: DEFAULT_HOST, port: DEFAULT_PORT },
    });
  });

  it('takes HOST and PORT, 0 included', () => {
    expect(readListenOptions({ HOST: '0.0.0.0', PORT: '9000' })).toEqual({
      ok: true,
      value: { host: '0.0.0.0', port: 9000 },
    });
    expect(readListenOptions({ PORT: '0' })).toEqual({
      ok: true,
      value: { host: DEFAULT_HOST, port: 0 },
    });
  });

  it('refuses a bad PORT with a message that says how to fix it', () => {
    for (const bad of ['abc', '-1', '65536', '80.5', '1e3', '8787x']) {
      const result = readListenOptions({ PORT: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) {
        expect(result.message).toContain(JSON.stringify(bad));
        expect(result.message).toMatch(/PORT=\d+ npm start/);
      }
    }
  });
});
