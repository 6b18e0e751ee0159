// The compacted schemas the build writes must accept and refuse exactly what the generated ones
// do: checked on real bodies and on mutations of every field.
import { describe, expect, it } from 'vitest';
import { checkJson, type JsonSchema } from '../shared/consent/json-check';
import { consentJsonSchemas } from '../shared/consent/json-schemas';
import { compactSchema, schemaModule } from './schema-code';
import { HASH, receiptFor, SUBJECT, v1, v2 } from './test-fixtures';

type Schemas = Record<keyof typeof consentJsonSchemas, JsonSchema>;

/** Runs the module text the build inlines and returns what it exports. */
function load(source: string): Schemas {
  const body = source.replace('export const consentJsonSchemas=', 'return ');
  // The build's output is code by design; running it is the only way to test what ships.
  const make = new Function(body) as () => Schemas;
  return make();
}

/** The value and variations of it: each field removed, retyped, emptied or given a stranger. */
function* mutations(value: unknown): Generator<unknown> {
  yield value;
  if (typeof value !== 'object' || value === null) {
    for (const other of [null, 0, 1.5, -1, '', 'x', true, [], {}]) yield other;
    return;
  }
  if (Array.isArray(value)) {
    yield [];
    yield [...value, ...value];
    for (let i = 0; i < value.length; i++) {
      for (const m of mutations(value[i])) yield value.map((x, j) => (j === i ? m : x));
    }
    return;
  }
  const record = value as Record<string, unknown>;
  yield { ...record, stranger: 1 };
  for (const key of Object.keys(record)) {
    yield Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
    for (const m of mutations(record[key])) yield { ...record, [key]: m };
  }
}

const request = {
  decisionId: '01890000-0000-7000-8000-000000000000',
  policyVersion: 1,
  language: 'en' as const,
  textHash: HASH,
  choices: { analytics: true },
  method: 'banner' as const,
  gpc: false,
  decidedAt: '2026-01-31T08:00:00.000Z',
};
const receipt = receiptFor(request);
const bodies: [keyof Schemas, unknown][] = [
  ['policy', v1],
  ['policy', v2],
  ['policyResponse', { policy: v1, textHashes: { 'zh-CN': HASH, en: HASH } }],
  ['decisionResponse', { receipt, subject: SUBJECT }],
  ['subjectState', { subjectId: SUBJECT.subjectId, receipts: [receipt], requests: [] }],
  ['verificationConfirmed', { verificationToken: 'v'.repeat(20) }],
  [
    'widgetStore',
    {
      schema: 1,
      subject: SUBJECT,
      policy: v1,
      decisions: receipt.body.decisions,
      pending: [{ request, decisions: receipt.body.decisions }],
      receipts: [receipt],
    },
  ],
];

describe('the compacted schemas', () => {
  const compact = load(schemaModule('consentJsonSchemas', consentJsonSchemas));

  it('keep every schema', () => {
    expect(Object.keys(compact)).toEqual(Object.keys(consentJsonSchemas));
  });

  it('accept and refuse what the generated schemas do', () => {
    let checked = 0;
    for (const [name, body] of bodies) {
      expect(checkJson(compact[name], body)).toEqual({ ok: true });
      for (const m of mutations(body)) {
        const want = checkJson(consentJsonSchemas[name], m).ok;
        expect({ name, m, ok: checkJson(compact[name], m).ok }).toEqual({ name, m, ok: want });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('drop only what checks nothing', () => {
    expect(compactSchema({ type: 'string', enum: ['a', 'b'] })).toEqual({ enum: ['a', 'b'] });
    expect(compactSchema({ type: 'string', enum: ['a', 1] })).toEqual({
      type: 'string',
      enum: ['a', 1],
    });
    expect(compactSchema({ anyOf: [{ type: 'number', const: 1 }, { const: 2 }] })).toEqual({
      enum: [1, 2],
    });
    expect(
      compactSchema({ $schema: 'x', $ref: '#/$defs/a', $defs: { a: { type: 'null' } } }),
    ).toEqual({ type: 'null' });
  });
});
