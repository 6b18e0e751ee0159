// checkJson against zod, the source of truth: for every schema the widget checks, it must accept
// and refuse exactly what zod does, and say which field is wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../../test/fixtures/consent/shop-policy.v2.json';
import {
  ConsentPolicySchema,
  DataRequestSchema,
  DecisionResponseSchema,
  PolicyResponseSchema,
  SubjectStateSchema,
  VerificationConfirmedSchema,
  VerificationStartedSchema,
  WidgetStoreSchema,
} from '../schema/consent';
import { checkJson, type JsonSchema } from './json-check';
import { consentJsonSchemas, type ConsentJsonSchemaName } from './json-schemas';
import * as arb from './test-arbitraries';
import {
  formatPath,
  mutated,
  omit,
  type Json,
  type JsonPath,
  type Mutation,
} from './test-arbitraries';

const v1 = ConsentPolicySchema.parse(v1Json);
const v2 = ConsentPolicySchema.parse(v2Json);

/** Each JSON Schema, its zod original, and valid values of it (generated, and the fixtures). */
const cases: Record<ConsentJsonSchemaName, { zod: z.ZodType; valid: fc.Arbitrary<Json> }> = {
  policy: { zod: ConsentPolicySchema, valid: fc.oneof(arb.policy, fc.constantFrom(v1, v2)) },
  policyResponse: { zod: PolicyResponseSchema, valid: arb.policyResponse },
  decisionResponse: { zod: DecisionResponseSchema, valid: arb.decisionResponse },
  subjectState: { zod: SubjectStateSchema, valid: arb.subjectState },
  dataRequest: { zod: DataRequestSchema, valid: arb.dataRequest },
  verificationStarted: { zod: VerificationStartedSchema, valid: arb.verificationStarted },
  verificationConfirmed: { zod: VerificationConfirmedSchema, valid: arb.verificationConfirmed },
  widgetStore: { zod: WidgetStoreSchema, valid: arb.widgetStore },
};
const names = Object.keys(cases) as ConsentJsonSchemaName[];

/** Whether `path` is `base` or inside it. */
const within = (path: string, base: string): boolean =>
  base === '' || path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);

/**
 * Where the one problem a mutation made must be reported: at or inside the node changed, except
 * that an array that lost an item is too short at the array itself.
 */
function expectedAt(path: JsonPath, mutation: Mutation): string {
  const removedItem = mutation.kind === 'remove' && typeof path[path.length - 1] === 'number';
  return formatPath(removedItem ? path.slice(0, -1) : path);
}

describe('consentJsonSchemas', () => {
  /** The keywords checkJson implements (json-check.ts KNOWN); the test fails when zod adds one. */
  const understood = new Set([
    '$schema', '$ref', '$defs', 'type', 'const', 'enum', 'anyOf', 'oneOf', 'pattern', 'format',
    'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'items', 'properties',
    'required', 'additionalProperties', 'propertyNames', 'description', 'default', 'id',
  ]); // prettier-ignore

  /** Every keyword used anywhere in `schema` (property names under `properties` excluded). */
  function keywords(schema: JsonSchema, into = new Set<string>()): Set<string> {
    for (const [key, value] of Object.entries(schema)) {
      into.add(key);
      const children: unknown[] =
        key === 'properties' || key === '$defs'
          ? Object.values(value as Record<string, unknown>)
          : key === 'anyOf' || key === 'oneOf'
            ? (value as unknown[])
            : key === 'items' || key === 'propertyNames' || key === 'additionalProperties'
              ? [value]
              : [];
      for (const child of children)
        if (typeof child === 'object' && child !== null) keywords(child as JsonSchema, into);
    }
    return into;
  }

  it.each(names)('%s uses only keywords checkJson understands', (name) => {
    const used = [...keywords(consentJsonSchemas[name])];
    expect(used.filter((k) => !understood.has(k))).toEqual([]);
  });

  it.each(names)('%s resolves every $ref it makes', (name) => {
    const schema = consentJsonSchemas[name];
    const refs = JSON.stringify(schema).match(/"\$ref":"#\/\$defs\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const id = ref.slice('"$ref":"#/$defs/'.length, -1);
      expect(schema.$defs?.[id], ref).toBeDefined();
    }
  });
});

