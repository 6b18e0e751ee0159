// Tests of the governance store's migration to schema 2 (issue 7): an issue-6 file keeps its
// operators, who get console credentials only when the command line sets them.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../ledger/test-helpers';
import { openGovernanceStore } from './store';

describe('openGovernanceStore', () => {
  it('migrates a schema-1 file (operator-console-credentials), keeping its operators', () => {
    const path = join(tempDir(), 'governance.db');
    const old = new Database(path);
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema', '1');
      CREATE TABLE operators (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL);
      INSERT INTO operators VALUES ('li.wei', 'admin', 'h', '2026-11-01T00:00:00.000Z');
    `);
    old.close();

    const store = openGovernanceStore(path);
    try {
      expect(store.operatorCredentials('li.wei')).toEqual({
        name: 'li.wei',
        role: 'admin',
        passwordHash: null,
        totpSealed: null,
        totpLastStep: null,
      });
      store.setOperatorPassword('li.wei', 'scrypt$…');
      store.insertSession('a'.repeat(64), 'li.wei', 1000);
      expect(store.session('a'.repeat(64))).toEqual({
        name: 'li.wei',
        role: 'admin',
        createdAt: 1000,
        lastSeenAt: 1000,
      });
    } finally {
      store.close();
    }
    const reopened = new Database(path);
    expect(reopened.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).toBe('2');
    reopened.close();
    // Opening again is a no-op.
    openGovernanceStore(path).close();
  });

  it('refuses a file of a schema it does not know', () => {
    const path = join(tempDir(), 'governance.db');
    const future = new Database(path);
    future.exec(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema', '9');",
    );
    future.close();
    expect(() => openGovernanceStore(path)).toThrow(/governance schema 9, this server knows 2/);
  });
});
