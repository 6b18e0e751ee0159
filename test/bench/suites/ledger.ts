// Suite `ledger` (issue 4): ingest rate with leaf hashes and the tree (batches of 500, durable
// commits) against a raw better-sqlite3 insert of the same rows in the same run; verification of
// a 1,000,000-entry ledger; inclusion-proof latency on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openLedger, type Ledger } from '../../../server/ledger';
import { median } from '../measure';
import type { Check } from '../report';
import type { BenchSuite } from '../suite';

/** Issue 4's batch size: what the extension sends and the server appends in one commit. */
const BATCH = 500;
/** Events per ingest round: long enough (a few seconds) to be sustained, not a burst. */
const INGEST_EVENTS = 100_000;
/** Alternating rounds of ledger and raw insert; the median resists a round slowed by other jobs. */
const INGEST_ROUNDS = 3;
/** Issue 4: verify and prove on a log of this size. */
const BIG_LOG = 1_000_000;
/** Random entries proved; enough for a stable p99. */
const PROOFS = 2_000;
/** Fixed, so every run proves the same entries. */
const SEED = 20_240_611;

const TARGETS = {
  ingestPerSecond: 40_000,
  ingestVsRaw: 0.5,
  verifySeconds: 10,
  proofMs: 5,
};

/** A staff event as the extension sends it: ids, counts and keyed hashes, never a raw value. */
const event = (i: number) => ({
  eventId: `0190f7a2-1b3c-7def-8a12-${i.toString(16).padStart(12, '0')}`,
  deviceId: 'dev-7f3a9c21',
  seq: i,
  staffId: 'staff-00421',
  at: '2025-06-01T09:12:33.123Z',
  op: i % 7 === 0 ? 'reveal' : 'view',
  page: 'hmac:5f2c0a9e7b1d4c3a8e6f9b2d1c0a7e5f',
  pii: { phone: i % 3, cn_id: i % 2, name: 1 },
  record: `hmac:${((i * 2654435761) >>> 0).toString(16)}`,
});

/** `count` events in batches of BATCH, built before timing (the raw side gets its rows ready too). */
function batches(count: number, first = 0): object[][] {
  const out: object[][] = [];
  for (let at = 0; at < count; at += BATCH) {
    out.push(Array.from({ length: Math.min(BATCH, count - at) }, (_, i) => event(first + at + i)));
  }
  return out;
}

/** Appends the batches; returns events per second. */
function ingest(ledger: Ledger, input: readonly object[][]): number {
  const started = performance.now();
  let count = 0;
  for (const batch of input) count += ledger.append('staff-event', batch).length;
  return count / ((performance.now() - started) / 1000);
}

type Row = [number, string, number, string, Buffer];

/** Inserts exactly the rows the ledger stored into a plain table, same pragmas and batches. */
function rawInsert(path: string, rows: readonly Row[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE entries (idx INTEGER PRIMARY KEY, kind TEXT NOT NULL, recorded_at INTEGER NOT NULL, canonical TEXT NOT NULL, leaf_hash BLOB NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO entries VALUES (?, ?, ?, ?, ?)');
  const batch = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + BATCH, rows.length); i++) insert.run(...rows[i]!);
  });
  const started = performance.now();
  for (let at = 0; at < rows.length; at += BATCH) batch.immediate(at);
  const rate = rows.length / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

