// The content script's JSON Schemas against zod, the source of truth: content-schemas.ts is what
// sources.ts generates now, and checkJson accepts and refuses what zod does (for the published
// policy state: in the direction that matters, see below).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
// eslint-disable-next-line no-restricted-imports -- test data: the demo CRM's policy, shared with the e2e tests
import crmPolicyJson from '../../../test/fixtures/staff/crm-policy.json';
import { checkJson } from '../../consent/json-check';
import { mutated, type Json } from '../../consent/test-arbitraries';
import { FAIL_CLOSED_POLICY, StaffPolicySchema, type PolicyState } from '../policy';
import * as generated from './content-schemas';
import { contentSchemasModule, contentZodSchemas, toContentJsonSchema } from './sources';

const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** The node at `path` in `value`, or undefined where the path leads nowhere. */
const nodeAt = (value: Json, path: readonly (string | number)[]): Json | undefined =>
  path.reduce<Json | undefined>(
    (at, key) =>
      at !== null && typeof at === 'object'
        ? (at as Record<string | number, Json>)[key]
        : undefined,
    value,
  );
const crmPolicy = StaffPolicySchema.parse(crmPolicyJson);

/** Published states as the background writes them (zod output: defaults filled in). */
const states: PolicyState[] = [
  {
    policy: FAIL_CLOSED_POLICY,
    source: 'fail-closed',
    identity: null,
    identityManaged: false,
    problems: [],
  },
  {
    policy: crmPolicy,
    source: 'options',
    identity: { staffId: 'CS-0420', role: 'support' },
    identityManaged: false,
    problems: [{ path: 'roles.x', message: 'unknown role' }],
  },
  {
    policy: crmPolicy,
    source: 'server',
    identity: null,
    identityManaged: true,
    problems: [],
    staff: { staffId: 'li.wei', name: '李伟', roles: ['support', 'auditor'] },
  },
];

const messages = [{ type: 'recount' }, { type: 'set-paused', paused: true }];
const answers = [
  { status: 'allowed', seconds: 30, access: 'full' },
  { status: 'allowed', seconds: 1, access: 'partial' },
  { status: 'reason-required' },
  { status: 'refused', why: '该角色不能查看手机号' },
];

describe('content-schemas.ts', () => {
  const fix = 'regenerate it: see the command at the top of content-schemas.ts';

  it('is what sources.ts generates from the zod schemas now', () => {
    expect(generated.policyStateJsonSchema, fix).toEqual(
      toContentJsonSchema(contentZodSchemas.policyState),
    );
    expect(generated.backgroundToContentJsonSchema, fix).toEqual(
      toContentJsonSchema(contentZodSchemas.backgroundToContent),
    );
    expect(generated.revealAnswerJsonSchema, fix).toEqual(
      toContentJsonSchema(contentZodSchemas.revealAnswer),
    );
    expect(generated.failClosedPolicy, fix).toEqual(FAIL_CLOSED_POLICY);
    expect(contentSchemasModule()).toContain('export const policyStateJsonSchema');
  });

  it('uses only keywords checkJson understands (it would refuse every value otherwise)', () => {
    for (const value of states) {
      expect(checkJson(generated.policyStateJsonSchema, json(value))).toEqual({ ok: true });
    }
    for (const value of messages) {
      expect(checkJson(generated.backgroundToContentJsonSchema, value)).toEqual({ ok: true });
    }
    for (const value of answers) {
      expect(checkJson(generated.revealAnswerJsonSchema, value)).toEqual({ ok: true });
    }
  });
});

describe('checkJson agrees with zod', () => {
  /** Exact agreement: these schemas have no defaults, trimming or refinements. */
  const exact: [string, z.ZodType, (typeof generated)['revealAnswerJsonSchema'], object[]][] = [
    [
      'backgroundToContent',
      contentZodSchemas.backgroundToContent,
      generated.backgroundToContentJsonSchema,
      messages,
    ],
    ['revealAnswer', contentZodSchemas.revealAnswer, generated.revealAnswerJsonSchema, answers],
  ];
  it.each(exact)('%s: a mutated value passes checkJson exactly when it passes zod', (...c) => {
    const [, zod, schema, valid] = c;
    fc.assert(
      fc.property(mutated(fc.constantFrom(...valid.map(json))), ({ value }) => {
        const result = checkJson(schema, value);
        expect(result.ok, JSON.stringify(result)).toBe(zod.safeParse(value).success);
      }),
      { numRuns: 400 },
    );
  });

  /**
   * The published state is zod's output, so its JSON Schema is the output's: a state zod would
   * complete (a default left out) or trim is refused, and the content script fails closed. Zod's
   * refinements of the behaviour rules (a real time zone, hours in order, no day both holiday and
   * working day) have no JSON Schema form, and neither has its trimming: a blank version, selector
   * or name passes the length check (the content script reads none of the rules, and a blank
   * selector matches nothing: applyRules skips a selector that does not parse).
   */
  it('policyState: accepts what zod accepts as written, refuses what zod refuses', () => {
    const zod = contentZodSchemas.policyState;
    fc.assert(
      fc.property(mutated(fc.constantFrom(...states.map(json))), ({ value, path }) => {
        const result = checkJson(generated.policyStateJsonSchema, value);
        const parsed = zod.safeParse(value);
        const inRules = path[0] === 'policy' && path[1] === 'rules';
        // Whatever made it (a blank edit, or a replacement or addition of '  '): a blank string.
        const node = nodeAt(value, path);
        const blanked = typeof node === 'string' && node.trim() === '';
        if (result.ok && !inRules && !blanked) expect(parsed.success).toBe(true);
        if (parsed.success && JSON.stringify(json(parsed.data)) === JSON.stringify(value)) {
          expect(result, JSON.stringify(value)).toEqual({ ok: true });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('policyState: refuses what the content script would misread', () => {
    const [, crm] = states.map(json) as [Json, Record<string, Record<string, Json[]>>];
    const bad = [
      null,
      'policy',
      { ...crm, policy: { ...crm.policy, protect: [] } },
      { ...crm, policy: { ...crm.policy, protect: ['crm.example.com'] } },
      {
        ...crm,
        policy: {
          ...crm.policy,
          sites: [{ match: ['<all_urls>'], selectors: [{ selector: 'td', type: 'ssn' }] }],
        },
      },
      { ...crm, identity: { staffId: 'CS 0420', role: 'support' } },
      { ...crm, source: 'page' },
      { ...crm, extra: true },
    ];
    for (const value of bad) {
      expect(checkJson(generated.policyStateJsonSchema, value).ok, JSON.stringify(value)).toBe(
        false,
      );
      expect(contentZodSchemas.policyState.safeParse(value).success).toBe(false);
    }
    // Zod would fill in the defaults; the background never writes a state without them.
    const incomplete = { ...crm, policy: { ...crm.policy, sites: [{ match: ['<all_urls>'] }] } };
    expect(checkJson(generated.policyStateJsonSchema, incomplete).ok).toBe(false);
  });
});