describe('checkJson agrees with zod', () => {
  it.each(names)('%s: generated valid values pass both', (name) => {
    const { zod, valid } = cases[name];
    fc.assert(
      fc.property(valid, (value) => {
        expect(zod.safeParse(value).success).toBe(true);
        expect(checkJson(consentJsonSchemas[name], value)).toEqual({ ok: true });
      }),
      { numRuns: 150 },
    );
  });

  it.each(names)('%s: a mutated value passes checkJson exactly when it passes zod', (name) => {
    const { zod, valid } = cases[name];
    let refused = 0;
    fc.assert(
      fc.property(mutated(valid), ({ value, path, mutation }) => {
        const result = checkJson(consentJsonSchemas[name], value);
        const zodOk = zod.safeParse(value).success;
        // Zod's records drop a key named __proto__ whatever it holds (and accept the rest);
        // checkJson refuses the name: stricter, which is the safe side for stored data.
        const protoDropped =
          zodOk &&
          mutation.kind === 'add' &&
          mutation.key === '__proto__' &&
          !result.ok &&
          result.path.endsWith('.__proto__');
        if (!protoDropped) expect(result.ok, JSON.stringify(result)).toBe(zodOk);
        if (!result.ok) {
          refused++;
          // The error names the field the mutation broke, not some ancestor of it.
          const at = expectedAt(path, mutation);
          expect(within(result.path, at), `${result.path} should be within ${at}`).toBe(true);
          expect(result.message).not.toBe('');
        }
      }),
      { numRuns: 400 },
    );
    // Most mutations break something; if not, the property above tests little.
    expect(refused).toBeGreaterThan(100);
  });
});

describe('checkJson names the field', () => {
  const policySchema = consentJsonSchemas.policy;
  const withPurpose = (i: number, change: object) => ({
    ...v1,
    purposes: v1.purposes.map((p, j) => (j === i ? { ...p, ...change } : p)),
  });

  it('for a blank text deep in a purpose', () => {
    const value = withPurpose(2, { title: { 'zh-CN': '优惠推送', en: '   ' } });
    expect(checkJson(policySchema, value)).toEqual({
      ok: false,
      path: 'purposes[2].title.en',
      message: expect.stringMatching(/must match/),
    });
  });

  it('for a missing field, an unknown field, a wrong type and a bad enum', () => {
    expect(checkJson(policySchema, omit(v1, 'controller'))).toMatchObject({
      path: 'controller',
      message: 'is missing',
    });
    expect(checkJson(policySchema, { ...v1, colour: 'red' })).toMatchObject({
      path: 'colour',
      message: 'is not a known field (remove it)',
    });
    expect(checkJson(policySchema, withPurpose(0, { retentionDays: '1095' }))).toMatchObject({
      path: 'purposes[0].retentionDays',
      message: 'must be a whole number, not string',
    });
    expect(checkJson(policySchema, withPurpose(1, { category: 'ads' }))).toMatchObject({
      path: 'purposes[1].category',
      message: expect.stringContaining('necessary'),
    });
    expect(checkJson(policySchema, { ...v1, purposes: {} })).toMatchObject({
      path: 'purposes',
      message: 'must be an array, not object',
    });
  });

  it('for numbers out of range, and a level that is none of 1, 2, 3', () => {
    expect(checkJson(policySchema, withPurpose(3, { consentDays: 3651 }))).toMatchObject({
      path: 'purposes[3].consentDays',
      message: 'must be ≤ 3650',
    });
    expect(checkJson(policySchema, withPurpose(3, { consentDays: 1.5 }))).toMatchObject({
      path: 'purposes[3].consentDays',
      message: 'must be a whole number, not number',
    });
    expect(checkJson(policySchema, withPurpose(4, { level: 4 }))).toMatchObject({
      path: 'purposes[4].level',
      message: 'must be one of 1, 2, 3',
    });
  });

  it('inside a value that may be null (the stored policy), not at the nullable field', () => {
    const store = {
      schema: 1,
      subject: null,
      policy: withPurpose(1, { id: 'Analytics' }),
      decisions: [],
      pending: [],
      receipts: [],
    };
    expect(checkJson(consentJsonSchemas.widgetStore, store)).toMatchObject({
      ok: false,
      path: 'policy.purposes[1].id',
    });
    expect(WidgetStoreSchema.safeParse(store).success).toBe(false);
  });

  it('for a choice of a purpose with a bad name, and a date-time that is not one', () => {
    const request = {
      decisionId: '01890a5d-ac96-774b-bcce-b302099a8057',
      policyVersion: 1,
      language: 'en',
      textHash: 'a'.repeat(64),
      choices: { analytics: true, 'Bad Name': false },
      method: 'banner',
      gpc: false,
      decidedAt: '2026-01-31T08:00:00+08:00',
    };
    const store = (r: object) => ({
      schema: 1,
      subject: null,
      policy: null,
      decisions: [],
      pending: [{ request: r, decisions: [] }],
      receipts: [],
    });
    expect(checkJson(consentJsonSchemas.widgetStore, store(request))).toMatchObject({
      path: 'pending[0].request.choices.Bad Name',
      message: expect.stringMatching(/^is not an allowed name/),
    });
    const named = { ...request, choices: { analytics: true } };
    expect(checkJson(consentJsonSchemas.widgetStore, store(named))).toMatchObject({
      path: 'pending[0].request.decidedAt',
      message: 'must be a date and time in UTC, such as 2026-01-31T08:00:00.000Z',
    });
  });
});

