// Pruning past retention (R17): old payloads go, young ones never do (the database refuses too),
// and verify, proofs and export keep working on what is left, and still catch tampering.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exportVerifier } from '../../shared/ledger/export-verify';
import { parseVerifierKey, verifyInclusion, fromHex } from '../../shared/ledger';
import { ledgerEntries } from './entries';
import { openLedger } from './index';
import { ed25519Verifier, nodeHasher, nodeTreeHasher } from './node-crypto';
import { retentionCutoff } from './prune';
import { event, tamper, tempLedger } from './test-helpers';

const OLD = Date.parse('2019-03-01T10:00:00.000Z');
const YEAR_MS = 365 * 24 * 60 * 60_000;

/** 250 entries recorded in 2019, then 50 recorded now, checkpointed, in a closed ledger file. */
function agedLedger(): string {
  const { ledger, path } = tempLedger({ now: () => OLD, checkpointEveryEntries: 100 });
  ledger.append(
    'staff-event',
    Array.from({ length: 250 }, (_, i) => event(i)),
  );
  ledger.close();
  const young = openLedger({ path, checkpointEveryMs: 0, checkpointEveryEntries: 100 });
  young.append(
    'staff-event',
    Array.from({ length: 50 }, (_, i) => event(250 + i)),
  );
  young.checkpoint();
  young.close();
  return path;
}

const canonicalAt = (path: string, index: number) => {
  const db = new Database(path, { readonly: true });
  const text = db
    .prepare<[number], string>('SELECT canonical FROM entries WHERE idx = ?')
    .pluck()
    .get(index);
  db.close();
  return text;
};

