// The governance service's secret (R20): created on first start in the data directory (mode 0600),
// refused if others can read it. It seals the staff members' TOTP secrets with AES-256-GCM, so a
// copy of governance.db alone cannot mint unlock codes.
import { hkdfSync } from 'node:crypto';
import { aesGcmBox, loadOrCreateSecretFile, type SecretBox } from '../secrets';

export type { SecretBox } from '../secrets';

/** The AES-256-GCM box of a 32-byte secret (key derived with HKDF-SHA-256, RFC 5869). */
export function secretBox(secret: Uint8Array): SecretBox {
  return aesGcmBox(
    Buffer.from(
      hkdfSync('sha256', secret, new Uint8Array(), 'custodian governance aes-256-gcm', 32),
    ),
  );
}

/**
 * Loads the secret at `path`, creating it when the file does not exist.
 *
 * @example
 *   const box = loadOrCreateGovernanceKey('data/governance-key');
 *   box.unseal(box.seal('JBSWY3DP', 'CS-0420'), 'CS-0420'); // 'JBSWY3DP'
 */
export function loadOrCreateGovernanceKey(path: string): SecretBox {
  return secretBox(
    loadOrCreateSecretFile(path, {
      header: 'custodian-governance-key/1',
      name: 'governance key',
      loss: 'no registered authenticator can unlock reveals',
    }),
  );
}
