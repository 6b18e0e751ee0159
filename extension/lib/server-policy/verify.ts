// Checks the staff policy the audit service signed (issue 6): a C2SP signed note whose signature
// by the enrollment's server key verifies with WebCrypto Ed25519 (Chromium 137+, Node 20), and
// whose text is a staff policy that passes the schema. Anything else is refused.
import { readPolicyNoteText } from '../../../shared/access';
import {
  err,
  parseNote,
  parseVerifierKey,
  pureHasher,
  utf8Encode,
  type Result,
} from '../../../shared/ledger';
import type { StaffPolicy } from '../../../shared/schema';

/** Ed25519 signature length: a shorter or longer one cannot verify. */
const SIGNATURE_BYTES = 64;

/** A copy on a plain ArrayBuffer, as WebCrypto's typings ask. */
const bytes = (view: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(view);

/**
 * Verifies `note` against `serverKey` (`<name>+<key hash>+<base64>`) and reads the policy in it.
 * Contract, as C2SP asks: signatures by other keys are ignored; at least one signature by this
 * key (same name and key hash) must be there, and every one there must verify.
 *
 * @example
 *   await verifyPolicyNote(signed.note, enrollment.serverKey);
 *   // { ok: true, value: { version: '2026-11-01', … } }
 */
export async function verifyPolicyNote(
  note: string,
  serverKey: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<Result<StaffPolicy>> {
  const key = parseVerifierKey(pureHasher, serverKey);
  if (!key.ok) {
    return err(
      `The audit service key kept at enrollment is not usable (${key.error}); enrol this browser again.`,
    );
  }
  const parsed = parseNote(note);
  if (!parsed.ok) return err(`The policy is not a signed note: ${parsed.error}`);
  const { name, keyHash } = key.value;
  const mine = parsed.value.signatures.filter((s) => s.name === name && s.keyHash === keyHash);
  if (mine.length === 0) {
    return err(
      `The policy carries no signature by the audit service's key (${name}+${keyHash.toString(16).padStart(8, '0')}), so it is refused; tell your administrator.`,
    );
  }
  const text = utf8Encode(parsed.value.text);
  if (!text) return err('The policy note is not valid Unicode.');
  try {
    const publicKey = await subtle.importKey(
      'raw',
      bytes(key.value.publicKey),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    for (const s of mine) {
      const good =
        s.signature.length === SIGNATURE_BYTES &&
        (await subtle.verify({ name: 'Ed25519' }, publicKey, bytes(s.signature), bytes(text)));
      if (!good) {
        return err(
          `The policy's signature by ${name} does not verify: the policy was altered or forged, so it is refused; tell your administrator.`,
        );
      }
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err(
      `This browser could not check the policy's Ed25519 signature (${detail}); update it to Chrome 137 or later.`,
    );
  }
  return readPolicyNoteText(parsed.value.text);
}
