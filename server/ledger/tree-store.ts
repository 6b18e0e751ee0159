// Reading the stored tree: any perfect subtree's hash from tree_nodes (level ≥ TILE_LEVEL) or by
// rehashing at most one tile of leaf hashes, so proofs and the root at any size cost O(log n).
import type Database from 'better-sqlite3';
import { CompactRange, type SubtreeHash, type TreeHasher } from '../../shared/ledger';
import { TILE_LEVEL } from './config';

const TILE_LEAVES = 2 ** TILE_LEVEL;

export interface TreeStore {
  /** A fresh look-up with its own memo: use one per proof (entries never change, so it stays valid). */
  reader(): SubtreeHash;
  /** The compact range of the first `size` entries, to append after them. */
  compactRange(size: number): CompactRange;
}

/**
 * @example
 *   const store = treeStore(db, nodeTreeHasher);
 *   inclusionProof(nodeTreeHasher, store.reader(), 5, 1000);
 */
export function treeStore(db: Database.Database, th: TreeHasher): TreeStore {
  const node = db
    .prepare<[number, number], Buffer>('SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?')
    .pluck();
  const leaves = db
    .prepare<[number, number], Buffer>(
      'SELECT leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx',
    )
    .pluck();

  function reader(): SubtreeHash {
    const memo = new Map<string, Uint8Array>();
    const loaded = new Set<number>();
    /** One query for a tile's leaves, then every complete subtree inside it, into the memo. */
    const loadTile = (tile: number) => {
      if (loaded.has(tile)) return;
      loaded.add(tile);
      let row: Uint8Array[] = leaves.all(tile * TILE_LEAVES, (tile + 1) * TILE_LEAVES);
      for (let level = 0; row.length > 0; level++) {
        const first = (tile * TILE_LEAVES) / 2 ** level;
        row.forEach((h, i) => memo.set(`${level}/${first + i}`, h));
        const next: Uint8Array[] = [];
        for (let i = 0; i + 1 < row.length; i += 2) next.push(th.children(row[i]!, row[i + 1]!));
        row = next;
      }
    };
    const get: SubtreeHash = (level, index) => {
      const key = `${level}/${index}`;
      const known = memo.get(key);
      if (known) return known;
      let hash: Uint8Array | undefined;
      if (level >= TILE_LEVEL) {
        hash = node.get(level, index);
      } else {
        loadTile(Math.floor((index * 2 ** level) / TILE_LEAVES));
        hash = memo.get(key);
      }
      if (!hash) throw new Error(`ledger: the tree node ${key} is missing; run npm run verify`);
      memo.set(key, hash);
      return hash;
    };
    return get;
  }

  function compactRange(size: number): CompactRange {
    const get = reader();
    const hashes: Uint8Array[] = [];
    let start = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      if (size - start >= 2 ** level) {
        hashes.push(get(level, start / 2 ** level));
        start += 2 ** level;
      }
    }
    return CompactRange.fromHashes(th, size, hashes)!;
  }

  return { reader, compactRange };
}