export const ledgerSuite: BenchSuite = {
  name: 'ledger',
  description:
    'ledger ingest vs raw SQLite insert, verify and inclusion proofs on 1,000,000 entries',
  async run({ progress }) {
    const dir = mkdtempSync(join(tmpdir(), 'custodian-bench-ledger-'));
    try {
      const ours: number[] = [];
      const raw: number[] = [];
      const input = batches(INGEST_EVENTS);
      for (let round = 0; round < INGEST_ROUNDS; round++) {
        progress(
          `ingest round ${round + 1}/${INGEST_ROUNDS}: ${INGEST_EVENTS} events, ledger then raw insert`,
        );
        const path = join(dir, `ingest-${round}.db`);
        const ledger = openLedger({ path, keyPath: join(dir, 'key'), checkpointEveryMs: 0 });
        ours.push(ingest(ledger, input));
        ledger.close();
        const db = new Database(path, { readonly: true });
        const rows = db
          .prepare<[], Row>(
            'SELECT idx, kind, recorded_at, canonical, leaf_hash FROM entries ORDER BY idx',
          )
          .raw()
          .all();
        db.close();
        raw.push(rawInsert(join(dir, `raw-${round}.db`), rows));
      }
      const ratios = ours.map((r, i) => r / raw[i]!);

      progress(`building a ${BIG_LOG.toLocaleString('en')}-entry ledger`);
      const big = openLedger({
        path: join(dir, 'big.db'),
        keyPath: join(dir, 'key'),
        checkpointEveryMs: 0,
      });
      const bigRates: number[] = [];
      for (let part = 0; part < BIG_LOG; part += INGEST_EVENTS) {
        bigRates.push(ingest(big, batches(Math.min(INGEST_EVENTS, BIG_LOG - part), part)));
      }
      const bigRate = median(bigRates);
      progress('verifying it');
      let started = performance.now();
      const report = big.verify();
      const verifySeconds = (performance.now() - started) / 1000;

      progress(`${PROOFS} inclusion proofs of random entries`);
      let state = SEED;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < 50; i++) big.inclusionProof(Math.floor(random() * BIG_LOG), BIG_LOG); // warm-up
      const proofMs: number[] = [];
      for (let i = 0; i < PROOFS; i++) {
        started = performance.now();
        const proof = big.inclusionProof(Math.floor(random() * BIG_LOG), BIG_LOG);
        proofMs.push(performance.now() - started);
        if (!proof.ok) throw new Error(proof.error);
      }
      big.close();
      proofMs.sort((a, b) => a - b);

      const rounds = (values: number[]) =>
        values.map((v) => Math.round(v).toLocaleString('en')).join(', ');
      const checks: Check[] = [
        {
          id: 'ledger-ingest',
          label: 'ledger ingest, batches of 500, durable',
          value: median(ours),
          unit: 'events/s',
          target: { op: '>=', value: TARGETS.ingestPerSecond },
          detail: `median of ${INGEST_ROUNDS} rounds of ${INGEST_EVENTS.toLocaleString('en')} events (${rounds(ours)}); WAL + synchronous=FULL, canonical JSON, leaf hash, tree, checkpoints`,
        },
        {
          id: 'ledger-raw-insert',
          label: 'raw better-sqlite3 insert of the same rows',
          value: median(raw),
          unit: 'rows/s',
          detail: `the rows the ledger stored, precomputed, into a plain table; same pragmas and batches (${rounds(raw)})`,
        },
        {
          id: 'ledger-ingest-ratio',
          label: 'ledger ingest / raw insert',
          value: median(ratios),
          unit: '×',
          target: { op: '>=', value: TARGETS.ingestVsRaw },
          detail: `median of per-round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
        },
        {
          id: 'ledger-verify-1m',
          label: `verify ${BIG_LOG.toLocaleString('en')} entries`,
          value: report.ok ? verifySeconds : NaN,
          unit: 's',
          target: { op: '<=', value: TARGETS.verifySeconds },
          detail: report.ok
            ? `every leaf rehashed, tree rebuilt, ${report.checkpoints} checkpoints checked; the log was built at a median ${Math.round(bigRate).toLocaleString('en')} events/s per 100,000`
            : `VERIFY FAILED at ${report.index}: ${report.reason}`,
        },
        {
          id: 'ledger-proof-p99',
          label: 'inclusion proof, 1,000,000-entry log, p99',
          value: percentile(proofMs, 99),
          unit: 'ms',
          target: { op: '<=', value: TARGETS.proofMs },
          detail: `${PROOFS} random entries after 50 warm-up; p50 ${percentile(proofMs, 50).toFixed(3)} ms`,
        },
        {
          id: 'ledger-proof-max',
          label: 'inclusion proof, 1,000,000-entry log, max',
          value: proofMs.at(-1)!,
          unit: 'ms',
          detail: 'slowest single proof (a GC pause or another job shows here first)',
        },
      ];
      return {
        checks,
        raw: {
          ingest: ours,
          rawInsert: raw,
          ratios,
          bigRate,
          verifySeconds,
          proofMs: {
            p50: percentile(proofMs, 50),
            p99: percentile(proofMs, 99),
            max: proofMs.at(-1),
          },
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
