// RFC 9162 trees and proofs: CT's reference vectors, then properties over random trees — every
// proof verifies, and any change to a proof, index, size or root makes it fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { CompactRange } from './compact-range';
import { rootFromLeafHashes, treeHasher, verifyConsistency, verifyInclusion } from './merkle';
import { consistencyProof, inclusionProof, subtreeFromLeaves } from './merkle-proofs';
import { pureHasher } from './sha256';
import { CT_CONSISTENCY, CT_INCLUSION, CT_LEAVES, CT_ROOTS, hex } from './test-vectors';

const th = treeHasher(pureHasher);
const ctLeafHashes = CT_LEAVES.map((l) => th.leaf(l));
const leafHashes = (n: number) =>
  Array.from({ length: n }, (_, i) => th.leaf(new Uint8Array([i & 255, i >> 8])));

/** Copies of `proof`, each with one change a verifier must catch. */
function tampered(proof: readonly Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  proof.forEach((_, i) => {
    const flipped = proof.map((h) => h.slice());
    flipped[i]![0]! ^= 8;
    out.push(flipped);
    out.push(proof.filter((__, j) => j !== i));
  });
  out.push([...proof, th.empty()]);
  out.push([th.empty(), ...proof]);
  return out;
}

describe('the CT reference tree', () => {
  it('has the published roots for sizes 1 to 8, by definition and by compact range', () => {
    const range = CompactRange.empty(th);
    expect(toHex(rootFromLeafHashes(th, []))).toBe(toHex(th.empty()));
    CT_ROOTS.forEach((root, i) => {
      expect(toHex(rootFromLeafHashes(th, ctLeafHashes.slice(0, i + 1)))).toBe(root);
      range.append(ctLeafHashes[i]!);
      expect(toHex(range.root())).toBe(root);
    });
  });

  it('gives and accepts the published inclusion proofs', () => {
    const subtree = subtreeFromLeaves(th, ctLeafHashes);
    for (const [index, size, expected] of CT_INCLUSION) {
      const proof = inclusionProof(th, subtree, index, size);
      expect(proof.map(toHex)).toEqual(expected);
      const root = hex(CT_ROOTS[size - 1]!);
      expect(verifyInclusion(th, index, size, ctLeafHashes[index]!, proof, root)).toEqual({
        ok: true,
      });
      for (const bad of tampered(proof)) {
        expect(verifyInclusion(th, index, size, ctLeafHashes[index]!, bad, root).ok).toBe(false);
      }
    }
  });

  it('gives and accepts the published consistency proofs', () => {
    const subtree = subtreeFromLeaves(th, ctLeafHashes);
    for (const [size1, size2, expected] of CT_CONSISTENCY) {
      const proof = consistencyProof(th, subtree, size1, size2);
      expect(proof.map(toHex)).toEqual(expected);
      const [root1, root2] = [hex(CT_ROOTS[size1 - 1]!), hex(CT_ROOTS[size2 - 1]!)];
      expect(verifyConsistency(th, size1, size2, root1, root2, proof)).toEqual({ ok: true });
    }
  });
});

describe('edge cases of verification', () => {
  const [r1, r2] = [hex(CT_ROOTS[0]!), hex(CT_ROOTS[1]!)];

  it('treats equal and empty sizes as RFC 9162 does', () => {
    expect(verifyConsistency(th, 0, 0, r1, r1, []).ok).toBe(true);
    expect(verifyConsistency(th, 0, 5, r1, r2, []).ok).toBe(true);
    expect(verifyConsistency(th, 1, 1, r1, r1, []).ok).toBe(true);
    expect(verifyConsistency(th, 1, 1, r1, r2, [])).toMatchObject({ ok: false, reason: /forked/ });
    expect(verifyConsistency(th, 1, 1, r1, r1, [r1]).ok).toBe(false);
    expect(verifyConsistency(th, 0, 1, r1, r1, [r1]).ok).toBe(false);
    expect(verifyConsistency(th, 2, 1, r1, r2, []).ok).toBe(false);
    expect(verifyConsistency(th, 1, 2, r1, r2, []).ok).toBe(false);
  });

  it('refuses indices outside the tree', () => {
    expect(verifyInclusion(th, 0, 0, r1, [], r1).ok).toBe(false);
    expect(verifyInclusion(th, 2, 1, r1, [], r1).ok).toBe(false);
    expect(verifyInclusion(th, -1, 1, r1, [], r1).ok).toBe(false);
    expect(verifyInclusion(th, 0, 1, r1, [], r1).ok).toBe(true);
  });
});

