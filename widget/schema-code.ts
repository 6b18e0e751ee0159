// Build time only: the widget's JSON Schemas as compact JavaScript. z.toJSONSchema writes each
// schema on its own, so the eight of them repeat the same shapes (localized text, receipt,
// date-time pattern …) many times; here every shape is written once, as a variable the others
// share by reference, and what checks nothing is dropped. json-check walks objects, not text, so
// a shared object checks exactly as its copies did.
import { typeOf, type JsonSchema } from '../shared/consent/json-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: Json): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value of JSON type `t` passes `type: t` (an integer passes `number` too). */
const fits = (t: Json, v: Json) => t === typeOf(v) || (t === 'number' && typeOf(v) === 'integer');

/**
 * The schema with its `$ref`s replaced by what they point to and nothing that checks nothing:
 * - `$schema` and `$defs` go (every reference is inlined; the consent schemas have no cycles);
 * - `type` goes next to a `const` or an `enum` whose values all have that type: those values
 *   admit nothing else, so the type check could never be the one that refuses;
 * - `anyOf` of bare constants becomes one `enum` (json-check words both "must be one of …").
 */
export function compactSchema(schema: Json, defs?: { [key: string]: Json }, depth = 0): Json {
  if (depth > 50) throw new Error('schema-code: a $ref cycle; compactSchema cannot inline it');
  const own = isRecord(schema) ? (schema.$defs ?? null) : null;
  const root = defs ?? (own !== null && isRecord(own) ? own : {});
  if (Array.isArray(schema)) return schema.map((x) => compactSchema(x, root, depth + 1));
  if (!isRecord(schema)) return schema;
  let out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$defs') continue;
    if (key === '$ref' && typeof value === 'string') {
      const target = root[value.replace('#/$defs/', '')];
      if (target === undefined) throw new Error(`schema-code: ${value} is not defined`);
      const inlined = compactSchema(target, root, depth + 1);
      if (!isRecord(inlined)) throw new Error(`schema-code: ${value} is not a schema`);
      // Both the reference and its neighbours check; merged, a keyword on both would be lost.
      for (const k of Object.keys(inlined)) {
        if (k in out || k in schema)
          throw new Error(`schema-code: ${value} and its neighbours both set ${k}`);
      }
      out = { ...out, ...inlined };
      continue;
    }
    // Under `properties` the keys are field names, not keywords: only their values are schemas.
    out[key] =
      key === 'properties' && isRecord(value)
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, compactSchema(v, root, depth + 1)]),
          )
        : key === 'const' || key === 'enum' || key === 'required'
          ? value
          : compactSchema(value, root, depth + 1);
  }
  const alternatives = out.anyOf;
  if (
    Array.isArray(alternatives) &&
    alternatives.every(
      (a) =>
        isRecord(a) && 'const' in a && Object.keys(a).every((k) => k === 'const' || k === 'type'),
    ) &&
    Object.keys(out).length === 1
  ) {
    const values = alternatives.map((a) => (isRecord(a) ? (a.const ?? null) : null));
    const typed = alternatives.every(
      (a) => isRecord(a) && (!a.type || fits(a.type, a.const ?? null)),
    );
    if (typed) out = { enum: values };
  }
  const values = 'const' in out ? [out.const ?? null] : Array.isArray(out.enum) ? out.enum : null;
  if (out.type !== undefined && values && values.every((v) => fits(out.type ?? null, v))) {
    delete out.type;
  }
  return out;
}

/**
 * `o(properties, optional)`: the closed object schema z.toJSONSchema writes for z.strictObject,
 * its required fields being the properties not named in `optional` (space-separated).
 */
const OBJECT =
  'const o=(p,n="")=>({type:"object",properties:p,' +
  'required:Object.keys(p).filter(k=>!n.split(" ").includes(k)),additionalProperties:false});';

/** An object schema `o()` writes shorter: its properties and its optional fields. */
function closedObject(v: Json): { properties: Json; optional: string } | null {
  if (!isRecord(v) || v.type !== 'object' || v.additionalProperties !== false) return null;
  const { properties, required = [] } = v;
  if (!isRecord(properties ?? null) || !Array.isArray(required)) return null;
  if (
    Object.keys(v).some(
      (k) => !['type', 'properties', 'required', 'additionalProperties'].includes(k),
    )
  )
    return null;
  const keys = Object.keys(properties ?? {});
  // `o()` lists the required fields in property order; any other order, or a name with a space,
  // or a required field that is not a property, stays as it is.
  const expected = keys.filter((k) => required.includes(k));
  if (keys.some((k) => k.includes(' ')) || JSON.stringify(expected) !== JSON.stringify(required))
    return null;
  return {
    properties: properties ?? {},
    optional: keys.filter((k) => !required.includes(k)).join(' '),
  };
}

/**
 * JavaScript source of a module exporting `name`: an object of the compacted `schemas` in which
 * every object or array that occurs more than once is one variable.
 *
 * @example
 *   schemaModule('consentJsonSchemas', { a: { type: 'string' }, b: { type: 'string' } });
 *   // 'const s0={"type":"string"};export const consentJsonSchemas={"a":s0,"b":s0};'
 */
export function schemaModule(name: string, schemas: Record<string, JsonSchema>): string {
  const compacted: Json = Object.fromEntries(
    Object.entries(schemas).map(([k, v]) => [k, compactSchema(JSON.parse(JSON.stringify(v)))]),
  );
  const counts = new Map<string, number>();
  const count = (v: Json): void => {
    if (typeof v !== 'object' || v === null) return;
    const text = JSON.stringify(v);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const x of Object.values(v)) count(x);
  };
  count(compacted);
  const names = new Map<string, string>();
  const lines: string[] = [];
  const write = (v: Json): string => {
    if (typeof v !== 'object' || v === null) return JSON.stringify(v);
    const text = JSON.stringify(v);
    const known = names.get(text);
    if (known) return known;
    const closed = closedObject(v);
    const code = closed
      ? `o(${write(closed.properties)}${closed.optional ? `,${JSON.stringify(closed.optional)}` : ''})`
      : Array.isArray(v)
        ? `[${v.map(write).join(',')}]`
        : `{${Object.entries(v)
            .map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`)
            .join(',')}}`;
    // Shared when it repeats and is longer than the variable that replaces it.
    if ((counts.get(text) ?? 0) < 2 || text.length < 8) return code;
    const id = `s${names.size}`;
    names.set(text, id);
    lines.push(`const ${id}=${code};`);
    return id;
  };
  const top = write(compacted);
  return `${OBJECT}${lines.join('')}export const ${name}=${top};`;
}
