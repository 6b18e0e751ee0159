// Test helper: an Ed25519 key made with WebCrypto, in the audit service's key text form, that
// signs staff policies as the service does (policyNoteText, then a C2SP signed note).
import { policyNoteText } from '../../../shared/access';
import {
  formatVerifierKey,
  keyHash,
  pureHasher,
  signNote,
  utf8Encode,
} from '../../../shared/ledger';

export interface TestServerKey {
  /** `<name>+<key hash>+<base64>`, as enrollment answers it. */
  serverKey: string;
  /** Signs the note text exactly as given (for malformed texts). */
  signText(text: string): Promise<string>;
  /** The signed note of a policy (as written, before defaults). */
  signPolicy(policy: unknown): Promise<string>;
}

export async function makeServerKey(name = 'custodian-test'): Promise<TestServerKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const hash = keyHash(pureHasher, name, publicKey);
  const signText = async (text: string): Promise<string> => {
    const data = utf8Encode(text)!;
    const signature = new Uint8Array(
      await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new Uint8Array(data)),
    );
    // signNote wants a synchronous signer: the signature is made first, for exactly this text.
    const note = signNote(text, { name, keyHash: hash, sign: () => signature });
    if (!note.ok) throw new Error(note.error);
    return note.value;
  };
  return {
    serverKey: formatVerifierKey(pureHasher, name, publicKey),
    signText,
    async signPolicy(policy) {
      const text = policyNoteText(policy);
      if (!text.ok) throw new Error(text.error);
      return signText(text.value);
    },
  };
}
