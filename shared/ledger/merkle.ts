// RFC 9162 (RFC 6962) Merkle tree hashing and proof verification, with the hash function injected
// so the same code runs in the browser, offline tools and the server (which passes node:crypto's).
import { bytesEqual } from './bytes';

/** A SHA-256 implementation: `pureHasher` from ./sha256, or node:crypto at the edge. */
export interface Hasher {
  sha256(data: Uint8Array): Uint8Array;
}

/** The two hashes of an RFC 9162 tree; build one with `treeHasher` or supply a faster equivalent. */
export interface TreeHasher {
  /** HASH(0x00 ‖ entry). */
  leaf(entry: Uint8Array): Uint8Array;
  /** HASH(0x01 ‖ left ‖ right). */
  children(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** HASH() of no bytes: the root of the empty tree. */
  empty(): Uint8Array;
}

/** The outcome of checking a proof: `reason` says what did not hold. */
export type ProofCheck = { ok: true } | { ok: false; reason: string };

/**
 * The RFC 9162 §2.1.1 leaf and node hashes over `hasher`.
 *
 * @example
 *   const th = treeHasher(pureHasher);
 *   toHex(th.leaf(new Uint8Array())); // '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'
 */
export function treeHasher(hasher: Hasher): TreeHasher {
  return {
    leaf(entry) {
      const data = new Uint8Array(entry.length + 1);
      data.set(entry, 1);
      return hasher.sha256(data);
    },
    children(left, right) {
      const data = new Uint8Array(1 + left.length + right.length);
      data[0] = 1;
      data.set(left, 1);
      data.set(right, 1 + left.length);
      return hasher.sha256(data);
    },
    empty: () => hasher.sha256(new Uint8Array()),
  };
}

/** The largest power of two strictly below `n` (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH over leaf hashes, straight from the RFC 9162 §2.1.1 definition: a reference for tests and
 * small trees (the server keeps a compact range instead).
 *
 * @example
 *   toHex(rootFromLeafHashes(th, [])); // 'e3b0c442…' (SHA-256 of nothing)
 */
export function rootFromLeafHashes(th: TreeHasher, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return th.empty();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return th.children(
    rootFromLeafHashes(th, leaves.slice(0, k)),
    rootFromLeafHashes(th, leaves.slice(k)),
  );
}

const isSafeIndex = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Whether `n` (≥ 1) is 2^k; by division, since sizes may pass 2^31 where bit operators wrap. */
export function isPowerOfTwo(n: number): boolean {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}

/**
 * Checks an inclusion proof with the RFC 9162 §2.1.3.2 algorithm: `leafHash` is entry `index` of
 * the tree of `size` leaves whose root is `root`.
 *
 * @example
 *   verifyInclusion(th, 2, 8, leafHash, proof, root); // { ok: true }
 */
export function verifyInclusion(
  th: TreeHasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck {
  if (!isSafeIndex(index) || !isSafeIndex(size) || index >= size) {
    return { ok: false, reason: `index ${index} is not below the tree size ${size}` };
  }
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0)
      return { ok: false, reason: 'the proof has more hashes than the tree has levels' };
    if (fn % 2 === 1 || fn === sn) {
      r = th.children(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = th.children(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return { ok: false, reason: 'the proof has fewer hashes than the tree has levels' };
  if (!bytesEqual(r, root)) return { ok: false, reason: 'the proof leads to a different root' };
  return { ok: true };
}

/**
 * Checks a consistency proof with the RFC 9162 §2.1.4.2 algorithm: the tree of `size1` leaves with
 * root `root1` is a prefix of the tree of `size2` leaves with root `root2`. Equal sizes need an
 * empty proof and equal roots; the empty tree is a prefix of every tree.
 *
 * @example
 *   verifyConsistency(th, 3, 7, root3, root7, proof); // { ok: true }
 */
export function verifyConsistency(
  th: TreeHasher,
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): ProofCheck {
  if (!isSafeIndex(size1) || !isSafeIndex(size2) || size1 > size2) {
    return { ok: false, reason: `the first size ${size1} is larger than the second ${size2}` };
  }
  if (size1 === size2) {
    if (proof.length !== 0) return { ok: false, reason: 'equal sizes take an empty proof' };
    return bytesEqual(root1, root2)
      ? { ok: true }
      : { ok: false, reason: 'two different roots for the same size: the log forked' };
  }
  if (size1 === 0) {
    return proof.length === 0 ? { ok: true } : { ok: false, reason: 'size 0 takes an empty proof' };
  }
  if (proof.length === 0) return { ok: false, reason: 'the proof is empty' };
  // A power-of-two first tree is a node of the second; the proof leaves its hash out.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return { ok: false, reason: 'the proof has more hashes than the trees need' };
    if (fn % 2 === 1 || fn === sn) {
      fr = th.children(c, fr);
      sr = th.children(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = th.children(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return { ok: false, reason: 'the proof has fewer hashes than the trees need' };
  if (!bytesEqual(fr, root1))
    return { ok: false, reason: 'the proof does not lead to the first root' };
  if (!bytesEqual(sr, root2))
    return { ok: false, reason: 'the proof does not lead to the second root' };
  return { ok: true };
}