describe('random trees', () => {
  const sizes = fc.integer({ min: 1, max: 300 });

  it('every inclusion proof verifies, and a tampered one does not', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), (size, seed) => {
        const leaves = leafHashes(size);
        const subtree = subtreeFromLeaves(th, leaves);
        const root = rootFromLeafHashes(th, leaves);
        const index = seed % size;
        const proof = inclusionProof(th, subtree, index, size);
        expect(verifyInclusion(th, index, size, leaves[index]!, proof, root).ok).toBe(true);
        for (const bad of tampered(proof)) {
          expect(verifyInclusion(th, index, size, leaves[index]!, bad, root).ok).toBe(false);
        }
        if (size > 1) {
          const other = (index + 1) % size;
          expect(verifyInclusion(th, other, size, leaves[index]!, proof, root).ok).toBe(false);
          expect(verifyInclusion(th, index, size, leaves[other]!, proof, root).ok).toBe(false);
        }
      }),
    );
  });

  it('every consistency proof verifies, and a tampered one does not', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), (size2, seed) => {
        const leaves = leafHashes(size2);
        const subtree = subtreeFromLeaves(th, leaves);
        const size1 = seed % (size2 + 1);
        const root1 = rootFromLeafHashes(th, leaves.slice(0, size1));
        const root2 = rootFromLeafHashes(th, leaves);
        const proof = consistencyProof(th, subtree, size1, size2);
        expect(verifyConsistency(th, size1, size2, root1, root2, proof)).toEqual({ ok: true });
        if (proof.length === 0) return;
        for (const bad of tampered(proof)) {
          expect(verifyConsistency(th, size1, size2, root1, root2, bad).ok).toBe(false);
        }
        const wrongRoot = root1.slice();
        wrongRoot[0]! ^= 1;
        expect(verifyConsistency(th, size1, size2, wrongRoot, root2, proof).ok).toBe(false);
        expect(verifyConsistency(th, size1, size2, root1, wrongRoot, proof).ok).toBe(false);
      }),
    );
  });

  it('a compact range needs one hash per set bit of its size', () => {
    expect(CompactRange.fromHashes(th, 1, [])).toBeNull();
    expect(CompactRange.fromHashes(th, 3, [th.empty()])).toBeNull();
    expect(CompactRange.fromHashes(th, -1, [])).toBeNull();
    expect(CompactRange.fromHashes(th, 0, [])?.root()).toEqual(th.empty());
  });

  it('a compact range gives the same root as the definition, and rebuilds from its hashes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (size) => {
        const leaves = leafHashes(size);
        const range = CompactRange.empty(th);
        const completed: string[] = [];
        leaves.forEach((l) =>
          range.append(l, (level, index) => completed.push(`${level}/${index}`)),
        );
        expect(range.root()).toEqual(rootFromLeafHashes(th, leaves));
        // Every perfect subtree of level ≥ 1 inside the tree is reported exactly once.
        let expected = 0;
        for (let level = 1; 2 ** level <= size; level++) expected += Math.floor(size / 2 ** level);
        expect(new Set(completed).size).toBe(expected);
        expect(completed.length).toBe(expected);
        const rebuilt = CompactRange.fromHashes(th, size, range.hashes())!;
        rebuilt.append(th.leaf(new Uint8Array([9])));
        range.append(th.leaf(new Uint8Array([9])));
        expect(rebuilt.root()).toEqual(range.root());
      }),
    );
  });
});
