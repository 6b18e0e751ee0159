// parsePolicy turns untrusted JSON into a policy with defaults, or problems at dotted paths.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVEAL_SECONDS, FAIL_CLOSED_POLICY, MAX_REVEAL_SECONDS } from '../schema/policy';
import { BehaviourRulesSchema } from '../schema/rules';

/** What a policy that names no rules gets: R16's figures in China's time zone. */
const DEFAULT_RULES = BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai' });
import { parsePolicy, type PolicyProblem } from './parse';

const base = { version: '2026-11-01', protect: ['https://crm.example.com/*'] };

/** The problems of an input that must fail. */
function problems(input: unknown): PolicyProblem[] {
  const result = parsePolicy(input);
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.problems;
}
const paths = (input: unknown): string[] => problems(input).map((p) => p.path);

describe('parsePolicy', () => {
  it('reads a full policy from JSON text', () => {
    const text = JSON.stringify({
      ...base,
      exclude: ['https://crm.example.com/login'],
      sites: [
        {
          match: ['https://crm.example.com/*'],
          selectors: [{ selector: ' td.name ', type: 'name' }],
          watermark: true,
        },
      ],
      roles: { support: { reveal: { phone: { reasonRequired: true } }, mayPause: true } },
      revealSeconds: 120,
    });
    expect(parsePolicy(text)).toEqual({
      ok: true,
      policy: {
        ...base,
        exclude: ['https://crm.example.com/login'],
        sites: [
          {
            match: ['https://crm.example.com/*'],
            selectors: [{ selector: 'td.name', type: 'name' }],
            watermark: true,
          },
        ],
        roles: {
          support: {
            reveal: { phone: { reasonRequired: true, access: 'full', offline: false } },
            mayPause: true,
          },
        },
        revealSeconds: 120,
        rules: DEFAULT_RULES,
      },
    });
  });

  it('fills in the defaults at every level', () => {
    const result = parsePolicy({
      ...base,
      sites: [{ match: ['https://crm.example.com/*'] }],
      roles: { support: {}, lead: { reveal: { email: {} } } },
    });
    expect(result).toEqual({
      ok: true,
      policy: {
        ...base,
        exclude: [],
        sites: [{ match: ['https://crm.example.com/*'], selectors: [], watermark: false }],
        roles: {
          support: { reveal: {}, mayPause: false },
          lead: {
            reveal: { email: { reasonRequired: false, access: 'full', offline: false } },
            mayPause: false,
          },
        },
        revealSeconds: DEFAULT_REVEAL_SECONDS,
        rules: DEFAULT_RULES,
      },
    });
    expect(DEFAULT_REVEAL_SECONDS).toBe(30);
  });

  it('accepts an already parsed value, as managed storage gives it', () => {
    const result = parsePolicy(base);
    expect(result.ok && result.policy.protect).toEqual(base.protect);
  });

  it('reports text that is not JSON at (json), saying what to check', () => {
    for (const text of ['{"version": "1",', '', "{'version': '1'}"]) {
      const [only, ...rest] = problems(text);
      expect(rest).toEqual([]);
      expect(only!.path).toBe('(json)');
      expect(only!.message).toMatch(/^not valid JSON .*check quotes and commas$/);
    }
  });

  it('reports a value that is not an object at the top level', () => {
    expect(paths(42)).toEqual(['(top level)']);
    expect(paths('[]')).toEqual(['(top level)']);
    expect(paths(null)).toEqual(['(top level)']);
  });

  it('reports each bad field at its dotted path', () => {
    expect(
      paths({
        version: '',
        protect: ['ftp://x/*', 'https://ok.example.com/*', 'crm.example.com'],
        exclude: ['https://crm.example.com'],
        sites: [{ match: [], selectors: [{ selector: ' ', type: 'nam' }] }],
        revealSeconds: 0,
      }),
    ).toEqual([
      'version',
      'protect.0',
      'protect.2',
      'exclude.0',
      'sites.0.match',
      'sites.0.selectors.0.selector',
      'sites.0.selectors.0.type',
      'revealSeconds',
    ]);
  });

  it('says how to write a match pattern', () => {
    const [problem] = problems({ ...base, protect: ['ftp://x/*'] });
    expect(problem).toEqual({
      path: 'protect.0',
      message: expect.stringContaining('"https://crm.example.com/*"'),
    });
  });

  it('reports a missing or empty version and protect list', () => {
    expect(paths({ protect: base.protect })).toEqual(['version']);
    expect(problems({ version: '1', protect: [] })).toEqual([
      { path: 'protect', message: 'list at least one page pattern to protect' },
    ]);
    expect(paths({ version: '  ', protect: base.protect })).toEqual(['version']);
  });

  it('reports an unknown PII type under reveal at its own path', () => {
    const [problem, ...rest] = problems({
      ...base,
      roles: { support: { reveal: { phon: {} } } },
    });
    expect(rest).toEqual([]);
    expect(problem!.path).toBe('roles.support.reveal.phon');
    expect(problem!.message).toContain('"phon"');
  });

  it('rejects unknown keys in every object, one problem per key', () => {
    expect(
      paths({
        ...base,
        extra: 1,
        sites: [{ match: base.protect, selector: [] }],
        roles: { support: { reveal: { phone: { reason: true } }, maypause: true } },
      }).sort(),
    ).toEqual([
      'extra',
      'roles.support.maypause',
      'roles.support.reveal.phone.reason',
      'sites.0.selector',
    ]);
  });

  it('reports a role name it refuses with the rule for role names', () => {
    expect(problems({ ...base, roles: { Support: {} } })).toEqual([
      { path: 'roles.Support', message: expect.stringMatching(/lower-case letters/) },
    ]);
  });

  it.each([
    [0, 'revealSeconds'],
    [1.5, 'revealSeconds'],
    [MAX_REVEAL_SECONDS + 1, 'revealSeconds'],
    ['30', 'revealSeconds'],
  ])('refuses revealSeconds %s', (revealSeconds, path) => {
    expect(paths({ ...base, revealSeconds })).toEqual([path]);
  });

  it('accepts revealSeconds from 1 to the maximum', () => {
    for (const revealSeconds of [1, MAX_REVEAL_SECONDS]) {
      const result = parsePolicy({ ...base, revealSeconds });
      expect(result.ok && result.policy.revealSeconds).toBe(revealSeconds);
    }
  });

  it('refuses wrong types with the field’s path', () => {
    expect(paths({ ...base, sites: [{ match: base.protect, watermark: 'yes' }] })).toEqual([
      'sites.0.watermark',
    ]);
    expect(paths({ ...base, roles: { support: { mayPause: 1 } } })).toEqual([
      'roles.support.mayPause',
    ]);
    expect(
      paths({ ...base, roles: { support: { reveal: { phone: { reasonRequired: 'no' } } } } }),
    ).toEqual(['roles.support.reveal.phone.reasonRequired']);
  });
});

describe('FAIL_CLOSED_POLICY', () => {
  it('protects all URLs and lets no role reveal or pause', () => {
    expect(FAIL_CLOSED_POLICY).toEqual({
      version: 'none (fail closed)',
      protect: ['<all_urls>'],
      exclude: [],
      sites: [],
      roles: {},
      revealSeconds: DEFAULT_REVEAL_SECONDS,
      rules: DEFAULT_RULES,
    });
  });

  it('reads back through parsePolicy unchanged', () => {
    expect(parsePolicy(JSON.stringify(FAIL_CLOSED_POLICY))).toEqual({
      ok: true,
      policy: FAIL_CLOSED_POLICY,
    });
  });
});
