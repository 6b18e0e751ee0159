// A checker for the subset of JSON Schema (2020-12) that z.toJSONSchema writes for our consent
// schemas. The widget uses it instead of zod to stay within its 15 KiB budget; json-check.test.ts
// proves it accepts and refuses what zod does. Unknown keywords are refused loudly, not ignored.

/** A JSON Schema node as z.toJSONSchema writes it (only the keywords below are understood). */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
  const?: unknown;
  enum?: readonly unknown[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  pattern?: string;
  /** Only an annotation here: the pattern beside it does the checking; it words the message. */
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  /** Annotations: not checked. */
  $schema?: string;
  id?: string;
  description?: string;
  default?: unknown;
}

/** Where a value breaks its schema: a path such as `policy.purposes[2].title` and what is wrong. */
export type JsonCheck = { ok: true } | { ok: false; path: string; message: string };

const KNOWN = new Set([
  '$schema',
  '$ref',
  '$defs',
  'id',
  'type',
  'const',
  'enum',
  'anyOf',
  'oneOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  // Annotations and formats whose meaning a pattern next to them already carries.
  'format',
  'description',
  'default',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type of a value as JSON Schema names it ('integer' for whole numbers). */
export const typeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number' && Number.isInteger(v)
        ? 'integer'
        : typeof v;

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

const withArticle = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/**
 * Own keys only: a value's field named `constructor` or `__proto__` must not find
 * `Object.prototype`'s members in `properties` and pass as a declared field.
 */
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

/** Of the failures of every alternative, the one that goes deepest names the field best. */
function closest(results: readonly JsonCheck[], path: string): JsonCheck {
  let best: JsonCheck = fail(path, 'matches none of the allowed forms');
  let depth = -1;
  for (const r of results) {
    if (!r.ok && r.path.length > depth) {
      best = r;
      depth = r.path.length;
    }
  }
  return best;
}

/**
 * Checks `value` against `schema` (whose `$defs` resolve `$ref`s). Returns the first problem.
 *
 * @example
 *   checkJson({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, {});
 *   // { ok: false, path: 'a', message: 'is missing' }
 */
export function checkJson(
  schema: JsonSchema,
  value: unknown,
  root: JsonSchema = schema,
): JsonCheck {
  return check(schema, value, '', root.$defs ?? {});
}

function fail(path: string, message: string): JsonCheck {
  return { ok: false, path, message };
}

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function check(
  s: JsonSchema,
  v: unknown,
  path: string,
  defs: Record<string, JsonSchema>,
): JsonCheck {
  for (const key in s) {
    if (!KNOWN.has(key))
      return fail(path, `the schema uses '${key}', which json-check cannot check`);
  }
  if (s.$ref !== undefined) {
    const target = own(defs, s.$ref.replace('#/$defs/', ''));
    if (!target) return fail(path, `the schema refers to ${s.$ref}, which it does not define`);
    const r = check(target, v, path, defs);
    if (!r.ok) return r;
  }
  const t = typeOf(v);
  if (s.type && !(s.type === t || (s.type === 'number' && t === 'integer'))) {
    return fail(
      path,
      `must be ${s.type === 'integer' ? 'a whole number' : withArticle(s.type)}, not ${t === 'integer' ? 'a number' : t}`,
    );
  }
  if ('const' in s && v !== s.const) return fail(path, `must be ${show(s.const)}`);
  if (s.enum && !s.enum.includes(v))
    return fail(path, `must be one of ${s.enum.map(show).join(', ')}`);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const results = alternatives.map((a) => check(a, v, path, defs));
    if (!results.some((r) => r.ok)) {
      // A choice of constants (`level: 1 | 2 | 3`) is best told as one list.
      return alternatives.every((a) => 'const' in a)
        ? fail(path, `must be one of ${alternatives.map((a) => show(a.const)).join(', ')}`)
        : closest(results, path);
    }
  }
  if (typeof v === 'string') {
    // Code points, as zod counts them (and JSON Schema): an emoji is one character, not two.
    const length = [...v].length;
    if (s.minLength !== undefined && length < s.minLength)
      return fail(path, `must be at least ${s.minLength} characters`);
    if (s.maxLength !== undefined && length > s.maxLength)
      return fail(path, `must be at most ${s.maxLength} characters`);
    // No 'u' flag: zod tests these very patterns as written, without flags.
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) {
      return fail(
        path,
        s.format === 'date-time'
          ? 'must be a date and time in UTC, such as 2026-01-31T08:00:00.000Z'
          : `must match ${s.pattern}`,
      );
    }
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return fail(path, `must be ≥ ${s.minimum}`);
    if (s.maximum !== undefined && v > s.maximum) return fail(path, `must be ≤ ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum)
      return fail(path, `must be > ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum)
      return fail(path, `must be < ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems)
      return fail(path, `must have at least ${s.minItems} items`);
    if (s.maxItems !== undefined && v.length > s.maxItems)
      return fail(path, `must have at most ${s.maxItems} items`);
    if (s.items) {
      for (let i = 0; i < v.length; i++) {
        const r = check(s.items, v[i], join(path, i), defs);
        if (!r.ok) return r;
      }
    }
  }
  if (isObject(v)) {
    for (const key of s.required ?? []) {
      if (own(v, key) === undefined) return fail(join(path, key), 'is missing');
    }
    for (const [key, item] of Object.entries(v)) {
      const where = join(path, key);
      if (s.propertyNames) {
        const r = check(s.propertyNames, key, where, defs);
        if (!r.ok) return fail(where, `is not an allowed name: ${r.message}`);
      }
      const declared = own(s.properties, key);
      // An optional field set to undefined is absent, as zod and JSON.stringify both take it.
      if (declared && item === undefined && !s.required?.includes(key)) continue;
      if (declared) {
        const r = check(declared, item, where, defs);
        if (!r.ok) return r;
      } else if (s.additionalProperties === false) {
        return fail(where, 'is not a known field (remove it)');
      } else if (isObject(s.additionalProperties)) {
        const r = check(s.additionalProperties, item, where, defs);
        if (!r.ok) return r;
      }
    }
  }
  return { ok: true };
}
