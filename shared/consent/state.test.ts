// What is granted now and when to ask again: first visit, expiry (R4), new policy versions (R7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../../test/fixtures/consent/shop-policy.v2.json';
import { ConsentPolicySchema, type ConsentPolicy, type PurposeDecision } from '../schema/consent';
import { decisionsFor, initialChoices } from './choices';
import { grantedPurposes, promptFor, type DecidedState } from './state';
import { isoTime } from './test-arbitraries';

const v1 = ConsentPolicySchema.parse(v1Json);
const v2 = ConsentPolicySchema.parse(v2Json);
const DAY = 86_400_000;
const t0 = new Date('2026-01-01T00:00:00.000Z');
const after = (days: number, ms = 0) => new Date(t0.getTime() + days * DAY + ms);

/** Decided under v1 at t0: analytics and id-verification granted, marketing and sharing refused. */
const choices = {
  ...initialChoices(v1),
  analytics: true,
  marketing: true,
  'id-verification': true,
};
const underV1: DecidedState = { policy: v1, decisions: decisionsFor(v1, choices, t0) };
const sorted = (s: Set<string>) => [...s].sort();

describe('first visit', () => {
  it('asks about every optional purpose and grants only the required one', () => {
    const state: DecidedState = { policy: null, decisions: [] };
    expect(promptFor(v1, state, t0)).toEqual({
      reason: 'first-visit',
      purposes: ['analytics', 'marketing', 'partner-sharing', 'id-verification'],
    });
    expect(sorted(grantedPurposes(v1, state, t0))).toEqual(['orders']);
  });

  it('grants nothing optional from decisions without the policy they were made under', () => {
    const state: DecidedState = { policy: null, decisions: underV1.decisions };
    expect(sorted(grantedPurposes(v1, state, t0))).toEqual(['orders']);
    expect(promptFor(v1, state, t0)?.reason).toBe('first-visit');
  });
});

describe('all decided', () => {
  it('asks nothing and grants what was chosen', () => {
    expect(promptFor(v1, underV1, after(1))).toBeNull();
    expect(sorted(grantedPurposes(v1, underV1, after(1)))).toEqual([
      'analytics',
      'id-verification',
      'marketing',
      'orders',
    ]);
  });

  it('asks about an optional purpose that has no decision', () => {
    const state = { ...underV1, decisions: underV1.decisions.slice(0, -1) };
    expect(promptFor(v1, state, after(1))).toEqual({
      reason: 'policy-changed',
      purposes: ['id-verification'],
    });
  });
});

describe('expiry (R4)', () => {
  // id-verification lasts 90 days, analytics 180, marketing 365: 2026-04-01, 06-30, 2027-01-01.
  const idExpiry = new Date(
    underV1.decisions.find((d) => d.purpose === 'id-verification')!.expiresAt!,
  );

  it('holds a grant until the millisecond before expiresAt', () => {
    expect(idExpiry).toEqual(after(90));
    const before = new Date(idExpiry.getTime() - 1);
    expect(grantedPurposes(v1, underV1, before).has('id-verification')).toBe(true);
    expect(promptFor(v1, underV1, before)).toBeNull();
  });

  it('lapses exactly at expiresAt, and asks about that purpose alone', () => {
    expect(grantedPurposes(v1, underV1, idExpiry).has('id-verification')).toBe(false);
    expect(grantedPurposes(v1, underV1, idExpiry).has('analytics')).toBe(true);
    expect(promptFor(v1, underV1, idExpiry)).toEqual({
      reason: 'expired',
      purposes: ['id-verification'],
    });
  });

  it('asks about every lapsed grant, in the policy order', () => {
    expect(promptFor(v1, underV1, after(365))).toEqual({
      reason: 'expired',
      purposes: ['analytics', 'marketing', 'id-verification'],
    });
  });

  it('never asks again about a refusal, and never grants it', () => {
    const later = after(3650);
    expect(promptFor(v1, underV1, later)?.purposes).not.toContain('partner-sharing');
    expect(grantedPurposes(v1, underV1, later).has('partner-sharing')).toBe(false);
  });

  it('does not count a grant whose expiry cannot be read', () => {
    const damaged = underV1.decisions.map((d) =>
      d.purpose === 'analytics' ? { ...d, expiresAt: 'not a date' } : d,
    );
    const state = { ...underV1, decisions: damaged };
    expect(grantedPurposes(v1, state, after(1)).has('analytics')).toBe(false);
  });
});