describe('checkJson edge cases, each as zod decides them', () => {
  const request = {
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    kind: 'deletion',
    status: 'open',
    createdAt: '2026-01-01T00:00:00.000Z',
    dueAt: '2026-01-16T00:00:00.000Z',
  };
  const cases: [string, JsonSchema, z.ZodType, unknown][] = [
    // Own fields only: Object.prototype's members are not declared fields.
    ['a field named constructor', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, constructor: 1 }],
    ['a field named toString', consentJsonSchemas.dataRequest, DataRequestSchema, { ...request, toString: 'x' }],
    ['a field named hasOwnProperty', consentJsonSchemas.dataRequest, DataRequestSchema, { ...request, hasOwnProperty: 1 }],
    ['a field named __proto__', consentJsonSchemas.policy, ConsentPolicySchema, JSON.parse(`{"__proto__":{},${JSON.stringify(v1).slice(1)}`)],
    // Lengths in code points: 2000 emoji are 4000 UTF-16 units, and still within a 2000 limit.
    ['2000 emoji', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, summary: { ...v1.summary, en: '😀'.repeat(2000) } }],
    ['2001 emoji', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, summary: { ...v1.summary, en: '😀'.repeat(2001) } }],
    // An optional field set to undefined counts as absent (not JSON, but what an object may hold).
    ['undefined optional field', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, googleConsentMode: undefined }],
    ['undefined required field', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, rights: undefined }],
    ['undefined unknown field', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, extra: undefined }],
    ['a lone surrogate', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, rights: { ...v1.rights, en: '\ud800' } }],
    ['NaN', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, version: NaN }],
    ['Infinity', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, version: Infinity }],
    ['2^53', consentJsonSchemas.policy, ConsentPolicySchema, { ...v1, version: 2 ** 53 }],
    ['a token of 16 characters', consentJsonSchemas.verificationConfirmed, VerificationConfirmedSchema, { verificationToken: 'x'.repeat(16) }],
    ['a token of 15 characters', consentJsonSchemas.verificationConfirmed, VerificationConfirmedSchema, { verificationToken: 'x'.repeat(15) }],
    ['a leap day', consentJsonSchemas.verificationStarted, VerificationStartedSchema, { verificationId: '01890a5d-ac96-774b-bcce-b302099a8057', expiresAt: '2028-02-29T23:59:59.999999Z' }],
    ['no leap day', consentJsonSchemas.verificationStarted, VerificationStartedSchema, { verificationId: '01890a5d-ac96-774b-bcce-b302099a8057', expiresAt: '2026-02-29T00:00:00Z' }],
    ['an array for an object', consentJsonSchemas.dataRequest, DataRequestSchema, []],
    ['null for an object', consentJsonSchemas.dataRequest, DataRequestSchema, null],
  ]; // prettier-ignore

  it.each(cases)('%s', (_name, schema, zod, value) => {
    expect(checkJson(schema, value).ok).toBe(zod.safeParse(value).success);
  });

  it('refuses a __proto__ field by name', () => {
    const value: unknown = JSON.parse(`{"__proto__":{},${JSON.stringify(request).slice(1)}`);
    expect(checkJson(consentJsonSchemas.dataRequest, value)).toEqual({
      ok: false,
      path: '__proto__',
      message: 'is not a known field (remove it)',
    });
    expect(checkJson(consentJsonSchemas.dataRequest, request)).toEqual({ ok: true });
  });
});

describe('checkJson refuses what it cannot check', () => {
  it('names an unknown keyword instead of ignoring it', () => {
    expect(checkJson({ type: 'array', uniqueItems: true } as JsonSchema, [1, 1])).toEqual({
      ok: false,
      path: '',
      message: "the schema uses 'uniqueItems', which json-check cannot check",
    });
    const nested = {
      type: 'object',
      properties: { n: { type: 'integer', multipleOf: 2 } },
    } as JsonSchema;
    expect(checkJson(nested, { n: 5 })).toMatchObject({
      ok: false,
      path: 'n',
      message: expect.stringContaining('multipleOf'),
    });
  });

  it('checks exclusive bounds (z.number().positive() writes exclusiveMinimum: 0)', () => {
    const positive: JsonSchema = { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 };
    expect(checkJson(positive, 1)).toEqual({ ok: true });
    expect(checkJson(positive, 0)).toEqual({ ok: false, path: '', message: 'must be > 0' });
    expect(checkJson(positive, 10)).toEqual({ ok: false, path: '', message: 'must be < 10' });
  });

  it('names a $ref it cannot resolve', () => {
    expect(checkJson({ $ref: '#/$defs/nowhere' }, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('#/$defs/nowhere'),
    });
    // Nor does a $ref reach Object.prototype's members.
    expect(checkJson({ $ref: '#/$defs/constructor', $defs: {} }, 1).ok).toBe(false);
  });
});
