// The off-thread verification: the same report as verifying on the thread, one worker for callers
// that ask together, a broken ledger reported as broken, and a missing file as an error.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempLedger } from './test-helpers';
import { verifierOffThread } from './verify-off-thread';
import type { Ledger } from '.';

const open: Ledger[] = [];
afterEach(() => {
  for (const ledger of open.splice(0)) ledger.close();
});

function filled(entries: number) {
  const t = tempLedger({ checkpointEveryEntries: 100 });
  open.push(t.ledger);
  for (let i = 0; i < entries; i += 50) {
    t.ledger.append(
      'staff-event',
      Array.from({ length: 50 }, (_, j) => ({ n: i + j })),
    );
  }
  t.ledger.checkpoint();
  const job = { path: t.path, publicKey: t.ledger.publicKey, origin: t.ledger.origin };
  return { ...t, job };
}

describe('verifierOffThread', () => {
  it('reports what verify() reports, and callers asking together share one worker', async () => {
    const { ledger, job } = filled(1000);
    const verify = verifierOffThread(job);
    const [a, b] = [verify(), verify()];
    expect(a).toBe(b);
    expect(await a).toEqual(ledger.verify());
    expect(await a).toMatchObject({ ok: true, size: 1000 });
    const again = verify();
    expect(again).not.toBe(a);
    expect(await again).toEqual(await a);
  });

  it('finds a payload changed behind the ledger’s back', async () => {
    const { ledger, path, job } = filled(200);
    const raw = new Database(path);
    raw.exec('DROP TRIGGER IF EXISTS entries_no_update');
    const triggers = raw
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all();
    for (const name of triggers) raw.exec(`DROP TRIGGER "${name}"`);
    raw
      .prepare(
        'UPDATE entries SET canonical = replace(canonical, \'"n":7}\', \'"n":8}\') WHERE idx = 7',
      )
      .run();
    raw.close();
    const report = await verifierOffThread(job)();
    expect(report).toEqual(ledger.verify());
    expect(report).toMatchObject({ ok: false, index: 7 });
  });

  it('rejects with the worker’s error when the file is not there', async () => {
    const { job } = filled(10);
    await expect(verifierOffThread({ ...job, path: `${job.path}.missing` })()).rejects.toThrow(
      /unable to open|does not exist|SQLITE_CANTOPEN|directory does not exist/i,
    );
  });
});
