// Export and the offline check of an export: a round trip verifies; an edited, cut or re-keyed
// file fails at the right place; a verifier's last checkpoint must be a prefix of the new one.
import { describe, expect, it } from 'vitest';
import { openCheckpoint, parseVerifierKey, type Checkpoint } from '../../shared/ledger';
import { exportVerifier, type ExportReport } from '../../shared/ledger/export-verify';
import type { Ledger } from './index';
import { ed25519Verifier, nodeHasher, nodeTreeHasher } from './node-crypto';
import { event, tempLedger } from './test-helpers';

function filled(size: number): Ledger {
  const { ledger } = tempLedger({ checkpointEveryEntries: 100 });
  for (let at = 0; at < size; at += 100) {
    ledger.append(
      'staff-event',
      Array.from({ length: Math.min(100, size - at) }, (_, i) => event(at + i)),
    );
  }
  return ledger;
}

function lines(ledger: Ledger, from?: number, to?: number): string[] {
  const result = ledger.exportRange(from, to);
  if (!result.ok) throw new Error(result.error);
  return [...result.value].join('').trimEnd().split('\n');
}

function check(
  ledger: Ledger,
  text: readonly string[],
  known?: Checkpoint,
  publicKey = ledger.publicKey,
): ExportReport {
  const key = parseVerifierKey(nodeHasher, publicKey);
  if (!key.ok) throw new Error(key.error);
  const verifier = exportVerifier({
    hasher: nodeHasher,
    th: nodeTreeHasher,
    key: key.value,
    verifier: ed25519Verifier(key.value),
    known,
  });
  for (const line of text) if (verifier.line(line)) break;
  return verifier.finish();
}

function checkpointAt(ledger: Ledger, size: number): Checkpoint {
  const note = lines(ledger, 0, size).find(
    (l) => l.includes(`\\n${size}\\n`) && l.includes('"checkpoint"'),
  )!;
  const key = parseVerifierKey(nodeHasher, ledger.publicKey);
  if (!key.ok) throw new Error(key.error);
  const cp = openCheckpoint(
    (JSON.parse(note) as { note: string }).note,
    ed25519Verifier(key.value),
  );
  if (!cp.ok) throw new Error(cp.error);
  return cp.value;
}

describe('export', () => {
  it('round-trips: the whole log up to the latest checkpoint verifies offline', () => {
    const ledger = filled(450);
    const text = lines(ledger);
    expect(JSON.parse(text[0]!)).toMatchObject({
      type: 'header',
      from: 0,
      to: 400,
      publicKey: ledger.publicKey,
    });
    expect(text.filter((l) => l.includes('"type":"entry"'))).toHaveLength(400);
    expect(check(ledger, text)).toMatchObject({
      ok: true,
      size: 400,
      root: ledger.latestCheckpoint().root,
      checkpoints: 5,
      unsignedTail: 0,
    });
    ledger.close();
  });

  it('verifies a range that starts later, from its prefix hashes, and reports an unsigned tail', () => {
    const ledger = filled(450);
    expect(check(ledger, lines(ledger, 256, 430))).toMatchObject({
      ok: true,
      size: 400,
      checkpoints: 2,
      unsignedTail: 30,
    });
    ledger.close();
  });

  it('checks consistency with the last checkpoint the auditor kept', () => {
    const ledger = filled(450);
    const earlier = checkpointAt(ledger, 200);
    expect(check(ledger, lines(ledger), earlier)).toMatchObject({ ok: true, size: 400 });
    const forked = { ...earlier, rootHash: new Uint8Array(32) };
    expect(check(ledger, lines(ledger), forked)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/last checkpoint \(size 200\).*rewritten or forked/),
    });
    expect(check(ledger, lines(ledger, 300), earlier)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/outside this export.*from ≤ 200/),
    });
    ledger.close();
  });

  it('names the entry that was edited, moved or removed in the file', () => {
    const ledger = filled(300);
    const text = lines(ledger);
    const entryLine = (i: number) =>
      text.findIndex((l) => l.startsWith(`{"type":"entry","index":${i},`));
    const edited = [...text];
    edited[entryLine(150)] = edited[entryLine(150)]!.replace('reveal', 'view');
    expect(check(ledger, edited)).toMatchObject({
      ok: false,
      index: 100,
      reason: expect.stringMatching(/from 100 on was changed/),
    });
    const removed = text.filter((_, i) => i !== entryLine(42));
    expect(check(ledger, removed)).toMatchObject({
      ok: false,
      index: 42,
      reason: expect.stringMatching(/entry 42 is missing/),
    });
    const moved = [...text];
    moved[entryLine(7)] = text[entryLine(7)]!.replace('"index":7,', '"index":8,').replace(
      '{\\"index\\":7,',
      '{\\"index\\":8,',
    );
    expect(check(ledger, moved)).toMatchObject({ ok: false, index: 7 });
    ledger.close();
  });

  it('refuses a file cut short, or checked with another key', () => {
    const ledger = filled(200);
    const text = lines(ledger);
    expect(check(ledger, text.slice(0, -1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no end line/),
    });
    const other = filled(1);
    expect(check(ledger, text, undefined, other.publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/another key/),
    });
    ledger.close();
    other.close();
  });

  it('refuses a range outside the log, naming the field', () => {
    const ledger = filled(10);
    expect(ledger.exportRange(0, 11)).toMatchObject({ ok: false, field: 'to' });
    expect(ledger.exportRange(5, 4)).toMatchObject({ ok: false, field: 'from' });
    ledger.close();
  });
});
