// Signing and storing checkpoints: the C2SP checkpoint of the tree at a size, signed as a note
// with the ledger key, kept in the checkpoints table for verifiers and the API.
import type Database from 'better-sqlite3';
import { formatCheckpoint, signNote, toHex } from '../../shared/ledger';
import type { LedgerKey } from './key-file';

/** A stored checkpoint, as the API and verifiers see it. */
export interface StoredCheckpoint {
  origin: string;
  size: number;
  root: string;
  note: string;
  createdAt: number;
}

interface Row {
  size: number;
  root: Buffer;
  created_at: number;
  note: string;
}

export interface CheckpointStore {
  latest(): StoredCheckpoint | null;
  /** Signs and stores the checkpoint of the tree at `size`; call inside the appending transaction. */
  add(size: number, rootHash: Uint8Array, now: number): StoredCheckpoint;
  /** Every checkpoint with size in [from, to], ascending. */
  between(from: number, to: number): StoredCheckpoint[];
}

/**
 * @example
 *   const checkpoints = checkpointStore(db, key, 'custodian.local/ledger');
 *   checkpoints.add(size, range.root(), Date.now());
 */
export function checkpointStore(
  db: Database.Database,
  key: LedgerKey,
  origin: string,
): CheckpointStore {
  const latestRow = db.prepare<[], Row>('SELECT * FROM checkpoints ORDER BY size DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO checkpoints (size, root, created_at, note) VALUES (?, ?, ?, ?)',
  );
  const range = db.prepare<[number, number], Row>(
    'SELECT * FROM checkpoints WHERE size >= ? AND size <= ? ORDER BY size',
  );
  const toStored = (row: Row): StoredCheckpoint => ({
    origin,
    size: row.size,
    root: toHex(row.root),
    note: row.note,
    createdAt: row.created_at,
  });

  return {
    latest() {
      const row = latestRow.get();
      return row ? toStored(row) : null;
    },
    add(size, rootHash, now) {
      const note = signNote(
        formatCheckpoint({ origin, size, rootHash, extensions: [] }),
        key.signer,
      );
      // Only a bad origin or key name could make this fail, and both were checked at open.
      if (!note.ok) throw new Error(`ledger: cannot sign a checkpoint: ${note.error}`);
      insert.run(size, rootHash, now, note.value);
      return { origin, size, root: toHex(rootHash), note: note.value, createdAt: now };
    },
    between: (from, to) => range.all(from, to).map(toStored),
  };
}
