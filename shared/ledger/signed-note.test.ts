// Signed notes and checkpoints against golang.org/x/mod/sumdb/note's vectors; the Ed25519 check
// itself is injected (the server's tests run the real one against the same vectors).
import { describe, expect, it } from 'vitest';
import { bytesEqual, fromBase64, toHex, utf8Encode } from './bytes';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint';
import { pureHasher } from './sha256';
import {
  formatVerifierKey,
  keyHash,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteVerifier,
} from './signed-note';
import { GO_NOTE } from './test-vectors';

const goKey = parseVerifierKey(pureHasher, GO_NOTE.publicKey);
const goSignature = fromBase64(GO_NOTE.signature.split(' ')[2]!.trim())!.subarray(4);

/** Accepts exactly the Go vector's signature over the Go vector's text (a stand-in for Ed25519). */
const goVerifier: NoteVerifier = {
  name: 'PeterNeumann',
  keyHash: 0xc74f20a3,
  verify: (message, signature) =>
    bytesEqual(message, utf8Encode(GO_NOTE.text)!) && bytesEqual(signature, goSignature),
};

describe('keys', () => {
  it('computes the key hash and text form of the Go test key', () => {
    expect(goKey.ok).toBe(true);
    if (!goKey.ok) return;
    expect(goKey.value.name).toBe('PeterNeumann');
    expect(keyHash(pureHasher, 'PeterNeumann', goKey.value.publicKey).toString(16)).toBe(
      'c74f20a3',
    );
    expect(formatVerifierKey(pureHasher, 'PeterNeumann', goKey.value.publicKey)).toBe(
      GO_NOTE.publicKey,
    );
  });

  it('parses the Go private key', () => {
    const signer = parseSignerKey(GO_NOTE.privateKey);
    expect(signer).toMatchObject({
      ok: true,
      value: { name: 'PeterNeumann', keyHash: 0xc74f20a3 },
    });
    if (signer.ok) expect(signer.value.seed).toHaveLength(32);
  });

  it('refuses damaged keys, as Go does', () => {
    const bad = [
      GO_NOTE.publicKey.slice(1),
      GO_NOTE.publicKey.slice(0, -1),
      GO_NOTE.publicKey.replace('c74f20a3', 'c74f20a4'),
      GO_NOTE.publicKey.replace('ARpc', 'ZRpc'),
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
      '',
    ];
    for (const key of bad) expect(parseVerifierKey(pureHasher, key).ok, key).toBe(false);
    expect(parseSignerKey(GO_NOTE.publicKey).ok).toBe(false);
  });
});

describe('notes', () => {
  const note = `${GO_NOTE.text}\n${GO_NOTE.signature}`;

  it('opens the Go note and ignores signatures by other keys', () => {
    expect(openNote(note, goVerifier)).toEqual({ ok: true, value: GO_NOTE.text });
    const both = `${GO_NOTE.text}\n${GO_NOTE.signature}${GO_NOTE.otherSignature}`;
    expect(openNote(both, goVerifier)).toEqual({ ok: true, value: GO_NOTE.text });
    expect(parseNote(both)).toMatchObject({
      ok: true,
      value: { signatures: [{}, { name: 'EnochRoot', keyHash: 0xaf0cfe78 }] },
    });
  });

  it('produces the Go signature line when the signer returns the Go signature', () => {
    const signer = { name: 'PeterNeumann', keyHash: 0xc74f20a3, sign: () => goSignature };
    expect(signNote(GO_NOTE.text, signer)).toEqual({ ok: true, value: note });
  });

  it('refuses altered text, foreign keys and malformed notes, as Go does', () => {
    expect(openNote(note.replace('cryptography', 'cryptographY'), goVerifier)).toMatchObject({
      ok: false,
      error: /altered or forged/,
    });
    expect(openNote(`${GO_NOTE.text}\n${GO_NOTE.otherSignature}`, goVerifier)).toMatchObject({
      ok: false,
      error: /no signature by the key/,
    });
    const malformed = [
      GO_NOTE.text,
      `${GO_NOTE.text}\n`,
      `${GO_NOTE.text}\n${GO_NOTE.signature.slice(0, -1)}`,
      `\u0001${GO_NOTE.text}\n${GO_NOTE.signature}`,
      `${GO_NOTE.text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${GO_NOTE.text}\n${GO_NOTE.signature}Unexpected line.\n`,
      `${GO_NOTE.text}\n${GO_NOTE.signature.repeat(101)}`,
    ];
    for (const message of malformed)
      expect(parseNote(message).ok, JSON.stringify(message)).toBe(false);
    expect(signNote('no newline', { name: 'a', keyHash: 1, sign: () => goSignature }).ok).toBe(
      false,
    );
    expect(signNote('x\n', { name: 'a b', keyHash: 1, sign: () => goSignature }).ok).toBe(false);
  });
});

describe('checkpoints', () => {
  const rootHash = new Uint8Array(32).fill(7);

  it('formats and parses the tlog-checkpoint body', () => {
    const text = formatCheckpoint({
      origin: 'custodian.local/ledger',
      size: 42,
      rootHash,
      extensions: ['ext one'],
    });
    expect(text).toBe(
      'custodian.local/ledger\n42\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\next one\n',
    );
    const parsed = parseCheckpoint(text);
    expect(parsed.ok && toHex(parsed.value.rootHash)).toBe(toHex(rootHash));
    expect(parsed).toMatchObject({
      ok: true,
      value: { origin: 'custodian.local/ledger', size: 42, extensions: ['ext one'] },
    });
  });

  it('refuses malformed bodies with a message per line', () => {
    expect(parseCheckpoint('o\n42\n')).toMatchObject({ ok: false, error: /three lines/ });
    expect(parseCheckpoint('o\n042\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n')).toMatchObject(
      { ok: false, error: /tree size/ },
    );
    expect(parseCheckpoint('o\n-1\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n')).toMatchObject({
      ok: false,
      error: /tree size/,
    });
    expect(parseCheckpoint('o\n1\nBwcH\n')).toMatchObject({ ok: false, error: /root hash/ });
    expect(parseCheckpoint('o\n1\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=')).toMatchObject({
      ok: false,
      error: /newline/,
    });
    expect(parseCheckpoint('\n1\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n').ok).toBe(false);
  });

  it('opens a signed checkpoint only with its key', () => {
    const text = formatCheckpoint({ origin: 'o', size: 1, rootHash, extensions: [] });
    const sig = new Uint8Array(64).fill(1);
    const signer = { name: 'o', keyHash: 5, sign: () => sig };
    const verifier: NoteVerifier = {
      name: 'o',
      keyHash: 5,
      verify: (m, s) => bytesEqual(s, sig) && bytesEqual(m, utf8Encode(text)!),
    };
    const note = signNote(text, signer);
    expect(note.ok).toBe(true);
    if (!note.ok) return;
    expect(openCheckpoint(note.value, verifier)).toMatchObject({ ok: true, value: { size: 1 } });
    expect(openCheckpoint(note.value.replace('\n1\n', '\n2\n'), verifier).ok).toBe(false);
    expect(openCheckpoint(note.value, { ...verifier, keyHash: 6 }).ok).toBe(false);
  });
});
