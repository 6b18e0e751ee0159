// The right edge of an append-only Merkle tree ("compact range" [0, n)): the roots of the perfect
// subtrees that n's binary digits describe. Appending a leaf costs O(1) hashes amortized, and
// the root, O(log n), is folded from it on demand.
import type { TreeHasher } from './merkle';

/** Called with every perfect subtree an append completes (level ≥ 1), e.g. to store it. */
export type OnNode = (level: number, index: number, hash: Uint8Array) => void;

export class CompactRange {
  readonly #th: TreeHasher;
  #size: number;
  /** Roots of the perfect subtrees covering [0, size), largest (leftmost) first. */
  readonly #hashes: Uint8Array[];

  private constructor(th: TreeHasher, size: number, hashes: Uint8Array[]) {
    this.#th = th;
    this.#size = size;
    this.#hashes = hashes;
  }

  /**
   * An empty range; `append` grows it.
   *
   * @example
   *   const range = CompactRange.empty(th);
   *   range.append(th.leaf(bytes));
   *   range.root();
   */
  static empty(th: TreeHasher): CompactRange {
    return new CompactRange(th, 0, []);
  }

  /**
   * The range of `size` leaves from its subtree roots (largest first; one per set bit of size),
   * or `null` when the count does not match. Export files carry these for a range not starting at 0.
   */
  static fromHashes(
    th: TreeHasher,
    size: number,
    hashes: readonly Uint8Array[],
  ): CompactRange | null {
    if (!Number.isSafeInteger(size) || size < 0) return null;
    return hashes.length === bitCount(size) ? new CompactRange(th, size, [...hashes]) : null;
  }

  get size(): number {
    return this.#size;
  }

  /** The subtree roots, largest first. */
  hashes(): Uint8Array[] {
    return [...this.#hashes];
  }

  /** Appends one leaf hash; `onNode` hears of each perfect subtree this completes. */
  append(leafHash: Uint8Array, onNode?: OnNode): void {
    const index = this.#size;
    let hash = leafHash;
    let level = 0;
    for (let s = index; s % 2 === 1; s = (s - 1) / 2) {
      hash = this.#th.children(this.#hashes.pop()!, hash);
      level++;
      onNode?.(level, Math.floor(index / 2 ** level), hash);
    }
    this.#hashes.push(hash);
    this.#size = index + 1;
  }

  /** MTH of the leaves so far: the subtree roots folded from the right. */
  root(): Uint8Array {
    const n = this.#hashes.length;
    if (n === 0) return this.#th.empty();
    let root = this.#hashes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) root = this.#th.children(this.#hashes[i]!, root);
    return root;
  }
}

/** The number of set bits of a safe integer (sizes may pass 2^32, where bit operators wrap). */
export function bitCount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}
