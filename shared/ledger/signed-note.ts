// C2SP signed notes (https://c2sp.org/signed-note), the envelope of tlog checkpoints: text, a blank
// line, then `— <name> <base64(key hash ‖ signature)>` lines. Ed25519 keys in the vkey/skey text
// forms golang.org/x/mod/sumdb/note reads. The signing itself is injected (node:crypto at the edge).
import { bytesEqual, concatBytes, fromBase64, toBase64, utf8Encode } from './bytes';
import type { Hasher } from './merkle';
import { err, ok, type Result } from './result';

/** Signature type byte of Ed25519 keys in signed notes. */
const ALG_ED25519 = 0x01;
/** Ed25519 sizes: public key, private seed, signature. */
const ED25519_KEY_BYTES = 32;
const ED25519_SIG_BYTES = 64;
/** The spec's limit, so a hostile note cannot make a verifier loop over millions of lines. */
const MAX_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 '; // em dash, space

/** A key name: non-empty, no white space, no '+' (it separates the parts of a key's text form). */
const NAME = /^[^\s+]+$/u;
/** Controls other than newline are not allowed in note text (spec, "Format"). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) return true;
  }
  return false;
}

/** A note signer: `sign` returns the raw 64-byte Ed25519 signature of the message. */
export interface NoteSigner {
  name: string;
  keyHash: number;
  sign(message: Uint8Array): Uint8Array;
}

/** A note verifier for one key. */
export interface NoteVerifier {
  name: string;
  keyHash: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** A public key in its text form's parts. */
export interface VerifierKey {
  name: string;
  keyHash: number;
  publicKey: Uint8Array;
}

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyHash: number;
  /** The signature proper, without the key hash in front. */
  signature: Uint8Array;
}

/**
 * The key hash: the first 4 bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
 *
 * @example
 *   keyHash(pureHasher, 'PeterNeumann', publicKey).toString(16); // 'c74f20a3'
 */
