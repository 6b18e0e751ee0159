// node:crypto wiring against golang.org/x/mod/sumdb/note's vectors and the pure implementations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  openNote,
  parseSignerKey,
  parseVerifierKey,
  pureHasher,
  signNote,
  treeHasher,
  utf8Encode,
} from '../../shared/ledger';
import { GO_NOTE } from '../../shared/ledger/test-vectors';
import {
  ed25519Signer,
  ed25519Verifier,
  hashLeafInput,
  hashLeafText,
  nodeHasher,
  nodeTreeHasher,
  privateKeyFromSeed,
  rawPublicKey,
} from './node-crypto';

describe('Ed25519 signed notes on node:crypto', () => {
  it("signs exactly as Go does, and verifies Go's note", () => {
    const skey = parseSignerKey(GO_NOTE.privateKey);
    if (!skey.ok) throw new Error(skey.error);
    const privateKey = privateKeyFromSeed(skey.value.seed);
    const vkey = parseVerifierKey(nodeHasher, GO_NOTE.publicKey);
    if (!vkey.ok) throw new Error(vkey.error);
    expect(Buffer.from(rawPublicKey(privateKey))).toEqual(Buffer.from(vkey.value.publicKey));
    const signed = signNote(
      GO_NOTE.text,
      ed25519Signer(skey.value.name, skey.value.keyHash, privateKey),
    );
    expect(signed).toEqual({ ok: true, value: `${GO_NOTE.text}\n${GO_NOTE.signature}` });
    const verifier = ed25519Verifier(vkey.value);
    expect(openNote(`${GO_NOTE.text}\n${GO_NOTE.signature}`, verifier)).toEqual({
      ok: true,
      value: GO_NOTE.text,
    });
    expect(
      openNote(`${GO_NOTE.text.replace('answer', 'Answer')}\n${GO_NOTE.signature}`, verifier).ok,
    ).toBe(false);
  });
});

describe('hashes', () => {
  const pure = treeHasher(pureHasher);

  it('the fast leaf and node hashes equal the pure ones', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (text, other) => {
          const bytes = utf8Encode(text)!;
          expect(Buffer.from(hashLeafText(text))).toEqual(Buffer.from(pure.leaf(bytes)));
          expect(Buffer.from(hashLeafInput(`\0${text}`))).toEqual(Buffer.from(pure.leaf(bytes)));
          expect(Buffer.from(nodeTreeHasher.leaf(bytes))).toEqual(Buffer.from(pure.leaf(bytes)));
          const left = pure.leaf(bytes);
          expect(Buffer.from(nodeTreeHasher.children(left, other))).toEqual(
            Buffer.from(pure.children(left, other)),
          );
        },
      ),
    );
    expect(Buffer.from(nodeTreeHasher.empty())).toEqual(Buffer.from(pure.empty()));
    expect(Buffer.from(nodeTreeHasher.children(new Uint8Array(3), new Uint8Array(1)))).toEqual(
      Buffer.from(pure.children(new Uint8Array(3), new Uint8Array(1))),
    );
  });
});