describe('a new policy version (R7)', () => {
  it('v1 → v2 asks only about the changed and the new purpose, and keeps the others', () => {
    expect(promptFor(v2, underV1, after(1))).toEqual({
      reason: 'policy-changed',
      purposes: ['marketing', 'recommendations'],
    });
    // marketing was granted under v1's terms, which changed: not granted until asked again.
    expect(sorted(grantedPurposes(v2, underV1, after(1)))).toEqual([
      'analytics',
      'id-verification',
      'orders',
    ]);
  });

  it('keeps refusals refused across versions', () => {
    expect(promptFor(v2, underV1, after(1))?.purposes).not.toContain('partner-sharing');
    expect(grantedPurposes(v2, underV1, after(1)).has('partner-sharing')).toBe(false);
  });

  it('asks about grants that lapsed meanwhile along with the changes', () => {
    // 100 days: id-verification (90 days) lapsed; analytics (180) holds.
    expect(promptFor(v2, underV1, after(100))).toEqual({
      reason: 'policy-changed',
      purposes: ['marketing', 'recommendations', 'id-verification'],
    });
  });

  it('asks nothing once decided under v2', () => {
    const choices2 = { ...choices, recommendations: false };
    const underV2: DecidedState = { policy: v2, decisions: decisionsFor(v2, choices2, after(1)) };
    expect(promptFor(v2, underV2, after(2))).toBeNull();
    expect(grantedPurposes(v2, underV2, after(2)).has('marketing')).toBe(true);
  });

  it('a policy-wide text change asks about every optional purpose, and holds them all', () => {
    const v3: ConsentPolicy = {
      ...v2,
      version: 3,
      rights: { ...v2.rights, en: `${v2.rights.en} Write to privacy@shop.example.` },
    };
    const underV2: DecidedState = {
      policy: v2,
      decisions: decisionsFor(v2, { ...choices, recommendations: true }, after(1)),
    };
    expect(promptFor(v3, underV2, after(2))).toEqual({
      reason: 'policy-changed',
      purposes: ['analytics', 'marketing', 'partner-sharing', 'recommendations', 'id-verification'],
    });
    expect(sorted(grantedPurposes(v3, underV2, after(2)))).toEqual(['orders']);
  });

  it('a new version with the same text asks nothing and keeps every grant', () => {
    const republished = {
      ...v1,
      version: 2,
      verification: { ...v1.verification, when: 'always' as const },
    };
    expect(promptFor(republished, underV1, after(1))).toBeNull();
    expect(grantedPurposes(republished, underV1, after(1))).toEqual(
      grantedPurposes(v1, underV1, after(1)),
    );
  });

  it('a removed purpose is shown as a change with nothing to decide', () => {
    const fewer = { ...v1, version: 2, purposes: v1.purposes.filter((p) => p.id !== 'marketing') };
    expect(promptFor(fewer, underV1, after(1))).toEqual({ reason: 'policy-changed', purposes: [] });
    expect(grantedPurposes(fewer, underV1, after(1)).has('analytics')).toBe(true);
  });
});

describe('grantedPurposes and promptFor agree', () => {
  const policies = [v1, v2, { ...v2, version: 3, summary: { ...v2.summary, 'zh-CN': '新摘要' } }];
  const decision = fc.oneof(
    fc.record({
      purpose: fc.constantFrom(...v2.purposes.map((p) => p.id)),
      granted: fc.constant(true),
      expiresAt: isoTime,
    }),
    fc.record({
      purpose: fc.constantFrom(...v2.purposes.map((p) => p.id)),
      granted: fc.constant(false),
      expiresAt: fc.constant(null),
    }),
  );
  const state = fc.record({
    policy: fc.option(fc.constantFrom(...policies), { nil: null }),
    decisions: fc.uniqueArray(decision, { selector: (d: PurposeDecision) => d.purpose }),
  });

  it('never asks about a purpose it counts as granted, and asks when a chosen one is not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...policies),
        state,
        fc.date({
          min: new Date('2000-01-01Z'),
          max: new Date('2100-01-01Z'),
          noInvalidDate: true,
        }),
        (policy, decided, now) => {
          const granted = grantedPurposes(policy, decided, now);
          const prompt = promptFor(policy, decided, now);
          for (const id of prompt?.purposes ?? []) expect(granted.has(id)).toBe(false);
          for (const p of policy.purposes) {
            if (p.required) expect(granted.has(p.id)).toBe(true);
            const d = decided.decisions.find((x) => x.purpose === p.id);
            // An optional purpose granted by its latest decision but not counted must be asked.
            if (!p.required && d?.granted && !granted.has(p.id))
              expect(prompt?.purposes).toContain(p.id);
          }
        },
      ),
    );
  });
});