export function keyHash(hasher: Hasher, name: string, publicKey: Uint8Array): number {
  const digest = hasher.sha256(
    concatBytes(
      utf8Encode(`${name}\n`) ?? new Uint8Array(),
      new Uint8Array([ALG_ED25519]),
      publicKey,
    ),
  );
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * The verifier key text `<name>+<key hash hex>+<base64(0x01 ‖ public key)>`: what the ledger
 * publishes and what `npm run verify -- --key` reads.
 *
 * @example
 *   formatVerifierKey(pureHasher, 'PeterNeumann', publicKey);
 *   // 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
 */
export function formatVerifierKey(hasher: Hasher, name: string, publicKey: Uint8Array): string {
  const encoded = toBase64(concatBytes(new Uint8Array([ALG_ED25519]), publicKey));
  return `${name}+${hex8(keyHash(hasher, name, publicKey))}+${encoded}`;
}

/** Parses `<name>+<hash>+<base64>` keys; `prefix` is '' or 'PRIVATE+KEY+'. */
function parseKey(text: string, prefix: string, what: string): Result<VerifierKey> {
  const trimmed = text.trim();
  const parts = trimmed.startsWith(prefix) ? trimmed.slice(prefix.length).split('+') : [];
  // The base64 part may itself hold '+', so re-join everything after the second '+'.
  const [name, hash, ...rest] = parts;
  const key = fromBase64(rest.join('+'));
  const expected = `${prefix}<name>+<8 hex digits>+<base64 of 0x01 and the 32-byte key>`;
  if (
    name === undefined ||
    hash === undefined ||
    !key ||
    !NAME.test(name) ||
    !/^[0-9a-f]{8}$/.test(hash)
  ) {
    return err(`This is not an Ed25519 ${what} in signed-note form: expected ${expected}.`);
  }
  if (key.length !== ED25519_KEY_BYTES + 1 || key[0] !== ALG_ED25519) {
    return err(`The ${what} is not an Ed25519 key (algorithm byte 0x01 and 32 key bytes).`);
  }
  return ok({ name, keyHash: parseInt(hash, 16), publicKey: key.subarray(1) });
}

/**
 * Parses a verifier key text and checks its key hash.
 *
 * @example
 *   parseVerifierKey(pureHasher, 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').ok; // true
 */
export function parseVerifierKey(hasher: Hasher, text: string): Result<VerifierKey> {
  const parsed = parseKey(text, '', 'public key');
  if (!parsed.ok) return parsed;
  const { name, publicKey } = parsed.value;
  if (keyHash(hasher, name, publicKey) !== parsed.value.keyHash) {
    return err('The public key text is damaged: its key hash does not match its name and key.');
  }
  return parsed;
}

/**
 * The private key text `PRIVATE+KEY+<name>+<key hash>+<base64(0x01 ‖ seed)>` (Go's note.NewSigner
 * form); the key hash is of the public key, which the caller derives from the seed.
 */
export function formatSignerKey(
  hasher: Hasher,
  name: string,
  publicKey: Uint8Array,
  seed: Uint8Array,
): string {
  const encoded = toBase64(concatBytes(new Uint8Array([ALG_ED25519]), seed));
  return `PRIVATE+KEY+${name}+${hex8(keyHash(hasher, name, publicKey))}+${encoded}`;
}

/** Parses a private key text into name, key hash and the 32-byte seed (in `publicKey`'s place). */
export function parseSignerKey(
  text: string,
): Result<{ name: string; keyHash: number; seed: Uint8Array }> {
  const parsed = parseKey(text, 'PRIVATE+KEY+', 'private key');
  if (!parsed.ok) return parsed;
  return ok({
    name: parsed.value.name,
    keyHash: parsed.value.keyHash,
    seed: parsed.value.publicKey,
  });
}

function checkText(text: string): Result<Uint8Array> {
  const bytes = utf8Encode(text);
  if (!bytes) return err('The note text is not valid Unicode (it holds a lone surrogate).');
  if (text === '' || !text.endsWith('\n')) return err('The note text must end with a newline.');
  if (hasControl(text)) return err('The note text holds a control character other than newline.');
  return ok(bytes);
}

/**
 * Signs `text` (which must end with a newline) and returns the whole note.
 *
 * @example
 *   signNote('hello\n', signer); // 'hello\n\n— name <base64>\n'
 */
export function signNote(text: string, signer: NoteSigner): Result<string> {
  const bytes = checkText(text);
  if (!bytes.ok) return bytes;
  if (!NAME.test(signer.name))
    return err(`The key name ${JSON.stringify(signer.name)} has white space or '+'.`);
  const hash = new Uint8Array(4);
  new DataView(hash.buffer).setUint32(0, signer.keyHash);
  const sig = toBase64(concatBytes(hash, signer.sign(bytes.value)));
  return ok(`${text}\n${SIG_PREFIX}${signer.name} ${sig}\n`);
}

/**
 * Splits a note into its text and signature lines, checking the syntax only.
 *
 * @example
 *   parseNote('hello\n\n— name AAAA…\n'); // { ok: true, value: { text: 'hello\n', signatures: [...] } }
 */
export function parseNote(message: string): Result<{ text: string; signatures: NoteSignature[] }> {
  const split = message.lastIndexOf('\n\n');
  if (split < 0 || !message.endsWith('\n')) {
    return err('This is not a signed note: expected text, a blank line, then signature lines.');
  }
  const text = message.slice(0, split + 1);
  const checked = checkText(text);
  if (!checked.ok) return checked;
  const lines = message.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES)
    return err(`The note has more than ${MAX_SIGNATURES} signatures.`);
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const match = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    const raw = match ? fromBase64(match[2]!) : null;
    if (!match || !raw || raw.length < 5) {
      return err('A signature line of the note is malformed: expected "— <name> <base64>".');
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    signatures.push({ name: match[1]!, keyHash: view.getUint32(0), signature: raw.subarray(4) });
  }
  return ok({ text, signatures });
}

/**
 * Opens a note: returns its text when a signature by `verifier`'s key verifies. Signatures by other
 * keys are ignored, as the spec asks; a bad signature by this key fails.
 *
 * @example
 *   openNote(note, verifier); // { ok: true, value: 'origin\n42\n…\n' }
 */
export function openNote(message: string, verifier: NoteVerifier): Result<string> {
  const parsed = parseNote(message);
  if (!parsed.ok) return parsed;
  const mine = parsed.value.signatures.filter(
    (s) => s.name === verifier.name && s.keyHash === verifier.keyHash,
  );
  if (mine.length === 0) {
    return err(
      `The note carries no signature by the key ${verifier.name}+${hex8(verifier.keyHash)}: ` +
        "it was signed by another key, or the public key given is not the ledger's.",
    );
  }
  const bytes = utf8Encode(parsed.value.text)!;
  for (const s of mine) {
    if (s.signature.length !== ED25519_SIG_BYTES || !verifier.verify(bytes, s.signature)) {
      return err(
        `The signature by ${verifier.name} does not verify: the note was altered or forged.`,
      );
    }
  }
  return ok(parsed.value.text);
}

/** Whether two verifier keys are the same key. */
export function sameKey(a: VerifierKey, b: VerifierKey): boolean {
  return a.name === b.name && a.keyHash === b.keyHash && bytesEqual(a.publicKey, b.publicKey);
}
