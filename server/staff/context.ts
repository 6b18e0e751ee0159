// What every governance operation works with: the store, the device store enrollment issues tokens
// from, the ledger every change is recorded in, the service key that signs the policy, the box that
// seals TOTP secrets, and the clock. Also the one way a governance entry reaches the ledger.
import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '../../shared/ids';
import { GovernanceEntrySchema, type GovernanceEntry } from '../../shared/schema/staff';
import type { DeviceStore } from '../devices';
import { appendRetryingOnce, type Ledger } from '../ledger';
import type { LedgerKey } from '../ledger/key-file';
import { GOVERNANCE_KIND } from './config';
import type { SecretBox } from './secret-key';
import type { GovernanceStore } from './store';

export interface GovernanceContext {
  store: GovernanceStore;
  devices: DeviceStore;
  ledger: Ledger;
  /** The service's Ed25519 key (the ledger's): it signs the staff policy. */
  key: LedgerKey;
  box: SecretBox;
  now: () => number;
}

/** SHA-256 in hex of a random bearer credential: 80+ bits of entropy need no slow hash or salt. */
export const secretHash = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

/** A bearer token: `prefix` and 32 random bytes in base64url (43 characters). */
export const newToken = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

/** A UUIDv7 at the context's clock. */
export const newId = (ctx: GovernanceContext): string => uuidv7(ctx.now(), randomBytes(10));

export const isoAt = (ms: number): string => new Date(ms).toISOString();

/**
 * Appends one governance entry to the ledger, parsed first (a payload that fails its schema is a
 * bug here, never something to record), retried once (see appendRetryingOnce).
 *
 * @example
 *   record(ctx, { kind: 'totp-registered', at: isoAt(ctx.now()), staffId: 'CS-0420' });
 */
export function record(ctx: GovernanceContext, entry: GovernanceEntry): number {
  const payload = GovernanceEntrySchema.parse(entry);
  return appendRetryingOnce(
    'governance',
    entry.kind,
    () => ctx.ledger.append(GOVERNANCE_KIND, [payload])[0]!,
  );
}
