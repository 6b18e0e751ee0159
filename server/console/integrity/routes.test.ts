// The integrity routes (R17) through `app.request()`: the verification cached with its time and
// rerun by an administrator (and finding a changed entry), the checkpoint and key, the commands,
// and the export download that records itself and passes the offline verifier.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityResponseSchema } from '../../../shared/schema/console-records';
import { ExportLineSchema } from '../../../shared/schema/ledger';
import { event } from '../../ledger/test-helpers';
import { runVerify as runVerifyCli } from '../../ledger/verify-cli';
import { consoleEntries, errorOf, mount, OPERATORS, tempConsole } from '../test-helpers';
import { integrityRoutes } from './routes';
import { EXPORT_FILE_NAME } from './service';

let t: ReturnType<typeof tempConsole>;
let call: ReturnType<typeof mount>;

beforeEach(() => {
  t = tempConsole();
  t.ledger.append(
    'staff-event',
    Array.from({ length: 5 }, (_, i) => event(i)),
  );
  call = mount(
    integrityRoutes({
      store: t.store,
      ledger: t.ledger,
      now: t.clock.now,
      ledgerPath: t.ledgerPath,
    }),
  );
});
afterEach(() => t.close());

const iso = (ms: number) => new Date(ms).toISOString();

async function integrity(as: 'auditor' | 'admin' = 'auditor', method = 'GET') {
  const res = await call(method === 'GET' ? '/integrity' : '/integrity/verify', { as, method });
  expect(res.status).toBe(200);
  return IntegrityResponseSchema.parse(await res.json());
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await runVerifyCli(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out: out.join('\n') };
}

describe('GET /integrity', () => {
  it('verifies on first use, then answers from the cache with when it ran', async () => {
    const first = await integrity();
    const cp = t.ledger.latestCheckpoint();
    expect(first).toEqual({
      verify: {
        ok: true,
        size: 5,
        root: expect.any(String),
        checkpoints: expect.any(Number),
        checkedAt: iso(t.clock.now()),
      },
      checkpoint: {
        origin: cp.origin,
        size: cp.size,
        root: cp.root,
        note: cp.note,
        publicKey: t.ledger.publicKey,
      },
      publicKey: t.ledger.publicKey,
      size: 5,
      commands: expect.any(Array),
    });
    t.clock.advance(60_000);
    t.ledger.append('staff-event', [event(5)]);
    const cached = await integrity();
    expect(cached.verify).toEqual(first.verify);
    expect(cached.size).toBe(6);
  });

  it('gives the commands that verify away from the server, with the key written out', async () => {
    const { commands, publicKey } = await integrity();
    expect(commands).toEqual([
      `curl -fsS -o ${EXPORT_FILE_NAME} http://localhost/v1/ledger/export`,
      `npm run verify -- --export ${EXPORT_FILE_NAME} --key ${publicKey}`,
      `npm run verify -- --export ${EXPORT_FILE_NAME} --key ${publicKey} --last-checkpoint last-checkpoint.txt`,
      `npm run verify -- --db ${t.ledgerPath}`,
    ]);
    // The --db command, as given, checks the ledger file (its key file sits beside it).
    expect(await cli('--db', t.ledgerPath)).toMatchObject({ code: 0, out: /^OK: 5 entries/ });
  });
});

describe('POST /integrity/verify', () => {
  it('reruns the verification for an administrator, and reports a changed entry', async () => {
    await integrity();
    t.ledger.append('staff-event', [event(5)]);
    t.clock.advance(60_000);
    const rerun = await integrity('admin', 'POST');
    expect(rerun.verify).toMatchObject({ ok: true, size: 6, checkedAt: iso(t.clock.now()) });

    const db = new Database(t.ledgerPath);
    db.exec('DROP TRIGGER entries_no_update');
    db.exec(`UPDATE entries SET canonical = replace(canonical, 'reveal', 'view') WHERE idx = 3`);
    db.close();
    t.clock.advance(60_000);
    const broken = await integrity('admin', 'POST');
    expect(broken.verify).toMatchObject({
      ok: false,
      index: 3,
      reason: expect.stringMatching(/payload was changed/),
      checkedAt: iso(t.clock.now()),
    });
    expect((await integrity()).verify).toEqual(broken.verify);
  });

  it('refuses a reviewer and an auditor', async () => {
    for (const as of ['reviewer', 'auditor'] as const) {
      const res = await call('/integrity/verify', { as, method: 'POST' });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
  });
});

describe('GET /integrity/export', () => {
  it('downloads the whole ledger, signed to its end, including the record of this export', async () => {
    const res = await call('/integrity/export', { as: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${EXPORT_FILE_NAME}"`,
    );
    const text = await res.text();
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => ExportLineSchema.parse(JSON.parse(l)));
    expect(lines.at(-1)).toEqual({ type: 'end', entries: 6 });
    expect(lines.at(-2)).toMatchObject({ type: 'checkpoint' });
    expect(consoleEntries(t.ledger)).toEqual([
      {
        kind: 'exported',
        by: OPERATORS.auditor,
        at: iso(t.clock.now()),
        what: 'ledger',
        format: 'ledger',
        query: '',
        rows: 6,
      },
    ]);

    const file = join(t.dir, EXPORT_FILE_NAME);
    writeFileSync(file, text);
    expect(await cli('--export', file, '--key', t.ledger.publicKey)).toMatchObject({
      code: 0,
      out: /^OK: 6 entries, root [0-9a-f]{64}, \d+ signed checkpoints verified$/,
    });
  });

  it('exports a range when asked, recording the query', async () => {
    const res = await call('/integrity/export?from=1&to=3', { as: 'auditor' });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => ExportLineSchema.parse(JSON.parse(l)));
    expect(
      lines.filter((l) => l.type === 'entry').map((l) => l.type === 'entry' && l.index),
    ).toEqual([1, 2]);
    expect(consoleEntries(t.ledger)).toMatchObject([
      { kind: 'exported', query: '?from=1&to=3', rows: 2 },
    ]);
  });

  it('refuses a bad range without recording anything', async () => {
    for (const query of ['?to=99', '?from=4&to=2', '?from=abc']) {
      const res = await call(`/integrity/export${query}`, { as: 'auditor' });
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).code).toBe('bad_query');
    }
    expect(consoleEntries(t.ledger)).toEqual([]);
  });
});
