// Keyed hashes of revealed values (R15): an auditor can see that the same value was revealed
// twice without the log holding it. HMAC-SHA-256 over the normalised value, with a random key
// created once per browser profile and kept in extension storage.
import { browser } from 'wxt/browser';
import { normalizeValue, type PiiType } from '../../../shared/pii';

const KEY_ITEM = 'valueHashKey';

let key: Promise<CryptoKey> | undefined;

async function loadKey(): Promise<CryptoKey> {
  const stored = (await browser.storage.local.get(KEY_ITEM))[KEY_ITEM];
  let raw: Uint8Array<ArrayBuffer>;
  if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) {
    raw = Uint8Array.from(stored.match(/../g)!, (h) => parseInt(h, 16));
  } else {
    raw = crypto.getRandomValues(new Uint8Array(32));
    await browser.storage.local.set({ [KEY_ITEM]: toHex(raw) });
  }
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** HMAC-SHA-256 of the normalised value, lower-case hex. */
export async function valueHash(type: PiiType, value: string): Promise<string> {
  key ??= loadKey();
  const data = new TextEncoder().encode(normalizeValue(type, value));
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', await key, data)));
}
