// Tamper tests: the ledger file is edited behind the service's back with raw SQLite (triggers
// dropped first), and verify must name the first broken entry and say why.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from './index';
import { hashLeafText } from './node-crypto';
import { event, tamper, tempLedger } from './test-helpers';

/** A ledger of `size` entries with a checkpoint every `checkpointEvery`, closed, for tampering. */
function sealed(size: number, checkpointEvery = 100): { path: string; reopen: () => Ledger } {
  const { ledger, path } = tempLedger({ checkpointEveryEntries: checkpointEvery });
  // Batches of 100, so checkpoints land on every multiple of `checkpointEvery` (≥ 100).
  for (let at = 0; at < size; at += 100) {
    ledger.append(
      'staff-event',
      Array.from({ length: Math.min(100, size - at) }, (_, i) => event(at + i)),
    );
  }
  ledger.close();
  return { path, reopen: () => openLedger({ path, checkpointEveryMs: 0 }) };
}

const canonicalOf = (db: Database.Database, idx: number) =>
  db.prepare<[number], string>('SELECT canonical FROM entries WHERE idx = ?').pluck().get(idx)!;

function verifyAfter(path: string, reopen: () => Ledger) {
  void path;
  const ledger = reopen();
  const report = ledger.verify();
  ledger.close();
  return report;
}

describe('verify', () => {
  it('reports OK with the size and the root of the latest checkpoint', () => {
    const { reopen } = sealed(1000);
    const ledger = reopen();
    expect(ledger.verify()).toEqual({
      ok: true,
      size: 1000,
      root: ledger.latestCheckpoint().root,
      checkpoints: 11,
    });
    ledger.close();
  });

  it('names an entry whose payload was changed', () => {
    const { path, reopen } = sealed(600);
    tamper(path, (db) => {
      const changed = canonicalOf(db, 417).replace('"op":"reveal"', '"op":"view"');
      db.prepare('UPDATE entries SET canonical = ? WHERE idx = 417').run(changed);
    });
    expect(verifyAfter(path, reopen)).toEqual({
      ok: false,
      index: 417,
      reason: expect.stringMatching(/entry 417.*payload was changed/),
    });
  });

  it('catches a payload changed together with its leaf hash, at its subtree', () => {
    const { path, reopen } = sealed(600, 1000); // no checkpoint but the empty one
    tamper(path, (db) => {
      const changed = canonicalOf(db, 300).replace('"op":"reveal"', '"op":"view"');
      db.prepare('UPDATE entries SET canonical = ?, leaf_hash = ? WHERE idx = 300').run(
        changed,
        hashLeafText(changed),
      );
    });
    const report = verifyAfter(path, reopen);
    expect(report).toMatchObject({ ok: false, index: 256 });
    if (!report.ok)
      expect(report.reason).toMatch(/entries 256…511 do not hash to their stored subtree hash/);
  });

  it('catches a change the stored subtrees do not cover, by the signed root', () => {
    const { path, reopen } = sealed(250, 100);
    tamper(path, (db) => {
      const changed = canonicalOf(db, 150).replace('"op":"reveal"', '"op":"view"');
      db.prepare('UPDATE entries SET canonical = ?, leaf_hash = ? WHERE idx = 150').run(
        changed,
        hashLeafText(changed),
      );
    });
    const report = verifyAfter(path, reopen);
    expect(report).toMatchObject({ ok: false, index: 100 });
    if (!report.ok) expect(report.reason).toMatch(/root signed at that size.*from 100 on/);
  });

  it('names a deleted entry', () => {
    const { path, reopen } = sealed(600);
    tamper(path, (db) => db.exec('DELETE FROM entries WHERE idx = 123'));
    expect(verifyAfter(path, reopen)).toMatchObject({
      ok: false,
      index: 123,
      reason: expect.stringMatching(/entry 123 is missing.*deleted/),
    });
  });

  it('names reordered entries, even with their leaf hashes moved along', () => {
    const { path, reopen } = sealed(600);
    tamper(path, (db) => {
      const rows = db
        .prepare<[], { idx: number; kind: string; canonical: string; leaf_hash: Buffer }>(
          'SELECT idx, kind, canonical, leaf_hash FROM entries WHERE idx IN (40, 41)',
        )
        .all();
      const set = db.prepare('UPDATE entries SET canonical = ?, leaf_hash = ? WHERE idx = ?');
      set.run(rows[1]!.canonical, rows[1]!.leaf_hash, 40);
      set.run(rows[0]!.canonical, rows[0]!.leaf_hash, 41);
    });
    expect(verifyAfter(path, reopen)).toMatchObject({
      ok: false,
      index: 40,
      reason: expect.stringMatching(/entry 40 holds the bytes of entry 41.*reordered/),
    });
  });

  it('names a tail cut off after a checkpoint', () => {
    const { path, reopen } = sealed(600);
    tamper(path, (db) => db.exec('DELETE FROM entries WHERE idx >= 550'));
    expect(verifyAfter(path, reopen)).toMatchObject({
      ok: false,
      index: 550,
      reason: expect.stringMatching(/signed at size 600.*only 550.*cut off/),
    });
  });

  it('refuses a forged or altered checkpoint', () => {
    const { path, reopen } = sealed(300);
    tamper(path, (db) => {
      const note = db
        .prepare<[], string>('SELECT note FROM checkpoints WHERE size = 200')
        .pluck()
        .get()!;
      // Claim a different root for size 200, keeping the old signature.
      const forged = note.replace(
        /\n200\n(.)/,
        (_m, c: string) => `\n200\n${c === 'A' ? 'B' : 'A'}`,
      );
      db.prepare('UPDATE checkpoints SET note = ? WHERE size = 200').run(forged);
    });
    expect(verifyAfter(path, reopen)).toMatchObject({
      ok: false,
      index: 100,
      reason: expect.stringMatching(/checkpoint of size 200.*altered or forged/),
    });
  });
});
