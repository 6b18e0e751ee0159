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
