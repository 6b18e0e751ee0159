// RFC 8785 JSON Canonicalization Scheme (JCS): one exact text for a JSON value, so its hash is
// stable. Errors are values; the caller decides whether a value that is not JSON is a bug or a 400.

/** A JSON value as JCS accepts it (I-JSON: finite numbers, no lone surrogates). */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Why a value has no canonical form, and where in it (`$.payload.items[2]`). */
export interface CanonicalError {
  path: string;
  reason: string;
}

export type CanonicalResult = { ok: true; text: string } | { ok: false; error: CanonicalError };

/** Any surrogate: a cheap first test, so only strings that hold one get the exact check. */
const SURROGATE = /[\ud800-\udfff]/;
/** What JSON.stringify would escape rather than keep: surrogates without their partner. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Deeper than any record we log; a cyclic value reaches it quickly. */
const MAX_DEPTH = 100;

/** Keys and indices from the root to the value being serialized; formatted only on failure. */
type Trail = (string | number)[];

class NotCanonical extends Error {
  constructor(
    readonly trail: Trail,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function formatTrail(trail: Trail): string {
  return `$${trail.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

function fail(trail: Trail, reason: string): never {
  throw new NotCanonical([...trail], reason);
}

/** Whether `s` needs no escaping at all: no control, quote, backslash or surrogate. */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function serializeString(s: string, trail: Trail): string {
  if (isPlain(s)) return `"${s}"`;
  if (SURROGATE.test(s) && LONE_SURROGATE.test(s)) {
    fail(
      trail,
      'a string holds a lone UTF-16 surrogate, which has no UTF-8 form (RFC 8785 §3.2.2.2)',
    );
  }
  // ES JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 asks: \b \t \n \f \r \" \\ and
  // \u00xx (lowercase) for the other controls; everything else verbatim.
  return JSON.stringify(s);
}

// Plain loops and string concatenation throughout: this runs for every entry on the ingest path.
function serialize(value: unknown, trail: Trail): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, trail);
    case 'number':
      if (!Number.isFinite(value)) fail(trail, `${value} is not a JSON number (RFC 8785 §3.2.2.3)`);
      // ES Number::toString is the serialization RFC 8785 §3.2.2.3 prescribes; -0 becomes "0".
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      fail(trail, `a ${typeof value} is not a JSON value`);
  }
  if (value === null) return 'null';
  // A depth limit instead of a set of visited objects: cheaper, and it also catches cycles.
  if (trail.length >= MAX_DEPTH)
    fail(trail, `the value nests deeper than ${MAX_DEPTH} levels or refers to itself`);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      trail.push(i);
      out += serialize(value[i], trail);
      trail.pop();
    }
    out += ']';
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      fail(trail, 'only plain objects and arrays are JSON (not Date, Map, typed arrays, classes)');
    }
    // A plain object, checked just above; reading its own keys needs an index signature.
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
    const keys = Object.keys(record).sort();
    out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      trail.push(k);
      const v = record[k];
      if (v === undefined) fail(trail, 'undefined is not a JSON value; omit the key');
      if (i > 0) out += ',';
      out += serializeString(k, trail);
      out += ':';
      out += serialize(v, trail);
      trail.pop();
    }
    out += '}';
  }
  return out;
}

/** Thrown by the fast path for anything it does not handle; the reference serializer decides. */
class NotFast extends Error {}

/** An object shape the fast path has seen: its keys as Object.keys gave them, and how to print
 * them in canonical order (`prefixes[i]` is `{"key":` or `,"key":` for `sorted[i]`), or null
 * when a key holds a surrogate (the reference serializer then checks it). */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  prefixes: readonly string[] | null;
}

/** Recently seen shapes, keyed by their first key: records of one kind repeat their shape. */
const shapes = new Map<string, Shape>();
/** Enough for every record shape one service logs; cleared past this so it cannot grow. */
const MAX_SHAPES = 256;

function shapeOf(keys: string[]): Shape {
  const first = keys[0] ?? '';
  const known = shapes.get(first);
  if (known && known.keys.length === keys.length) {
    let same = true;
    for (let i = 0; same && i < keys.length; i++) same = known.keys[i] === keys[i];
    if (same) return known;
  }
  // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
  const sorted = [...keys].sort();
  // A key without surrogates is well-formed, and JSON.stringify escapes it as serializeString does.
  const prefixes = keys.some((k) => SURROGATE.test(k))
    ? null
    : sorted.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`);
  const shape = { keys, sorted, prefixes };
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shapes.set(first, shape);
  return shape;
}

/**
 * The canonical text of `value`, printed directly with each object shape's sorted keys and key
 * texts cached (no copy, no sort per object). Its output equals `serialize` whenever it returns:
 * - it reads every value once, in canonical key order, as `serialize` does;
 * - strings are escaped by the same rule (plain, or JSON.stringify for the well-formed rest);
 * - anything `serialize` might refuse or print differently (non-finite numbers, lone surrogates,
 *   keys with surrogates, undefined, functions, non-plain objects, deep nesting) throws NotFast,
 *   and the reference serializer gives the text or the error.
 */
function fastSerialize(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (isPlain(value)) return `"${value}"`;
      if (SURROGATE.test(value) && LONE_SURROGATE.test(value)) throw new NotFast();
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotFast();
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new NotFast();
  }
  if (value === null) return 'null';
  if (depth >= MAX_DEPTH) throw new NotFast();
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = `[${fastSerialize(value[0], depth + 1)}`;
    for (let i = 1; i < value.length; i++) out += `,${fastSerialize(value[i], depth + 1)}`;
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new NotFast();
  // A plain object, checked just above; reading its own keys needs an index signature.
  const record = value as Record<string, unknown>;
  const { sorted, prefixes } = shapeOf(Object.keys(record));
  if (!prefixes) throw new NotFast();
  if (sorted.length === 0) return '{}';
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    out += prefixes[i]! + fastSerialize(record[sorted[i]!], depth + 1);
  }
  return `${out}}`;
}

