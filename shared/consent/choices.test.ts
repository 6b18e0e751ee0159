// Choices under a policy (R3: nothing pre-ticked, no bundling; GPC; R4: every grant expires).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
import { ConsentPolicySchema, type ConsentPolicy } from '../schema/consent';
import {
  allChoices,
  choicesProblem,
  decisionsFor,
  initialChoices,
  isGpcRefused,
  optionalPurposes,
} from './choices';
import { policy as anyPolicy } from './test-arbitraries';

const v1 = ConsentPolicySchema.parse(v1Json);
const OPTIONAL = ['analytics', 'marketing', 'partner-sharing', 'id-verification'];
const DAY = 86_400_000;

describe('initialChoices and allChoices', () => {
  it('start every optional purpose off and leave the required one out (R3)', () => {
    expect(initialChoices(v1)).toEqual({
      analytics: false,
      marketing: false,
      'partner-sharing': false,
      'id-verification': false,
    });
    expect(optionalPurposes(v1).map((p) => p.id)).toEqual(OPTIONAL);
  });

  it('accept all, except what Global Privacy Control refuses when the browser sends it', () => {
    expect(allChoices(v1, true, false)).toEqual({
      analytics: true,
      marketing: true,
      'partner-sharing': true,
      'id-verification': true,
    });
    expect(allChoices(v1, true, true)).toEqual({
      analytics: true,
      marketing: false,
      'partner-sharing': false,
      'id-verification': true,
    });
    expect(allChoices(v1, false, false)).toEqual(initialChoices(v1));
    expect(allChoices(v1, false, true)).toEqual(initialChoices(v1));
  });

  it('GPC refuses marketing and sharing, nothing else', () => {
    expect(v1.purposes.filter(isGpcRefused).map((p) => p.id)).toEqual([
      'marketing',
      'partner-sharing',
    ]);
  });

  it('give choices that choicesProblem accepts, for any sound policy', () => {
    fc.assert(
      fc.property(anyPolicy, fc.boolean(), fc.boolean(), (policy, granted, gpc) => {
        expect(choicesProblem(policy, initialChoices(policy), gpc)).toBeNull();
        expect(choicesProblem(policy, allChoices(policy, granted, gpc), gpc)).toBeNull();
        expect(Object.values(initialChoices(policy)).every((c) => c === false)).toBe(true);
      }),
    );
  });
});

describe('choicesProblem', () => {
  const all = allChoices(v1, true, false);

  it('accepts one decision per optional purpose', () => {
    expect(choicesProblem(v1, all, false)).toBeNull();
    expect(choicesProblem(v1, allChoices(v1, true, true), true)).toBeNull();
  });

  it('refuses a missing decision (no bundled consent)', () => {
    const rest = Object.fromEntries(Object.entries(all).filter(([id]) => id !== 'marketing'));
    expect(choicesProblem(v1, rest, false)).toBe(
      'choices.marketing is missing: decide every optional purpose (R3: no bundled consent)',
    );
  });

  it('refuses a purpose the version does not have', () => {
    expect(choicesProblem(v1, { ...all, recommendations: true }, false)).toBe(
      'choices.recommendations: version 1 has no purpose "recommendations"',
    );
  });

  it('refuses a choice on a required purpose', () => {
    expect(choicesProblem(v1, { ...all, orders: true }, false)).toMatch(
      /^choices\.orders: "orders" is required/,
    );
  });

  it('refuses a grant that Global Privacy Control refuses', () => {
    expect(choicesProblem(v1, all, true)).toBe(
      'choices.marketing: the browser sent Global Privacy Control, which refuses "marketing"',
    );
    expect(choicesProblem(v1, { ...all, marketing: false }, true)).toMatch(
      /^choices\.partner-sharing: .*Global Privacy Control/,
    );
  });

  it('does not take Object.prototype for a decision', () => {
    const odd: ConsentPolicy = {
      ...v1,
      purposes: [...v1.purposes, { ...v1.purposes[1]!, id: 'constructor' }],
    };
    expect(choicesProblem(odd, all, false)).toMatch(/^choices\.constructor is missing/);
    expect(choicesProblem(odd, { ...all, constructor: false }, false)).toBeNull();
  });
});

describe('decisionsFor', () => {
  const at = new Date('2026-01-01T00:00:00.000Z');

  it('grants the required purpose and the chosen ones, each for its consentDays (R4)', () => {
    const choices = { ...initialChoices(v1), analytics: true, 'id-verification': true };
    expect(decisionsFor(v1, choices, at)).toEqual([
      { purpose: 'orders', granted: true, expiresAt: '2027-01-01T00:00:00.000Z' },
      { purpose: 'analytics', granted: true, expiresAt: '2026-06-30T00:00:00.000Z' },
      { purpose: 'marketing', granted: false, expiresAt: null },
      { purpose: 'partner-sharing', granted: false, expiresAt: null },
      { purpose: 'id-verification', granted: true, expiresAt: '2026-04-01T00:00:00.000Z' },
    ]);
  });

  it('refuses what was not chosen, and states every purpose of the version', () => {
    fc.assert(
      fc.property(
        anyPolicy,
        fc.dictionary(fc.string(), fc.boolean()),
        fc.date({
          min: new Date('2000-01-01Z'),
          max: new Date('2090-01-01Z'),
          noInvalidDate: true,
        }),
        (policy, choices, when) => {
          const decisions = decisionsFor(policy, choices, when);
          expect(decisions.map((d) => d.purpose)).toEqual(policy.purposes.map((p) => p.id));
          policy.purposes.forEach((p, i) => {
            const d = decisions[i]!;
            expect(d.granted).toBe(p.required || choices[p.id] === true);
            expect(d.expiresAt).toBe(
              d.granted ? new Date(when.getTime() + p.consentDays * DAY).toISOString() : null,
            );
          });
        },
      ),
    );
  });
});
