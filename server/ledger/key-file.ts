// The ledger's Ed25519 signing key: created on first start in the data directory (mode 0600, in
// the Go note private-key text form), refused if others can read it; the public key is published.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import {
  formatSignerKey,
  formatVerifierKey,
  keyHash,
  parseSignerKey,
  type NoteSigner,
  type NoteVerifier,
} from '../../shared/ledger';
import { LedgerConfigError } from './config';
import {
  ed25519Signer,
  ed25519Verifier,
  nodeHasher,
  privateKeyFromSeed,
  rawPublicKey,
} from './node-crypto';

export interface LedgerKey {
  signer: NoteSigner;
  verifier: NoteVerifier;
  /** `<name>+<key hash>+<base64>`: give it to auditors for `npm run verify -- --key`. */
  publicKey: string;
}

/**
 * Loads the key at `path`, creating it (named `name`) when the file does not exist. Also writes
 * `<path>.pub` with the public key on creation.
 *
 * @example
 *   const key = loadOrCreateKey('data/ledger-key', 'custodian.local/ledger');
 *   key.publicKey; // 'custodian.local/ledger+1a2b3c4d+AX…'
 */
export function loadOrCreateKey(path: string, name: string): LedgerKey {
  if (!existsSync(path)) {
    const seed = randomBytes(32);
    const publicKey = rawPublicKey(privateKeyFromSeed(seed));
    // 'wx': never overwrite a key that appeared meanwhile; 0600: only the service's user reads it.
    writeFileSync(path, `${formatSignerKey(nodeHasher, name, publicKey, seed)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    writeFileSync(`${path}.pub`, `${formatVerifierKey(nodeHasher, name, publicKey)}\n`, {
      mode: 0o644,
    });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new LedgerConfigError(
      `The ledger signing key ${path} can be read by other users. Restrict it: chmod 600 ${path}`,
    );
  }
  const parsed = parseSignerKey(readFileSync(path, 'utf8'));
  if (!parsed.ok) {
    throw new LedgerConfigError(
      `The ledger signing key ${path} is damaged: ${parsed.error} Restore it from backup.`,
    );
  }
  const privateKey = privateKeyFromSeed(parsed.value.seed);
  const publicKey = rawPublicKey(privateKey);
  const { name: keyName } = parsed.value;
  if (keyHash(nodeHasher, keyName, publicKey) !== parsed.value.keyHash) {
    throw new LedgerConfigError(
      `The ledger signing key ${path} is damaged: its key hash does not match. Restore it from backup.`,
    );
  }
  const text = formatVerifierKey(nodeHasher, keyName, publicKey);
  return {
    signer: ed25519Signer(keyName, parsed.value.keyHash, privateKey),
    verifier: ed25519Verifier({ name: keyName, keyHash: parsed.value.keyHash, publicKey }),
    publicKey: text,
  };
}
