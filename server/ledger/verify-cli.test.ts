// The verify command: exit codes 0/1/2 and messages, on a live ledger file and on export files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runVerify } from './verify-cli';
import { event, tempDir, tempLedger } from './test-helpers';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function ledgerFile(size: number) {
  const { ledger, path } = tempLedger({ checkpointEveryEntries: 100 });
  for (let at = 0; at < size; at += 100)
    ledger.append(
      'staff-event',
      Array.from({ length: 100 }, (_, i) => event(at + i)),
    );
  return { ledger, path };
}

describe('npm run verify -- --db', () => {
  it('prints OK with size and root (exit 0), then names a changed entry (exit 1)', async () => {
    const { ledger, path } = ledgerFile(300);
    const ok = await run('--db', path);
    expect(ok).toMatchObject({
      code: 0,
      out: `OK: 300 entries, root ${ledger.latestCheckpoint().root}, 4 signed checkpoints verified`,
    });
    ledger.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER entries_no_update');
    db.exec(`UPDATE entries SET canonical = replace(canonical, 'reveal', 'view') WHERE idx = 77`);
    db.close();
    const broken = await run('--db', path);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^BROKEN at entry 77: .*payload was changed/);
    expect(broken.err).toMatch(/restore the ledger from a backup/);
  });

  it('exits 2 with the usage on bad arguments', async () => {
    for (const argv of [
      [],
      ['--db'],
      ['--frob', 'x'],
      ['--export', 'x.jsonl'],
      ['--db', join(tempDir(), 'none.db')],
    ]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(/usage: npm run verify/);
    }
  });
});

describe('npm run verify -- --export', () => {
  it('verifies an export with the key, keeps the last checkpoint, and checks the next export against it', async () => {
    const { ledger } = ledgerFile(200);
    const dir = tempDir();
    const [file, key, last] = ['export.jsonl', 'key.pub', 'last-checkpoint'].map((f) =>
      join(dir, f),
    ) as [string, string, string];
    const save = () => {
      const lines = ledger.exportRange();
      if (!lines.ok) throw new Error(lines.error);
      writeFileSync(file, [...lines.value].join(''));
    };
    writeFileSync(key, ledger.publicKey);
    save();
    const first = await run('--export', file, '--key', key, '--last-checkpoint', last);
    expect(first.code).toBe(0);
    expect(readFileSync(last, 'utf8')).toBe(ledger.latestCheckpoint().note);
    ledger.append(
      'staff-event',
      Array.from({ length: 100 }, (_, i) => event(200 + i)),
    );
    save();
    const second = await run('--export', file, '--key', key, '--last-checkpoint', last);
    expect(second).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /OK: 300 entries[\s\S]*consistent with your last checkpoint of size 200/,
      ),
    });
    writeFileSync(file, readFileSync(file, 'utf8').replace('"index":250,', '"index":251,'));
    const broken = await run('--export', file, '--key', key);
    expect(broken).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^BROKEN at entry 250 \(line \d+/),
    });
    ledger.close();
  });
});
