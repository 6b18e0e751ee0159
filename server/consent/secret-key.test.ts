// Tests of the consent key file and of sealing (AES-256-GCM) and keyed hashes (HMAC).
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../ledger/test-helpers';
import { ConsentKeyError, loadOrCreateConsentKey } from './secret-key';

describe('loadOrCreateConsentKey', () => {
  it('creates the key with mode 0600 on first use and reads the same key after', () => {
    const path = join(tempDir(), 'consent-key');
    const first = loadOrCreateConsentKey(path);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^custodian-consent-key\/1 [A-Za-z0-9_-]{43}\n$/);
    const sealed = first.seal('li.lei@example.cn', 'row-1');
    const again = loadOrCreateConsentKey(path);
    expect(again.unseal(sealed, 'row-1')).toBe('li.lei@example.cn');
    expect(again.mac('x')).toBe(first.mac('x'));
  });

  it.skipIf(process.platform === 'win32')('refuses a key others can read', () => {
    const path = join(tempDir(), 'consent-key');
    loadOrCreateConsentKey(path);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateConsentKey(path)).toThrow(/chmod 600/);
  });

  it('refuses a damaged key file', () => {
    const path = join(tempDir(), 'consent-key');
    writeFileSync(path, 'custodian-consent-key/1 short\n', { mode: 0o600 });
    expect(() => loadOrCreateConsentKey(path)).toThrow(ConsentKeyError);
  });
});

describe('sealing', () => {
  const secrets = loadOrCreateConsentKey(join(tempDir(), 'consent-key'));

  it('hides the value, differs each time, and opens only with the same context', () => {
    const a = secrets.seal('+8613812345678', 'v-1');
    const b = secrets.seal('+8613812345678', 'v-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(secrets.unseal(a, 'v-1')).toBe('+8613812345678');
    // A sealed value copied to another row does not open there.
    expect(() => secrets.unseal(a, 'v-2')).toThrow();
  });

  it('detects a changed ciphertext', () => {
    const sealed = secrets.seal('+8613812345678', 'v-1');
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(() => secrets.unseal(sealed.slice(0, -1) + last, 'v-1')).toThrow();
  });

  it('keys its hashes: the same input gives the same MAC, compared in constant time', () => {
    const mac = secrets.mac('code:1:123456');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.macEquals('code:1:123456', mac)).toBe(true);
    expect(secrets.macEquals('code:1:123457', mac)).toBe(false);
    expect(secrets.macEquals('code:1:123456', 'abc')).toBe(false);
    const other = loadOrCreateConsentKey(join(tempDir(), 'consent-key'));
    expect(other.mac('code:1:123456')).not.toBe(mac);
  });
});
