// The ledger service: appends without gaps, checkpoints on policy, proofs that verify with the
// shared verifier, and a database that refuses UPDATE, DELETE and out-of-place INSERT.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  fromHex,
  openCheckpoint,
  parseVerifierKey,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
} from '../../shared/ledger';
import { LedgerConfigError, LedgerInputError, openLedger } from './index';
import { ed25519Verifier, nodeHasher } from './node-crypto';
import { event, tempDir, tempLedger } from './test-helpers';

const th = treeHasher(nodeHasher);
const hex = (h: string) => fromHex(h)!;

describe('append', () => {
  it('gives consecutive indices across batches and kinds, durably', () => {
    const { ledger, path } = tempLedger();
    expect(ledger.append('staff-event', [event(0), event(1)])).toEqual([0, 1]);
    expect(ledger.append('consent', [{ granted: true }])).toEqual([2]);
    expect(ledger.append('review', [])).toEqual([]);
    ledger.close();
    const reopened = openLedger({ path, checkpointEveryMs: 0 });
    expect(reopened.size()).toBe(3);
    expect(reopened.append('grant', [{ role: 'admin' }])).toEqual([3]);
    expect(reopened.verify()).toMatchObject({ ok: true, size: 4 });
    reopened.close();
  });

  it('refuses a bad kind or a payload that is not JSON, and stores nothing of the batch', () => {
    const { ledger } = tempLedger();
    expect(() => ledger.append('Staff Event', [event(0)])).toThrow(LedgerInputError);
    expect(() => ledger.append('staff-event', [event(0), { at: new Date(0) }])).toThrow(
      /Payload 1 .*\$\.payload\.at/,
    );
    expect(() => ledger.append('staff-event', [{ n: NaN }])).toThrow(LedgerInputError);
    expect(ledger.size()).toBe(0);
    expect(ledger.append('staff-event', [event(0)])).toEqual([0]);
    ledger.close();
  });

  it('refuses a second writer on the same file', () => {
    const { ledger, path } = tempLedger();
    const other = openLedger({ path, checkpointEveryMs: 0 });
    ledger.append('staff-event', [event(0)]);
    expect(() => other.append('staff-event', [event(1)])).toThrow(/another process appended/);
    ledger.close();
    other.close();
  });
});

describe('checkpoints', () => {
  it('signs one at creation, then every N entries, verifiable with the public key', () => {
    const { ledger } = tempLedger({ checkpointEveryEntries: 10 });
    expect(ledger.latestCheckpoint().size).toBe(0);
    ledger.append(
      'staff-event',
      Array.from({ length: 9 }, (_, i) => event(i)),
    );
    expect(ledger.latestCheckpoint().size).toBe(0);
    ledger.append('staff-event', [event(9), event(10)]);
    const cp = ledger.latestCheckpoint();
    expect(cp.size).toBe(11);
    const key = parseVerifierKey(nodeHasher, ledger.publicKey);
    if (!key.ok) throw new Error(key.error);
    const opened = openCheckpoint(cp.note, ed25519Verifier(key.value));
    expect(opened).toMatchObject({
      ok: true,
      value: { origin: 'custodian.local/ledger', size: 11 },
    });
    expect(cp.note).toMatch(
      /^custodian\.local\/ledger\n11\n[A-Za-z0-9+/]{43}=\n\n\u2014 custodian\.local\/ledger [A-Za-z0-9+/]+=*\n$/,
    );
    ledger.close();
  });

  it('signs after M ms when entries wait, and on demand', () => {
    let now = 1_000_000;
    const { ledger } = tempLedger({
      checkpointEveryEntries: 1000,
      checkpointEveryMs: 60_000,
      now: () => now,
    });
    ledger.append('staff-event', [event(0)]);
    expect(ledger.latestCheckpoint().size).toBe(0);
    now += 60_000;
    ledger.append('staff-event', [event(1)]);
    expect(ledger.latestCheckpoint().size).toBe(2);
    ledger.append('staff-event', [event(2)]);
    expect(ledger.checkpoint().size).toBe(3);
    expect(ledger.checkpoint().size).toBe(3); // nothing new: the same checkpoint
    ledger.close();
  });
});

describe('proofs', () => {
  it('inclusion and consistency proofs verify against signed roots, across tile boundaries', () => {
    const { ledger } = tempLedger({ checkpointEveryEntries: 500 });
    for (let b = 0; b < 3; b++)
      ledger.append(
        'staff-event',
        Array.from({ length: 700 }, (_, i) => event(b * 700 + i)),
      );
    const size = ledger.size();
    for (const [index, at] of [
      [0, size],
      [255, size],
      [256, 1000],
      [1500, 2047],
      [size - 1, size],
      [5, 6],
    ] as const) {
      const proof = ledger.inclusionProof(index, at);
      if (!proof.ok) throw new Error(proof.error);
      const { leafHash, root, hashes } = proof.value;
      expect(verifyInclusion(th, index, at, hex(leafHash), hashes.map(hex), hex(root))).toEqual({
        ok: true,
      });
    }
    const cp = ledger.latestCheckpoint();
    for (const [from, to] of [
      [0, size],
      [1, size],
      [256, 1024],
      [700, cp.size],
      [cp.size, size],
      [1000, 1000],
    ] as const) {
      const proof = ledger.consistencyProof(from, to);
      if (!proof.ok) throw new Error(proof.error);
      const { fromRoot, toRoot, hashes } = proof.value;
      expect(verifyConsistency(th, from, to, hex(fromRoot), hex(toRoot), hashes.map(hex))).toEqual({
        ok: true,
      });
      if (to === cp.size) expect(toRoot).toBe(cp.root);
    }
    ledger.close();
  });

  it('names the field that is out of range', () => {
    const { ledger } = tempLedger();
    ledger.append('staff-event', [event(0), event(1)]);
    expect(ledger.inclusionProof(0, 3)).toMatchObject({ ok: false, field: 'size' });
    expect(ledger.inclusionProof(2, 2)).toMatchObject({ ok: false, field: 'index' });
    expect(ledger.consistencyProof(0, 3)).toMatchObject({ ok: false, field: 'to' });
    expect(ledger.consistencyProof(2, 1)).toMatchObject({ ok: false, field: 'from' });
    ledger.close();
  });
});