describe('prune', () => {
  it('removes the payloads past retention, records it, and keeps verify, proofs and export working', () => {
    const path = agedLedger();
    const ledger = openLedger({ path, checkpointEveryMs: 0 });
    const result = ledger.prune();
    expect(result.removed).toBe(250);
    expect(result.records).toHaveLength(1);
    const { index, record } = result.records[0]!;
    expect(index).toBe(300);
    expect(record).toMatchObject({ from: 0, to: 250, count: 250, retentionYears: 3 });
    expect(Date.parse(record.cutoff)).toBeGreaterThan(OLD);
    // The record is an ordinary entry; the pruned ones are gone from what tools read.
    const entries = ledgerEntries(ledger);
    expect(entries.map((e) => e.index)).toEqual(Array.from({ length: 51 }, (_, i) => 250 + i));
    expect(entries.at(-1)).toMatchObject({ kind: 'ledger-prune', payload: record });
    expect(canonicalAt(path, 0)).toBe('');
    expect(canonicalAt(path, 250)).toContain('"index":250');
    // A second prune has nothing to do.
    expect(ledger.prune()).toEqual({ removed: 0, records: [] });

    ledger.checkpoint();
    expect(ledger.verify()).toMatchObject({ ok: true, size: 301, pruned: 250 });
    const proof = ledger.inclusionProof(7, 301);
    expect(proof.ok).toBe(true);
    if (proof.ok) {
      const { leafHash, root, hashes } = proof.value;
      expect(root).toBe(ledger.latestCheckpoint().root);
      const check = verifyInclusion(
        nodeTreeHasher,
        7,
        301,
        fromHex(leafHash)!,
        hashes.map((h) => fromHex(h)!),
        fromHex(root)!,
      );
      expect(check).toEqual({ ok: true });
    }
    expect(ledger.consistencyProof(100, 301).ok).toBe(true);

    const lines = ledger.exportRange(0, 301);
    expect(lines.ok).toBe(true);
    const text = lines.ok ? [...lines.value] : [];
    // After the header, the prefix and the empty tree's checkpoint, entry 0 as a leaf hash only.
    expect(JSON.parse(text[3]!)).toEqual({
      type: 'pruned',
      index: 0,
      leafHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const key = parseVerifierKey(nodeHasher, ledger.publicKey);
    if (!key.ok) throw new Error(key.error);
    const offline = exportVerifier({
      hasher: nodeHasher,
      th: nodeTreeHasher,
      key: key.value,
      verifier: ed25519Verifier(key.value),
    });
    for (const line of text) offline.line(line.trimEnd());
    expect(offline.finish()).toMatchObject({ ok: true, size: 301, pruned: 250 });
    ledger.close();
  });

  it('never removes a young entry, even when asked by a clock set ahead or by raw SQL', () => {
    const path = agedLedger();
    // A clock ten years ahead makes every entry look old: the database's own clock refuses.
    const ahead = openLedger({ path, checkpointEveryMs: 0, now: () => Date.now() + 10 * YEAR_MS });
    expect(() => ahead.prune()).toThrow(/past its retention/);
    expect(canonicalAt(path, 0)).not.toBe('');
    expect(canonicalAt(path, 260)).not.toBe('');
    // Nothing was half done: the ledger still appends and verifies.
    ahead.append('staff-event', [event(1000)]);
    expect(ahead.verify()).toMatchObject({ ok: true, size: 301 });
    ahead.close();

    const db = new Database(path);
    const update = (sql: string) => () => db.prepare(sql).run();
    expect(update("UPDATE entries SET canonical = '' WHERE idx = 260")).toThrow(/retention/);
    // Only the payload may go, and only to '': no other column, no other text.
    expect(update("UPDATE entries SET canonical = '{}' WHERE idx = 0")).toThrow(/retention/);
    expect(update("UPDATE entries SET canonical = '', kind = 'x' WHERE idx = 0")).toThrow(
      /retention/,
    );
    expect(update('UPDATE entries SET leaf_hash = zeroblob(32) WHERE idx = 0')).toThrow(
      /retention/,
    );
    expect(update('DELETE FROM entries WHERE idx = 0')).toThrow(/append-only/);
    db.close();
  });

  it('keeps entries younger than a retention above the floor', () => {
    const path = agedLedger();
    // Thirty years: the 2019 entries are past the floor, not past this retention.
    const ledger = openLedger({ path, checkpointEveryMs: 0, retentionYears: 30 });
    expect(ledger.prune()).toEqual({ removed: 0, records: [] });
    ledger.close();
    // Raw SQL cannot go below the configured retention either (it is in the meta table).
    const db = new Database(path);
    expect(() => db.prepare("UPDATE entries SET canonical = '' WHERE idx = 0").run()).toThrow(
      /retention/,
    );
    db.close();
    expect(canonicalAt(path, 0)).not.toBe('');
  });

  it('a tampered leaf hash of a pruned entry is still caught by the tree and the checkpoints', () => {
    const path = agedLedger();
    const ledger = openLedger({ path, checkpointEveryMs: 0 });
    ledger.prune();
    ledger.close();
    tamper(path, (db) => db.exec('UPDATE entries SET leaf_hash = zeroblob(32) WHERE idx = 5'));
    const reopened = openLedger({ path, checkpointEveryMs: 0 });
    const report = reopened.verify();
    reopened.close();
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.index).toBe(0);
  });

  it('names payloads removed behind the ledger, without a prune record or out of order', () => {
    const path = agedLedger();
    tamper(path, (db) => db.exec("UPDATE entries SET canonical = '' WHERE idx < 10"));
    let ledger = openLedger({ path, checkpointEveryMs: 0 });
    expect(ledger.verify()).toMatchObject({ ok: false, reason: /no prune entry records/ });
    ledger.close();

    const other = agedLedger();
    tamper(other, (db) => db.exec("UPDATE entries SET canonical = '' WHERE idx = 20"));
    ledger = openLedger({ path: other, checkpointEveryMs: 0 });
    expect(ledger.verify()).toMatchObject({ ok: false, index: 20, reason: /oldest first/ });
    ledger.close();
  });

  it('migrates a format 1 file, whose trigger refused every UPDATE, and then prunes it', () => {
    const path = agedLedger();
    const db = new Database(path);
    db.exec(`DROP TRIGGER entries_no_update;
      CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE on entries is refused (R17)'); END;
      UPDATE meta SET value = '1' WHERE key = 'format';`);
    expect(() => db.prepare("UPDATE entries SET canonical = '' WHERE idx = 0").run()).toThrow();
    db.close();
    const ledger = openLedger({ path, checkpointEveryMs: 0 });
    expect(ledger.prune().removed).toBe(250);
    ledger.close();
    const after = new Database(path, { readonly: true });
    expect(after.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get()).toBe('3');
    after.close();
  });

  it('computes the cutoff in calendar years, as SQLite does', () => {
    const db = new Database(':memory:');
    const sqlite = (at: number, years: number) =>
      db
        .prepare<[string], number>(`SELECT unixepoch(?, '-${years} years') * 1000`)
        .pluck()
        .get(new Date(at).toISOString())!;
    for (const at of ['2026-06-01T12:00:00Z', '2024-02-29T08:30:00Z', '2027-12-31T23:59:59Z']) {
      const ms = Date.parse(at);
      expect(retentionCutoff(ms, 3)).toBe(sqlite(ms, 3));
    }
    db.close();
  });
});