/**
 * The RFC 8785 canonical text of `value`; hash its UTF-8 bytes. Refuses what is not I-JSON:
 * non-finite numbers, undefined, functions, symbols, bigints, cycles, lone surrogates, and objects
 * that are not plain (a Date must be turned into a string first).
 *
 * @example
 *   canonicalize({ b: 1, a: [true, null, 1e21] }); // { ok: true, text: '{"a":[true,null,1e+21],"b":1}' }
 *   canonicalize({ a: NaN }).ok; // false, error.path '$.a'
 */
export function canonicalize(value: unknown): CanonicalResult {
  const result = canonicalizeUnflattened(value);
  // The concatenations leave a rope of many pieces; reading a character flattens it once (V8),
  // so hashing and storing the text then each read one flat string.
  if (result.ok) result.text.charCodeAt(0);
  return result;
}

/**
 * `canonicalize`, leaving the text as the engine's rope of pieces: for a caller that puts it
 * into a larger text and flattens that once (canonicalEntryPrinter), rather than copying it twice.
 *
 * @example
 *   const body = canonicalizeUnflattened({ v: 1 }); // { ok: true, text: '{"v":1}' }
 */
export function canonicalizeUnflattened(value: unknown): CanonicalResult {
  try {
    // Cached key order and key texts make this over twice as fast as `serialize`, and faster
    // than handing the engine's JSON.stringify a key-sorted copy.
    return { ok: true, text: fastSerialize(value, 0) };
  } catch {
    // Not a case the fast path handles (or not JSON at all): the reference serializer decides.
  }
  return canonicalizeByReference(value);
}

/**
 * `canonicalize` without its fast path: the plain RFC 8785 serializer, which tests hold the fast
 * path to.
 *
 * @example
 *   canonicalizeByReference({ b: 1, a: 2 }); // { ok: true, text: '{"a":2,"b":1}' }
 */
export function canonicalizeByReference(value: unknown): CanonicalResult {
  try {
    return { ok: true, text: serialize(value, []) };
  } catch (error) {
    if (error instanceof NotCanonical) {
      return { ok: false, error: { path: formatTrail(error.trail), reason: error.reason } };
    }
    // A getter or proxy threw, or the value nests too deep for the stack.
    return {
      ok: false,
      error: { path: '$', reason: `the value cannot be read: ${String(error)}` },
    };
  }
}
