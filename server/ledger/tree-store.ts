// Reading the stored tree: any perfect subtree's hash from tree_nodes (level ≥ TILE_LEVEL), from
// a tile's row of level-GROUP_LEVEL hashes (tile_nodes) or by rehashing one group of 16 leaf
// hashes, so proofs and the root at any size cost O(log n) with small constants.
import type Database from 'better-sqlite3';
import { CompactRange, type SubtreeHash, type TreeHasher } from '../../shared/ledger';
import { GROUP_LEVEL, TILE_LEVEL } from './config';

const TILE_LEAVES = 2 ** TILE_LEVEL;
const GROUP_LEAVES = 2 ** GROUP_LEVEL;
/** Level-GROUP_LEVEL subtrees per tile: the hashes of one tile_nodes row. */
export const TILE_GROUPS = TILE_LEAVES / GROUP_LEAVES;
/** Stored nodes (level ≥ TILE_LEVEL) kept across proofs: all ~62,500 of an 8,000,000-entry log
 * in ~10 MB. Nodes near the root are in every proof, and each costs a query otherwise (most of a
 * proof's time once the tile is cheap). Past the limit the cache starts over. */
const CACHED_NODES = 65_536;

/** A node's key in the memos: a number, as proofs run in a tight loop and each string key was
 * garbage (collections of it landed in the slowest proofs). Unique while index < 2^47. */
const keyOf = (level: number, index: number): number => index * 64 + level;

/**
 * What the writer holds in memory at the right edge of the log, all of it hashes of complete
 * subtrees (facts that never change): the compact range and the level-GROUP_LEVEL hashes of the
 * tile still open. A reader seeded with it answers the root and the right-hand part of any proof
 * without a query, and the open tile (which has no tile_nodes row yet) without reading it whole.
 */
export interface RightEdge {
  range: CompactRange;
  /** Hashes of the complete groups of the open tile, in order. */
  groups: readonly Uint8Array[];
}

export interface TreeStore {
  /** A fresh look-up with its own memo: use one per proof (entries never change, so it stays valid). */
  reader(edge?: RightEdge): SubtreeHash;
  /** The compact range of the first `size` entries, to append after them. */
  compactRange(size: number): CompactRange;
  /** The right edge of the first `size` entries, to append after them. */
  rightEdge(size: number): { range: CompactRange; groups: Uint8Array[] };
}

/** The hashes of the 32-byte chunks of a tile_nodes row, or null if it is not one. */
export function splitTileRow(row: Uint8Array): Uint8Array[] | null {
  if (row.length !== TILE_GROUPS * 32) return null;
  return Array.from({ length: TILE_GROUPS }, (_, i) => row.subarray(i * 32, i * 32 + 32));
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
  const tileRow = db
    .prepare<[number], Buffer>('SELECT hashes FROM tile_nodes WHERE tile = ?')
    .pluck();
  const leaves = db
    .prepare<[number, number], Buffer>(
      'SELECT leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx',
    )
    .pluck();

  /** Stored nodes never change (the table refuses UPDATE), so they stay valid for the process. */
  const nodes = new Map<number, Buffer>();
  const storedNode = (level: number, index: number, key: number): Buffer | undefined => {
    const cached = nodes.get(key);
    if (cached) return cached;
    const hash = node.get(level, index);
    if (!hash) return undefined;
    if (nodes.size >= CACHED_NODES) nodes.clear();
    nodes.set(key, hash);
    return hash;
  };

  function reader(edge?: RightEdge): SubtreeHash {
    const memo = new Map<number, Uint8Array>();
    /** What was read already: keyOf(GROUP_LEVEL or TILE_LEVEL, first leaf) for a group or a whole
     * tile of leaves, keyOf(63, tile) for a tile row (no node has level 63). */
    const loaded = new Set<number>();
    /** Puts `row` (hashes at `level` from index `first`) and every complete subtree above it, up
     * to TILE_LEVEL, into the memo. */
    const climb = (level: number, first: number, row: readonly Uint8Array[]) => {
      for (; row.length > 0 && level <= TILE_LEVEL; level++, first /= 2) {
        for (let i = 0; i < row.length; i++) memo.set(keyOf(level, first + i), row[i]!);
        const next: Uint8Array[] = [];
        for (let i = 0; i + 1 < row.length; i += 2) next.push(th.children(row[i]!, row[i + 1]!));
        row = next;
      }
    };
    /** Each source is read once per reader: a group of leaves, a tile row, or a whole tile. */
    const once = (key: number, load: () => void) => {
      if (loaded.has(key)) return;
      loaded.add(key);
      load();
    };
    const loadLeaves = (first: number, count: number) =>
      once(keyOf(count === GROUP_LEAVES ? GROUP_LEVEL : TILE_LEVEL, first), () =>
        climb(0, first, leaves.all(first, first + count)),
      );
    /** The level-GROUP_LEVEL hashes of `tile` from its row, the writer's open tile, or else from
     * all its leaves (a tile completed before format 3 has no row). */
    const loadTile = (tile: number) =>
      once(keyOf(63, tile), () => {
        const row = tileRow.get(tile);
        const groups = row ? splitTileRow(row) : null;
        if (groups) return climb(GROUP_LEVEL, tile * TILE_GROUPS, groups);
        if (edge && tile === Math.floor(edge.range.size / TILE_LEAVES) && edge.groups.length > 0) {
          return climb(GROUP_LEVEL, tile * TILE_GROUPS, edge.groups);
        }
        loadLeaves(tile * TILE_LEAVES, TILE_LEAVES);
      });
    if (edge) {
      // The compact range's subtrees: one per set bit of its size, largest first, from leaf 0.
      const { size } = edge.range;
      const hashes = edge.range.hashes();
      let start = 0;
      for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
        if (size - start >= 2 ** level) {
          memo.set(keyOf(level, start / 2 ** level), hashes.shift()!);
          start += 2 ** level;
        }
      }
    }
    const get: SubtreeHash = (level, index) => {
      const key = keyOf(level, index);
      const known = memo.get(key);
      if (known) return known;
      let hash: Uint8Array | undefined;
      if (level >= TILE_LEVEL) {
        hash = storedNode(level, index, key);
      } else {
        const first = index * 2 ** level;
        if (level >= GROUP_LEVEL) loadTile(Math.floor(first / TILE_LEAVES));
        else loadLeaves(first - (first % GROUP_LEAVES), GROUP_LEAVES);
        hash = memo.get(key);
      }
      if (!hash) {
        throw new Error(`ledger: the tree node ${level}/${index} is missing; run npm run verify`);
      }
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

  function rightEdge(size: number) {
    const get = reader();
    const open = size - (size % TILE_LEAVES);
    const groups: Uint8Array[] = [];
    for (let first = open; first + GROUP_LEAVES <= size; first += GROUP_LEAVES) {
      groups.push(get(GROUP_LEVEL, first / GROUP_LEAVES));
    }
    return { range: compactRange(size), groups };
  }

  return { reader, compactRange, rightEdge };
}
