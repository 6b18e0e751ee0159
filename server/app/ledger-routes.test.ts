// The ledger routes through `app.request()`, mounted as createApp will mount them: proofs that
// verify, a streamed export, and 400s that name the bad field for any malformed query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex, treeHasher, verifyConsistency, verifyInclusion } from '../../shared/ledger';
import {
  CheckpointResponseSchema,
  ConsistencyProofSchema,
  ExportLineSchema,
  InclusionProofSchema,
  VerifyReportSchema,
} from '../../shared/schema/ledger';
import { nodeHasher } from '../ledger/node-crypto';
import { openLedger } from '../ledger';
import { event } from '../ledger/test-helpers';
import { notFound, onError, type ErrorBody } from './errors';
import { ledgerRoutes } from './ledger-routes';

// One ledger for the whole file, in a directory of its own: tempLedger's is removed after the
// first test, and the verification's worker opens the file by its path.
const dir = mkdtempSync(join(tmpdir(), 'custodian-ledger-routes-'));
const ledger = openLedger({
  path: join(dir, 'ledger.db'),
  checkpointEveryMs: 0,
  checkpointEveryEntries: 100,
});
for (let at = 0; at < 250; at += 50)
  ledger.append(
    'staff-event',
    Array.from({ length: 50 }, (_, i) => event(at + i)),
  );
afterAll(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

const app = new Hono();
app.route('/', ledgerRoutes(ledger));
app.notFound(notFound);
app.onError(onError);

const th = treeHasher(nodeHasher);
const hex = (h: string) => fromHex(h)!;

describe('GET /v1/ledger/checkpoint', () => {
  it('gives the latest signed checkpoint as JSON, or its note as text', async () => {
    const body = CheckpointResponseSchema.parse(
      await (await app.request('/v1/ledger/checkpoint')).json(),
    );
    expect(body).toMatchObject({
      origin: 'custodian.local/ledger',
      size: 200,
      publicKey: ledger.publicKey,
    });
    const text = await app.request('/v1/ledger/checkpoint', { headers: { accept: 'text/plain' } });
    expect(await text.text()).toBe(body.note);
  });
});

describe('proofs', () => {
  it('an inclusion proof verifies against the checkpoint root', async () => {
    const res = await app.request('/v1/ledger/proof/inclusion?index=123&size=200');
    expect(res.status).toBe(200);
    const proof = InclusionProofSchema.parse(await res.json());
    const cp = CheckpointResponseSchema.parse(
      await (await app.request('/v1/ledger/checkpoint')).json(),
    );
    expect(proof.root).toBe(cp.root);
    expect(
      verifyInclusion(th, 123, 200, hex(proof.leafHash), proof.hashes.map(hex), hex(proof.root)),
    ).toEqual({ ok: true });
  });

  it('a consistency proof verifies', async () => {
    const proof = ConsistencyProofSchema.parse(
      await (await app.request('/v1/ledger/proof/consistency?from=100&to=250')).json(),
    );
    expect(
      verifyConsistency(
        th,
        100,
        250,
        hex(proof.fromRoot),
        hex(proof.toRoot),
        proof.hashes.map(hex),
      ),
    ).toEqual({ ok: true });
  });

  it('answers 400 naming the field for every malformed or out-of-range query', async () => {
    const cases: [string, string][] = [
      ['/v1/ledger/proof/inclusion?size=10', 'index'],
      ['/v1/ledger/proof/inclusion?index=abc&size=10', 'index'],
      ['/v1/ledger/proof/inclusion?index=-1&size=10', 'index'],
      ['/v1/ledger/proof/inclusion?index=1.5&size=10', 'index'],
      ['/v1/ledger/proof/inclusion?index=0&size=99999999999999999999', 'size'],
      ['/v1/ledger/proof/inclusion?index=0&size=251', 'size'],
      ['/v1/ledger/proof/inclusion?index=10&size=10', 'index'],
      ['/v1/ledger/proof/consistency?from=1', 'to'],
      ['/v1/ledger/proof/consistency?from=5&to=4', 'from'],
      ['/v1/ledger/proof/consistency?from=0&to=1000', 'to'],
      ['/v1/ledger/export?from=x', 'from'],
      ['/v1/ledger/export?to=9999', 'to'],
    ];
    for (const [url, field] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code, url).toBe('bad_query');
      expect(body.error.message, url).toContain(`Query parameter ${field}`);
    }
  });
});

describe('GET /v1/ledger/verify', () => {
  it('reports OK with size and root', async () => {
    const report = VerifyReportSchema.parse(await (await app.request('/v1/ledger/verify')).json());
    expect(report).toMatchObject({ ok: true, size: 250 });
  });
});

describe('GET /v1/ledger/export', () => {
  it('streams JSON lines up to the latest checkpoint by default', async () => {
    const res = await app.request('/v1/ledger/export');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => ExportLineSchema.parse(JSON.parse(l)));
    expect(lines[0]).toMatchObject({ type: 'header', from: 0, to: 200 });
    expect(lines.filter((l) => l.type === 'entry')).toHaveLength(200);
    expect(lines.filter((l) => l.type === 'checkpoint')).toHaveLength(3);
    expect(lines.at(-1)).toEqual({ type: 'end', entries: 200 });
  });

  it('exports a chosen range', async () => {
    const text = await (await app.request('/v1/ledger/export?from=10&to=20')).text();
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => ExportLineSchema.parse(JSON.parse(l)));
    expect(
      lines.filter((l) => l.type === 'entry').map((l) => (l.type === 'entry' ? l.index : -1)),
    ).toEqual(Array.from({ length: 10 }, (_, i) => 10 + i));
  });
});