describe('the database', () => {
  it('refuses UPDATE, DELETE and INSERT OR REPLACE of entries, nodes, tiles and checkpoints', () => {
    const { ledger, path } = tempLedger({ checkpointEveryEntries: 256 });
    ledger.append(
      'staff-event',
      Array.from({ length: 300 }, (_, i) => event(i)),
    );
    ledger.close();
    const db = new Database(path);
    db.pragma('recursive_triggers = ON');
    const refused = [
      "UPDATE entries SET kind = 'x' WHERE idx = 1",
      'DELETE FROM entries WHERE idx = 299',
      "INSERT OR REPLACE INTO entries VALUES (1, 'consent', 0, '{}', x'00')",
      "INSERT INTO entries VALUES (400, 'consent', 0, '{}', x'00')",
      "UPDATE tree_nodes SET hash = x'00'",
      'DELETE FROM tree_nodes',
      "UPDATE tile_nodes SET hashes = x'00'",
      'DELETE FROM tile_nodes',
      "UPDATE checkpoints SET note = ''",
      'DELETE FROM checkpoints',
    ];
    for (const sql of refused) expect(() => db.exec(sql), sql).toThrow(/append|R17/);
    db.close();
  });

  it('keeps the signing key private (0600) and publishes the public key beside it', () => {
    const { ledger, path } = tempLedger();
    const keyPath = join(path, '..', 'ledger-key');
    if (process.platform !== 'win32') expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(`${keyPath}.pub`).isFile()).toBe(true);
    expect(ledger.publicKey).toMatch(/^custodian\.local\/ledger\+[0-9a-f]{8}\+/);
    ledger.close();
  });
});

describe('configuration', () => {
  it('refuses retention below three years, saying how to fix it', () => {
    const path = join(tempDir(), 'l.db');
    expect(() => openLedger({ path, retentionYears: 2 })).toThrow(LedgerConfigError);
    expect(() => openLedger({ path, retentionYears: 2 })).toThrow(
      /floor of 3 years.*retentionYears to 3/,
    );
    openLedger({ path, retentionYears: 7, checkpointEveryMs: 0 }).close();
  });

  it('refuses to reopen a ledger under another origin', () => {
    const { ledger, path } = tempLedger();
    ledger.close();
    expect(() => openLedger({ path, origin: 'other.example/log' })).toThrow(
      /created as the ledger custodian\.local\/ledger/,
    );
  });
});

describe('appendKeyed', () => {
  it('stores each key once, across batches and within one, and answers resends the same', () => {
    const { ledger } = tempLedger();
    try {
      const first = ledger.appendKeyed('staff-event', [
        { key: 'a', payload: { n: 1 } },
        { key: 'b', payload: { n: 2 } },
        { key: 'a', payload: { n: 1 } },
      ]);
      expect(first).toEqual([
        { index: 0, duplicate: false },
        { index: 1, duplicate: false },
        { index: 0, duplicate: true },
      ]);
      const resent = ledger.appendKeyed('staff-event', [
        { key: 'b', payload: { n: 2 } },
        { key: 'c', payload: { n: 3 } },
      ]);
      expect(resent).toEqual([
        { index: 1, duplicate: true },
        { index: 2, duplicate: false },
      ]);
      expect(ledger.size()).toBe(3);
      // Keys are per kind.
      expect(ledger.appendKeyed('consent', [{ key: 'a', payload: {} }])).toEqual([
        { index: 3, duplicate: false },
      ]);
      expect(ledger.verify()).toMatchObject({ ok: true, size: 4 });
    } finally {
      ledger.close();
    }
  });

  it('stores nothing of a batch with a payload that is not JSON', () => {
    const { ledger } = tempLedger();
    try {
      expect(() =>
        ledger.appendKeyed('staff-event', [
          { key: 'a', payload: { n: 1 } },
          { key: 'b', payload: { n: Number.NaN } },
        ]),
      ).toThrow(/not JSON/);
      expect(ledger.size()).toBe(0);
      expect(ledger.appendKeyed('staff-event', [{ key: 'a', payload: { n: 1 } }])).toEqual([
        { index: 0, duplicate: false },
      ]);
    } finally {
      ledger.close();
    }
  });
});
