// Export of a ledger range as JSON lines (shared/schema/ledger.ts, ExportLine): a header with the
// public key, the prefix subtree hashes, entries with checkpoints placed where they apply, an end
// line. Reads page by page, so a stream of any length holds no statement open between pages.
// An entry whose payload was pruned past retention is the line
// {"type":"pruned","index":N,"leafHash":"<hex>"}: its leaf hash still goes into the tree, so the
// checkpoints still verify; an export without pruned entries is exactly what format 1 wrote.
import type Database from 'better-sqlite3';
import type { ExportLine } from '../../shared/schema/ledger';
import { toHex } from '../../shared/ledger';
import { PAGE_ROWS } from './config';
import type { CheckpointStore } from './checkpoints';
import type { TreeStore } from './tree-store';

export interface ExportSource {
  db: Database.Database;
  tree: TreeStore;
  checkpoints: CheckpointStore;
  origin: string;
  publicKey: string;
}

const line = (value: ExportLine): string => `${JSON.stringify(value)}\n`;

/**
 * The lines of entries [from, to); the caller has checked 0 ≤ from ≤ to ≤ size.
 *
 * @example
 *   for (const l of exportLines(source, 0, 1000)) out.write(l);
 */
export function* exportLines(source: ExportSource, from: number, to: number): Generator<string> {
  const { db, tree, checkpoints, origin, publicKey } = source;
  const page = db
    .prepare<[number, number, number], [number, string, Buffer]>(
      'SELECT idx, canonical, leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx LIMIT ?',
    )
    .raw();
  yield line({ type: 'header', format: 'custodian-ledger-export/1', origin, publicKey, from, to });
  yield line({ type: 'prefix', size: from, hashes: tree.compactRange(from).hashes().map(toHex) });
  const signed = checkpoints.between(from, to);
  let next = 0;
  const due = function* (size: number) {
    for (; signed[next]?.size === size; next++)
      yield line({ type: 'checkpoint', note: signed[next]!.note });
  };
  yield* due(from);
  let at = from;
  while (at < to) {
    const rows = page.all(at, to, PAGE_ROWS);
    if (rows.length === 0) break;
    for (const [idx, canonical, leafHash] of rows) {
      yield line(
        canonical === ''
          ? { type: 'pruned', index: idx, leafHash: toHex(leafHash) }
          : { type: 'entry', index: idx, canonical },
      );
      at = idx + 1;
      yield* due(at);
    }
  }
  yield line({ type: 'end', entries: at - from });
}
