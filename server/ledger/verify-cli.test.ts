// The verify command: exit codes 0/1/2 and messages, on a live ledger file and on export files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { shopDecision, shopPolicy, tempConsent } from '../consent/test-helpers';
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

describe('npm run verify -- --receipt', () => {
  /** A receipt from a consent service, saved as the widget lets a customer download it. */
  function savedReceipt() {
    const t = tempConsent();
    const published = t.consent.publish(shopPolicy(1));
    if (!published.ok) throw new Error(published.message);
    const decided = t.consent.decide(
      'shop',
      undefined,
      shopDecision(published.value.textHashes.en),
    );
    if (!decided.ok) throw new Error(decided.message);
    const receipt = decided.value.response.receipt;
    const file = join(tempDir(), 'receipt.json');
    writeFileSync(file, JSON.stringify(receipt, null, 2));
    t.close();
    return { file, receipt, keyFile: join(t.dir, 'ledger-key.pub'), publicKey: t.ledger.publicKey };
  }

  it('checks the signature with the key given (a file or the key text) and prints the decisions', async () => {
    const { file, receipt, keyFile, publicKey } = savedReceipt();
    for (const key of [keyFile, publicKey]) {
      const ok = await run('--receipt', file, '--key', key);
      expect(ok.code).toBe(0);
      expect(ok.out).toContain(
        `OK: receipt ${receipt.body.receiptId} of ${receipt.body.subjectId}`,
      );
      expect(ok.out).toContain(
        'granted: orders, analytics; refused: marketing, partner-sharing, id-verification',
      );
      expect(ok.out).toContain('the key you gave');
    }
  });

  it('without --key, uses the key inside and says to compare it with the published one', async () => {
    const { file, publicKey } = savedReceipt();
    const result = await run('--receipt', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`signed by ${publicKey}, THE KEY INSIDE THE RECEIPT`);
    expect(result.out).toContain('GET /v1/ledger/checkpoint -> publicKey');
  });

  it('exits 1 when one byte of the note changed, the body was edited, or another key signed', async () => {
    const { file, receipt, keyFile } = savedReceipt();
    const at = receipt.note.indexOf('"marketing"') + 1;
    writeFileSync(
      file,
      JSON.stringify({
        ...receipt,
        note: receipt.note.slice(0, at) + 'n' + receipt.note.slice(at + 1),
      }),
    );
    const note = await run('--receipt', file, '--key', keyFile);
    expect(note.code).toBe(1);
    expect(note.out).toMatch(/^BROKEN: the receipt's signature does not verify/);

    const decisions = receipt.body.decisions.map((d) => ({ ...d, granted: true }));
    writeFileSync(file, JSON.stringify({ ...receipt, body: { ...receipt.body, decisions } }));
    const body = await run('--receipt', file, '--key', keyFile);
    expect(body).toMatchObject({
      code: 1,
      out: expect.stringMatching(/body is not the one its note signs/),
    });

    writeFileSync(file, JSON.stringify(receipt));
    const { ledger } = tempLedger();
    const other = await run('--receipt', file, '--key', ledger.publicKey);
    ledger.close();
    expect(other).toMatchObject({ code: 1, out: expect.stringMatching(/no signature by the key/) });
  });

  it('exits 2 for a missing or non-JSON file and mixed modes', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), 'not json');
    for (const argv of [
      ['--receipt', join(dir, 'none.json')],
      ['--receipt', join(dir, 'x.json')],
      ['--receipt', join(dir, 'x.json'), '--db', join(dir, 'l.db')],
      ['--receipt', join(dir, 'x.json'), '--key', join(dir, 'nokey')],
    ]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(/usage: npm run verify/);
    }
  });
});
