// Test support, never imported by the widget or the service: fast-check generators of valid consent
// bodies (policies, receipts, stores …), and single mutations of any JSON value, to compare checkers.
import fc from 'fast-check';
import type {
  ConsentPolicy,
  ConsentPurpose,
  DataRequest,
  DecisionRequest,
  PolicyResponse,
  PurposeDecision,
  ReceiptBody,
  SignedReceipt,
  SubjectCredentials,
  WidgetStore,
} from '../schema/consent';

/** A JSON value, as JSON.parse returns it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys and indices from the root to one node of a JSON value. */
export type JsonPath = (string | number)[];

// ── Valid values ────────────────────────────────────────────────────────────────────────────────

/** Texts as a policy writes them: Chinese, English, padded, and the odd emoji or long one. */
const text = fc.oneof(
  fc.constantFrom('订单与配送', 'Orders and delivery', '  统计 ', 'Offers 🎁', '身份证号码'),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s)),
  fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((s) => /\S/.test(s)),
  // At the limit in code points, past it in UTF-16 units: zod counts code points.
  fc.constant('😀'.repeat(2000)),
  fc.constant(`x${' '.repeat(1999)}`),
);
export const localized = fc.record({ 'zh-CN': text, en: text });
export const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(?:-[a-z0-9]{1,6}){0,3}$/);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const uuid = fc.uuid().filter((u) => /^[0-9a-f-]+$/.test(u));
export const isoTime = fc
  .tuple(
    fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('ms', 's', 'us'),
  )
  .map(([d, precision]) => {
    const iso = d.toISOString();
    return precision === 'ms'
      ? iso
      : precision === 's'
        ? `${iso.slice(0, 19)}Z`
        : `${iso.slice(0, 23)}123Z`;
  });

const category = fc.constantFrom('necessary', 'functional', 'analytics', 'marketing', 'sharing');

export const purpose = (id: fc.Arbitrary<string> = slug): fc.Arbitrary<ConsentPurpose> =>
  fc
    .record({
      id,
      category,
      title: localized,
      summary: localized,
      fields: fc.array(localized, { minLength: 1, maxLength: 4 }),
      level: fc.constantFrom(1 as const, 2 as const, 3 as const),
      retentionDays: fc.oneof(fc.integer({ min: 1, max: 36500 }), fc.constantFrom(1, 36500)),
      consentDays: fc.oneof(fc.integer({ min: 1, max: 3650 }), fc.constantFrom(1, 3650)),
      thirdParties: fc.array(fc.record({ name: localized, location: localized }), {
        maxLength: 2,
      }),
      sensitive: fc.boolean(),
    })
    .map((p) => {
      const required = p.category === 'necessary';
      const thirdParties =
        p.category === 'sharing' && p.thirdParties.length === 0
          ? [
              {
                name: { 'zh-CN': '合作方', en: 'Partner' },
                location: { 'zh-CN': '中国', en: 'China' },
              },
            ]
          : p.thirdParties;
      return { ...p, thirdParties, required, sensitive: p.sensitive && !required };
    });

/** Policies that pass every cross-field rule too (policyProblems). */
export const policy: fc.Arbitrary<ConsentPolicy> = fc
  .record({
    site: slug,
    version: fc.integer({ min: 1, max: 1000 }),
    controller: fc.record({
      name: localized,
      contact: fc.constantFrom('privacy@shop.example', '+86 21 5555 0100', 'DPO'),
    }),
    summary: localized,
    rights: localized,
    fullPolicyUrl: fc.constantFrom(
      '/privacy.html',
      '/',
      'https://shop.example/privacy',
      'http://x',
    ),
    verification: fc.record({
      when: fc.constantFrom('never' as const, 'sensitive' as const, 'always' as const),
      channels: fc.constantFrom<('email' | 'sms')[]>(['email'], ['sms'], ['sms', 'email']),
    }),
    purposes: fc.uniqueArray(purpose(), { minLength: 1, maxLength: 5, selector: (p) => p.id }),
    optional: purpose().map((p) => ({ ...p, category: 'analytics' as const, required: false })),
    mapped: fc.boolean(),
  })
  .map(({ optional, mapped, ...p }) => {
    const purposes = p.purposes.some((x) => !x.required)
      ? p.purposes
      : [...p.purposes, { ...optional, id: 'extra-optional' }]; // slug never makes an 8-letter part
    const ids = purposes.filter((x) => !x.required).map((x) => x.id);
    const policy: ConsentPolicy = { schema: 1, ...p, purposes };
    return mapped
      ? {
          ...policy,
          googleConsentMode: {
            ad_storage: ids,
            analytics_storage: ids.slice(0, 1),
            ad_user_data: ids,
            ad_personalization: ids.slice(-1),
          },
        }
      : policy;
  });

export const policyResponse: fc.Arbitrary<PolicyResponse> = fc.record({
  policy,
  textHashes: fc.record({ 'zh-CN': hex64, en: hex64 }),
});

