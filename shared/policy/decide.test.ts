// What the policy says for a page and a staff member: protection, site rules, reveal and pause.
import { describe, expect, it } from 'vitest';
import {
  FAIL_CLOSED_POLICY,
  StaffPolicySchema,
  type StaffIdentity,
  type StaffPolicyInput,
} from '../schema/policy';
import { decideReveal, mayPause, pagePolicy } from './decide';

const policy = (input: Omit<StaffPolicyInput, 'version'>) =>
  StaffPolicySchema.parse({ version: '2026-11-01', ...input });

const CRM = 'https://crm.example.com/*';
const PAGE = 'https://crm.example.com/customers/18';

describe('pagePolicy', () => {
  const p = policy({
    protect: [CRM, 'https://*.shop.example.com/*'],
    exclude: ['https://crm.example.com/login*'],
    sites: [
      {
        match: [CRM],
        selectors: [{ selector: 'td.customer-name', type: 'name' }],
      },
      {
        match: ['https://crm.example.com/orders/*'],
        selectors: [{ selector: '.ship-to', type: 'address' }],
        watermark: true,
      },
      { match: ['https://other.example.com/*'], selectors: [{ selector: 'b', type: 'name' }] },
    ],
  });

  it('protects what protect matches, and leaves every other page alone', () => {
    expect(pagePolicy(p, 'https://crm.example.com/customers').protected).toBe(true);
    expect(pagePolicy(p, 'https://eu.shop.example.com/cart').protected).toBe(true);
    expect(pagePolicy(p, 'https://www.example.com/')).toEqual({
      protected: false,
      selectors: [],
      watermark: false,
    });
  });

  it('lets exclude win over protect', () => {
    expect(pagePolicy(p, 'https://crm.example.com/login?next=/')).toEqual({
      protected: false,
      selectors: [],
      watermark: false,
    });
  });

  it('merges the selectors of every matching site rule, and watermarks if any asks', () => {
    expect(pagePolicy(p, 'https://crm.example.com/orders/7')).toEqual({
      protected: true,
      selectors: [
        { selector: 'td.customer-name', type: 'name' },
        { selector: '.ship-to', type: 'address' },
      ],
      watermark: true,
    });
    expect(pagePolicy(p, 'https://crm.example.com/customers')).toEqual({
      protected: true,
      selectors: [{ selector: 'td.customer-name', type: 'name' }],
      watermark: false,
    });
  });

  it('protects a page that no site rule matches, with no selectors', () => {
    expect(pagePolicy(p, 'https://eu.shop.example.com/cart')).toEqual({
      protected: true,
      selectors: [],
      watermark: false,
    });
  });

  it('applies no site rule on a page that is not protected', () => {
    expect(pagePolicy(p, 'https://other.example.com/x').selectors).toEqual([]);
  });

  it('protects every web page and nothing else under FAIL_CLOSED_POLICY', () => {
    expect(pagePolicy(FAIL_CLOSED_POLICY, 'https://crm.example.com/').protected).toBe(true);
    expect(pagePolicy(FAIL_CLOSED_POLICY, 'http://127.0.0.1:8787/demo/').protected).toBe(true);
    expect(pagePolicy(FAIL_CLOSED_POLICY, 'chrome://extensions/').protected).toBe(false);
  });
});

describe('decideReveal', () => {
  const p = policy({
    protect: [CRM],
    roles: {
      support: { reveal: { phone: { reasonRequired: true }, email: {} }, mayPause: false },
      'data-admin': { reveal: { cn_id: {} }, mayPause: true },
    },
    revealSeconds: 45,
  });
  const support: StaffIdentity = { staffId: 'CS-0420', role: 'support' };

  it('allows a type the role may reveal, for the policy time, with its reason rule', () => {
    expect(decideReveal(p, support, 'phone', PAGE)).toEqual({
      allowed: true,
      reasonRequired: true,
      seconds: 45,
      access: 'full',
    });
    expect(decideReveal(p, support, 'email', PAGE)).toEqual({
      allowed: true,
      reasonRequired: false,
      seconds: 45,
      access: 'full',
    });
  });

  it('refuses when nobody is signed in, and says to have the browser enrolled', () => {
    const d = decideReveal(p, null, 'phone', PAGE);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.why).toMatch(/no staff identity.*administrator to enrol/i);
  });

  it('refuses a role the policy does not know, naming it, and says to ask for it', () => {
    const d = decideReveal(p, { staffId: 'CS-1', role: 'sales' }, 'phone', PAGE);
    expect(d).toEqual({
      allowed: false,
      why: 'The role "sales" is not in policy 2026-11-01; ask your administrator to add it.',
    });
  });

  it('refuses a type the role lacks, naming both, and says whom to ask', () => {
    const d = decideReveal(p, support, 'cn_id', PAGE);
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.why).toContain('"support"');
      expect(d.why).toContain('cn_id');
      expect(d.why).toContain('2026-11-01');
      expect(d.why).toMatch(/ask your administrator/i);
    }
  });

  it('refuses, without throwing, a role named like an Object.prototype member', () => {
    const d = decideReveal(p, { staffId: 'CS-1', role: 'constructor' }, 'phone', PAGE);
    expect(d.allowed).toBe(false);
  });

  it('refuses everything under FAIL_CLOSED_POLICY', () => {
    expect(decideReveal(FAIL_CLOSED_POLICY, support, 'phone', PAGE).allowed).toBe(false);
  });

  it('gives 30 seconds when the policy names no time', () => {
    const q = policy({ protect: [CRM], roles: { support: { reveal: { phone: {} } } } });
    expect(decideReveal(q, support, 'phone', PAGE)).toEqual({
      allowed: true,
      reasonRequired: false,
      seconds: 30,
      access: 'full',
    });
  });
});

describe('mayPause', () => {
  const p = policy({
    protect: [CRM],
    roles: { support: {}, lead: { mayPause: true } },
  });

  it('is true only for a role the policy lets pause', () => {
    expect(mayPause(p, { staffId: 'CS-1', role: 'lead' })).toBe(true);
    expect(mayPause(p, { staffId: 'CS-1', role: 'support' })).toBe(false);
    expect(mayPause(p, { staffId: 'CS-1', role: 'unknown' })).toBe(false);
    expect(mayPause(p, { staffId: 'CS-1', role: 'constructor' })).toBe(false);
    expect(mayPause(p, null)).toBe(false);
  });

  it('is false for everyone under FAIL_CLOSED_POLICY', () => {
    expect(mayPause(FAIL_CLOSED_POLICY, { staffId: 'CS-1', role: 'lead' })).toBe(false);
  });
});
