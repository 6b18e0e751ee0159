// Inclusion and consistency proofs (RFC 9162 §2.1.3.1, §2.1.4.1) built from perfect-subtree
// hashes, so a log stored as leaves plus some subtree hashes answers in O(log n) look-ups.
import { isPowerOfTwo, splitPoint, type TreeHasher } from './merkle';

/**
 * The hash of the perfect subtree at `level` that covers leaves [index·2^level, (index+1)·2^level).
 * Level 0 is a leaf hash. Only called for subtrees that lie wholly inside the tree.
 */
export type SubtreeHash = (level: number, index: number) => Uint8Array;

function log2(powerOfTwo: number): number {
  let level = 0;
  for (let n = powerOfTwo; n > 1; n /= 2) level++;
  return level;
}

/**
 * MTH of leaves [start, start + n), n ≥ 1. Callers pass ranges as RFC 9162's recursion makes them,
 * where `start` is a multiple of every power of two up to n, so each perfect part is one look-up.
 */
export function rangeHash(
  th: TreeHasher,
  subtree: SubtreeHash,
  start: number,
  n: number,
): Uint8Array {
  if (isPowerOfTwo(n)) return subtree(log2(n), start / n);
  const k = splitPoint(n);
  return th.children(rangeHash(th, subtree, start, k), rangeHash(th, subtree, start + k, n - k));
}

/**
 * The inclusion proof of entry `index` in the tree of `size` leaves: RFC 9162 PATH(m, D[n]), the
 * sibling hashes from the leaf up. Requires 0 ≤ index < size.
 *
 * @example
 *   inclusionProof(th, (level, i) => nodeHash(level, i), 5, 8); // 3 hashes
 */
export function inclusionProof(
  th: TreeHasher,
  subtree: SubtreeHash,
  index: number,
  size: number,
): Uint8Array[] {
  const path: Uint8Array[] = [];
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      path.push(rangeHash(th, subtree, start + k, n - k));
      n = k;
    } else {
      path.push(rangeHash(th, subtree, start, k));
      start += k;
      m -= k;
      n -= k;
    }
  }
  return path.reverse();
}

/**
 * The consistency proof between the trees of `size1` and `size2` leaves: RFC 9162
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Empty when size1 is 0 or equals size2.
 * Requires 0 ≤ size1 ≤ size2.
 *
 * @example
 *   consistencyProof(th, subtree, 3, 7); // 4 hashes
 */
export function consistencyProof(
  th: TreeHasher,
  subtree: SubtreeHash,
  size1: number,
  size2: number,
): Uint8Array[] {
  if (size1 === 0 || size1 === size2) return [];
  const path: Uint8Array[] = [];
  let start = 0;
  let m = size1;
  let n = size2;
  let whole = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      path.push(rangeHash(th, subtree, start + k, n - k));
      n = k;
    } else {
      path.push(rangeHash(th, subtree, start, k));
      start += k;
      m -= k;
      n -= k;
      whole = false;
    }
  }
  if (!whole) path.push(rangeHash(th, subtree, start, m));
  return path.reverse();
}

/**
 * A `SubtreeHash` over leaf hashes held in memory: for tests and small trees.
 *
 * @example
 *   const subtree = subtreeFromLeaves(th, leafHashes);
 *   inclusionProof(th, subtree, 0, leafHashes.length);
 */
export function subtreeFromLeaves(th: TreeHasher, leaves: readonly Uint8Array[]): SubtreeHash {
  const memo = new Map<string, Uint8Array>();
  const get: SubtreeHash = (level, index) => {
    if (level === 0) return leaves[index]!;
    const key = `${level}/${index}`;
    let hash = memo.get(key);
    if (!hash) {
      hash = th.children(get(level - 1, index * 2), get(level - 1, index * 2 + 1));
      memo.set(key, hash);
    }
    return hash;
  };
  return get;
}
