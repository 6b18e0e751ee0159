// What every consent operation works with: the store, the ledger it records in, the key that signs
// receipts, the secrets that protect addresses and codes, the code sender and the clock.
import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '../../shared/ids';
import { appendRetryingOnce, type Ledger } from '../ledger';
import type { LedgerKey } from '../ledger/key-file';
import type { ConsentSecrets } from './secret-key';
import type { CodeSender } from './senders';
import type { ConsentStore } from './store';

export interface ConsentContext {
  store: ConsentStore;
  ledger: Ledger;
  /** The ledger's Ed25519 key: receipts are signed by the same key as its checkpoints. */
  key: LedgerKey;
  secrets: ConsentSecrets;
  sender: CodeSender;
  now: () => number;
}

/** SHA-256 in hex of a random bearer token: 256 bits of entropy need no slow hash or salt. */
export const tokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A bearer token: `prefix` and 32 random bytes in base64url (43 characters). */
export const newToken = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

/** A UUIDv7 at the context's clock. */
export const newId = (ctx: ConsentContext): string => uuidv7(ctx.now(), randomBytes(10));

export const isoAt = (ms: number): string => new Date(ms).toISOString();

/** `ledger.appendKeyed`, retried once (see appendRetryingOnce). */
export const logKeyed = (
  ctx: ConsentContext,
  kind: string,
  items: readonly { key: string; payload: unknown }[],
) => appendRetryingOnce('consent', kind, () => ctx.ledger.appendKeyed(kind, items));

/** `ledger.append`, retried once (see appendRetryingOnce): for entries that are each new. */
export const logEntries = (ctx: ConsentContext, kind: string, payloads: readonly unknown[]) =>
  appendRetryingOnce('consent', kind, () => ctx.ledger.append(kind, payloads));
