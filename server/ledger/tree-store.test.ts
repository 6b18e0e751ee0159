// The stored tree: proofs equal the ones computed from every leaf hash in memory, whether a node
// comes from tree_nodes, a tile row, a group of leaves or the writer's right edge; a ledger file
// of format 2 (no tile rows) opens, verifies, proves and appends; verify checks the tile rows.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  fromHex,
  inclusionProof,
  rootFromLeafHashes,
  subtreeFromLeaves,
  toHex,
} from '../../shared/ledger';
import { TILE_ROWS_FROM } from './database';
import { openLedger, type Ledger } from './index';
import { nodeTreeHasher as th } from './node-crypto';
import { event, tamper, tempLedger } from './test-helpers';

function leafHashes(path: string): Buffer[] {
  const db = new Database(path, { readonly: true });
  const leaves = db.prepare<[], Buffer>('SELECT leaf_hash FROM entries ORDER BY idx').pluck().all();
  db.close();
  return leaves;
}

function appendEvents(ledger: Ledger, count: number): void {
  const first = ledger.size();
  ledger.append(
    'staff-event',
    Array.from({ length: count }, (_, i) => event(first + i)),
  );
}

/** Every proof the ledger gives for these sizes equals the reference over all leaf hashes. */
function expectReferenceProofs(ledger: Ledger, path: string, sizes: readonly number[]): void {
  const leaves = leafHashes(path);
  const reference = subtreeFromLeaves(th, leaves);
  for (const size of sizes) {
    const indices = new Set([0, 1, 15, 16, 17, 255, 256, 257, size - 17, size - 2, size - 1]);
    for (let i = 0; i < size; i += 97) indices.add(i);
    const root = toHex(rootFromLeafHashes(th, leaves.slice(0, size)));
    for (const index of [...indices].filter((i) => i >= 0 && i < size)) {
      const proof = ledger.inclusionProof(index, size);
      if (!proof.ok) throw new Error(proof.error);
      expect(proof.value.root, `root at ${size}`).toBe(root);
      expect(proof.value.leafHash).toBe(toHex(leaves[index]!));
      expect(proof.value.hashes, `index ${index} of ${size}`).toEqual(
        inclusionProof(th, reference, index, size).map(toHex),
      );
    }
    for (const from of [1, 16, 255, 256, Math.floor(size / 2), size - 1]) {
      if (from < 1 || from > size) continue;
      const proof = ledger.consistencyProof(from, size);
      if (!proof.ok) throw new Error(proof.error);
      expect(proof.value.hashes, `${from} to ${size}`).toEqual(
        consistencyProof(th, reference, from, size).map(toHex),
      );
    }
  }
}

describe('the stored tree', () => {
  it('proves like the in-memory reference, inside and across tiles and the open one', () => {
    const { ledger, path } = tempLedger({ checkpointEveryEntries: 300 });
    for (const count of [37, 300, 1, 450, 17, 500]) appendEvents(ledger, count);
    const size = ledger.size(); // 1305: five complete tiles and 25 entries of an open one
    expectReferenceProofs(ledger, path, [1, 2, 16, 17, 256, 300, 511, 512, 1024, 1280, 1281, size]);
    ledger.close();
    // Reopened mid-tile: the open tile's groups are rebuilt from its leaves, and its row written.
    const again = openLedger({ path, checkpointEveryMs: 0 });
    appendEvents(again, 231);
    expectReferenceProofs(again, path, [1300, 1536, again.size()]);
    expect(again.verify()).toMatchObject({ ok: true, size: 1536 });
    again.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT tile FROM tile_nodes ORDER BY tile').pluck().all()).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    db.close();
  });

  it('rebuilds its right edge after a batch that rolled back half-way through the tree', () => {
    const { ledger, path } = tempLedger();
    appendEvents(ledger, 250);
    // A row already there for tile 1 makes the append fail when the tile completes (entry 511),
    // after tile 0's row was written and the in-memory tree had grown.
    const db = new Database(path);
    db.prepare('INSERT INTO tile_nodes VALUES (1, zeroblob(512))').run();
    expect(() => appendEvents(ledger, 300)).toThrow(/UNIQUE/);
    expect(ledger.size()).toBe(250);
    db.exec('DROP TRIGGER tile_nodes_no_delete; DELETE FROM tile_nodes WHERE tile = 1');
    db.close();
    appendEvents(ledger, 300);
    expectReferenceProofs(ledger, path, [250, 256, 511, 512, 550]);
    expect(ledger.verify()).toMatchObject({ ok: true, size: 550 });
    ledger.close();
  });

  it('opens a format 2 file, proves its old entries and gives new tiles their rows', () => {
    const { ledger, path } = tempLedger({ checkpointEveryEntries: 500 });
    for (const count of [500, 500, 130]) appendEvents(ledger, count);
    ledger.close();
    // What format 2 wrote: the same tables without tile_nodes and its meta row.
    const db = new Database(path);
    db.exec(`DROP TABLE tile_nodes;
      DELETE FROM meta WHERE key = '${TILE_ROWS_FROM}';
      UPDATE meta SET value = '2' WHERE key = 'format';`);
    db.close();

    const upgraded = openLedger({ path, checkpointEveryMs: 0 });
    expect(upgraded.verify()).toMatchObject({ ok: true, size: 1130 });
    expectReferenceProofs(upgraded, path, [1, 300, 1024, 1130]);
    appendEvents(upgraded, 500);
    expectReferenceProofs(upgraded, path, [1130, 1280, 1630]);
    expect(upgraded.verify()).toMatchObject({ ok: true, size: 1630 });
    upgraded.close();

    const after = new Database(path, { readonly: true });
    const meta = after.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
    expect(meta.get('format')).toBe('3');
    expect(meta.get(TILE_ROWS_FROM)).toBe('4'); // 1130 entries: tile 4 was open
    expect(after.prepare('SELECT tile FROM tile_nodes ORDER BY tile').pluck().all()).toEqual([
      4, 5,
    ]);
    after.close();
  });

  it('verify names the entries of a tile whose row was altered or removed', () => {
    const { ledger, path } = tempLedger();
    appendEvents(ledger, 600);
    ledger.close();
    const edit = (sql: string) => tamper(path, (db) => db.exec(sql));
    edit(`UPDATE tile_nodes SET hashes = zeroblob(512) WHERE tile = 1`);
    let reopened = openLedger({ path, checkpointEveryMs: 0 });
    expect(reopened.verify()).toMatchObject({
      ok: false,
      index: 256,
      reason: expect.stringMatching(/entries 256…511 do not hash to their stored tile row/),
    });
    reopened.close();
    edit('DELETE FROM tile_nodes WHERE tile = 0');
    reopened = openLedger({ path, checkpointEveryMs: 0 });
    expect(reopened.verify()).toMatchObject({ ok: false, index: 0 });
    // A proof still holds: a missing row makes the reader rehash the tile's leaves.
    const proof = reopened.inclusionProof(3, 600);
    expect(proof.ok && fromHex(proof.value.leafHash)).toEqual(new Uint8Array(leafHashes(path)[3]!));
    reopened.close();
  });
});
