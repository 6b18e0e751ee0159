// Test helpers: a ledger in a fresh temporary directory, removed after the test, and edits of its
// file behind its back.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openLedger, type Ledger, type LedgerOptions } from './index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory, removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-ledger-'));
  dirs.push(dir);
  return dir;
}

/** A ledger in a temporary directory, without the checkpoint timer; close it in the test. */
export function tempLedger(options: Partial<LedgerOptions> = {}): { ledger: Ledger; path: string } {
  const path = join(tempDir(), 'ledger.db');
  return { ledger: openLedger({ path, checkpointEveryMs: 0, ...options }), path };
}

/** A staff event as the extension will send it: keyed hashes, never raw values. */
export const event = (i: number) => ({
  eventId: `0190f7a2-1b3c-7def-8a12-${String(i).padStart(12, '0')}`,
  deviceId: 'dev-7f3a9c21',
  seq: i,
  op: 'reveal',
  record: `hmac:${(i * 2654435761) % 2 ** 32}`,
});

/** Runs `edit` on the raw file with every trigger dropped, as an intruder with disk access could. */
export function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  const triggers = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    .pluck()
    .all();
  for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
  edit(db);
  db.close();
}