const purposeDecision: fc.Arbitrary<PurposeDecision> = fc.oneof(
  fc.record({ purpose: slug, granted: fc.constant(true), expiresAt: isoTime }),
  fc.record({ purpose: slug, granted: fc.constant(false), expiresAt: fc.constant(null) }),
);
const subjectId = fc.stringMatching(/^sub_[0-9a-z]{26}$/);
const method = fc.constantFrom(
  'banner' as const,
  'privacy-center' as const,
  'gpc' as const,
  'api' as const,
);
const language = fc.constantFrom('zh-CN' as const, 'en' as const);

export const receiptBody: fc.Arbitrary<ReceiptBody> = fc.record({
  format: fc.constant('custodian-consent-receipt/1' as const),
  receiptId: uuid,
  subjectId,
  site: slug,
  policyVersion: fc.integer({ min: 1, max: 1000 }),
  language,
  textHash: hex64,
  decisions: fc.array(purposeDecision, { maxLength: 5 }),
  method,
  gpc: fc.boolean(),
  verification: fc.option(
    fc.record({ channel: fc.constantFrom('email' as const, 'sms' as const), verifiedAt: isoTime }),
    { nil: null },
  ),
  decidedAt: isoTime,
  recordedAt: isoTime,
});

export const signedReceipt: fc.Arbitrary<SignedReceipt> = fc.record({
  body: receiptBody,
  note: fc.constantFrom('custodian-consent-receipt/1\n{}\n\n— consent AAAA\n', 'n'),
  publicKey: fc.constantFrom('consent+0a1b2c3d+AQID', 'k'),
  ledgerIndex: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
});

export const dataRequest: fc.Arbitrary<DataRequest> = fc.record({
  id: uuid,
  kind: fc.constantFrom('deletion' as const, 'copy' as const),
  status: fc.constantFrom(
    'open' as const,
    'in-progress' as const,
    'done' as const,
    'refused' as const,
  ),
  createdAt: isoTime,
  dueAt: isoTime,
});

const credentials: fc.Arbitrary<SubjectCredentials> = fc.record({
  subjectId,
  token: fc.stringMatching(/^cst_[A-Za-z0-9_-]{43}$/),
});

export const subjectState = fc.record({
  subjectId,
  receipts: fc.array(signedReceipt, { maxLength: 3 }),
  requests: fc.array(dataRequest, { maxLength: 3 }),
});

export const decisionResponse = fc.record(
  { receipt: signedReceipt, subject: credentials },
  { requiredKeys: ['receipt'] },
);

export const decisionRequest: fc.Arbitrary<DecisionRequest> = fc.record(
  {
    decisionId: uuid,
    policyVersion: fc.integer({ min: 1, max: 1000 }),
    language,
    textHash: hex64,
    choices: fc.dictionary(slug, fc.boolean(), { maxKeys: 5 }),
    method,
    gpc: fc.boolean(),
    verificationToken: fc.string({ minLength: 16, maxLength: 200 }),
    decidedAt: isoTime,
  },
  {
    requiredKeys: [
      'decisionId',
      'policyVersion',
      'language',
      'textHash',
      'choices',
      'method',
      'gpc',
      'decidedAt',
    ],
  },
);

export const widgetStore: fc.Arbitrary<WidgetStore> = fc.record({
  schema: fc.constant(1 as const),
  subject: fc.option(credentials, { nil: null }),
  policy: fc.option(policy, { nil: null }),
  decisions: fc.array(purposeDecision, { maxLength: 4 }),
  pending: fc.array(
    fc.record({ request: decisionRequest, decisions: fc.array(purposeDecision, { maxLength: 3 }) }),
    { maxLength: 2 },
  ),
  receipts: fc.array(signedReceipt, { maxLength: 2 }),
});

export const verificationStarted = fc.record({ verificationId: uuid, expiresAt: isoTime });
export const verificationConfirmed = fc.record({
  verificationToken: fc.string({ minLength: 16, maxLength: 200 }),
});

// ── Mutations ───────────────────────────────────────────────────────────────────────────────────

/** Values that sit on or just past the edges of the consent schemas. */
const edgeValue: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  '',
  ' ',
  '\n\t',
  'A',
  'shop',
  'Shop',
  'shop-',
  'a--b',
  '9lives',
  'a'.repeat(41),
  'x'.repeat(2001),
  '😀'.repeat(2001),
  '😀'.repeat(2000),
  'sms',
  'fax',
  'necessary',
  'gpc',
  'zh-TW',
  'custodian-consent-receipt/2',
  '2028-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-01-01T00:00:00+08:00',
  '2026-01-01T24:00:00Z',
  '2026-01-01 00:00:00Z',
  '01234567-89ab-7def-8123-456789abcdef',
  '01234567-89AB-7DEF-8123-456789ABCDEF',
  '01234567-89ab-7def-c123-456789abcdef',
  `sub_${'a'.repeat(26)}`,
  `sub_${'A'.repeat(26)}`,
  `cst_${'-'.repeat(43)}`,
  'f'.repeat(64),
  'F'.repeat(64),
  '123456',
  'javascript:alert(1)',
  0,
  -0,
  -1,
  1,
  2,
  3,
  4,
  1.5,
  36500,
  36501,
  3650,
  3651,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  1e21,
  true,
  false,
  null,
  [],
  {},
  ['sms', 'sms'],
  [{}],
);

/** Any JSON value, through a JSON round trip: fast-check's type allows undefined members. */
const anyJson = fc.jsonValue({ maxDepth: 2 }).map((v): Json => JSON.parse(JSON.stringify(v)));

/** One change to one node: the seed of every "refused exactly when zod refuses" property. */
export type Mutation =
  | { kind: 'replace'; value: Json }
  | { kind: 'remove' }
  | { kind: 'add'; key: string; value: Json }
  | {
      kind: 'edit-string';
      edit: 'append-space' | 'blank' | 'upper' | 'append-dash' | 'too-long' | 'emoji';
    }
  | { kind: 'edit-number'; by: number }
  | { kind: 'repeat-items'; times: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    value: fc.oneof(edgeValue, anyJson),
  }),
  fc.constant({ kind: 'remove' as const }),
  fc.record({
    kind: fc.constant('add' as const),
    key: fc.oneof(
      fc.constantFrom(
        'extra',
        'constructor',
        '__proto__',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'Bad Name',
        'new-purpose',
        '',
        'a'.repeat(41),
        '$ref',
      ),
      fc.string({ maxLength: 8 }),
    ),
    value: fc.oneof(fc.boolean(), edgeValue),
  }),
  fc.record({
    kind: fc.constant('edit-string' as const),
    edit: fc.constantFrom(
      'append-space' as const,
      'blank' as const,
      'upper' as const,
      'append-dash' as const,
      'too-long' as const,
      'emoji' as const,
    ),
  }),
  fc.record({
    kind: fc.constant('edit-number' as const),
    by: fc.constantFrom(1, -1, 0.5, -1000, 1e16, 36500, 3650),
  }),
  fc.record({ kind: fc.constant('repeat-items' as const), times: fc.constantFrom(0, 2, 21, 31) }),
);

/** Every node of `value`, the root first. */
export function pathsOf(value: Json, at: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...at, k]));
  }
  return paths;
}

const REMOVE = Symbol('remove');

/** A copy of `value` with the node at `path` replaced by `f(node)`, or removed. */
function updateAt(value: Json, path: JsonPath, f: (node: Json) => Json | typeof REMOVE): Json {
  const [head, ...rest] = path;
  if (head === undefined) {
    const next = f(value);
    return next === REMOVE ? null : next;
  }
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    const next = rest.length === 0 ? f(copy[head]!) : updateAt(copy[head]!, rest, f);
    if (next === REMOVE) copy.splice(head, 1);
    else copy[head] = next;
    return copy;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // Entries, not assignment: a key named __proto__ must become a field, not the prototype.
    const entries = Object.entries(value).flatMap(([k, v]): [string, Json][] => {
      if (k !== head) return [[k, v]];
      const next = rest.length === 0 ? f(v) : updateAt(v, rest, f);
      return next === REMOVE ? [] : [[k, next]];
    });
    return Object.fromEntries(entries);
  }
  return value;
}

function editString(s: string, edit: Extract<Mutation, { kind: 'edit-string' }>['edit']): string {
  switch (edit) {
    case 'append-space':
      return `${s} `;
    case 'blank':
      return ' '.repeat(Math.max(1, [...s].length));
    case 'upper':
      return s.toUpperCase();
    case 'append-dash':
      return `${s}-`;
    case 'too-long':
      return s.padEnd(20001, 'x');
    case 'emoji':
      return `${s}😀`;
  }
}

/** Applies `m` at `path`; a mutation that does not fit the node there replaces it with null. */
export function applyMutation(value: Json, path: JsonPath, m: Mutation): Json {
  return updateAt(value, path, (node) => {
    switch (m.kind) {
      case 'replace':
        return m.value;
      case 'remove':
        return path.length === 0 ? null : REMOVE;
      case 'add':
        if (Array.isArray(node)) return [...node, m.value];
        if (node !== null && typeof node === 'object')
          return Object.fromEntries([...Object.entries(node), [m.key, m.value]]);
        return m.value;
      case 'edit-string':
        return typeof node === 'string' ? editString(node, m.edit) : null;
      case 'edit-number':
        return typeof node === 'number' ? node + m.by : null;
      case 'repeat-items':
        return Array.isArray(node) ? Array.from({ length: m.times }, () => node).flat() : null;
    }
  });
}

/** `value` with one mutation somewhere in it, and where. */
export const mutated = (
  value: fc.Arbitrary<Json>,
): fc.Arbitrary<{ value: Json; path: JsonPath; mutation: Mutation }> =>
  value.chain((v) =>
    fc
      .tuple(fc.constantFrom(...pathsOf(v)), mutation)
      .map(([path, m]) => ({ value: applyMutation(v, path, m), path, mutation: m })),
  );

/** A path as checkJson writes it: `purposes[2].title.en`. */
export const formatPath = (path: JsonPath): string =>
  path.reduce<string>(
    (at, key) => (typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${key}` : key),
    '',
  );

/** A copy of `value` without the field `key`: a body with a required field left out. */
export const omit = (value: object, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
