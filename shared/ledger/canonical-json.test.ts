// RFC 8785 conformance: the RFC's own examples (§3.2.2, §3.2.3, appendix B numbers) and refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalizeByReference } from './canonical-json';

const text = (value: unknown): string => {
  const result = canonicalize(value);
  if (!result.ok) throw new Error(result.error.reason);
  return result.text;
};

describe('canonicalize', () => {
  it('gives the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(text(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Parsed back, JS would put the integer-like key "1" first, so check the text itself.
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const positions = order.map((k) => text(input).indexOf(`"${k}":`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('serializes numbers as RFC 8785 appendix B lists', () => {
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    const view = new DataView(new ArrayBuffer(8));
    for (const [bits, expected] of cases) {
      view.setBigUint64(0, BigInt(`0x${bits}`));
      expect(text(view.getFloat64(0)), bits).toBe(expected);
    }
  });

  it('refuses what is not I-JSON, naming where', () => {
    const refused: [unknown, string][] = [
      [{ a: NaN }, '$.a'],
      [{ a: [1, Infinity] }, '$.a[1]'],
      [{ a: undefined }, '$.a'],
      [{ f: () => 1 }, '$.f'],
      [{ n: 1n }, '$.n'],
      [{ d: new Date(0) }, '$.d'],
      [{ s: 'x\ud800' }, '$.s'],
      [Symbol('s'), '$'],
    ];
    for (const [value, path] of refused) {
      const result = canonicalize(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.path).toBe(path);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(canonicalize(cyclic)).toMatchObject({
      ok: false,
      error: { path: expect.stringMatching(/^\$\.self\.self/), reason: /refers to itself/ },
    });
  });

  it('allows a repeated (not cyclic) object', () => {
    const shared = { x: 1 };
    expect(text({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it("gives the reference serializer's text or error for any value (the fast path is exact)", () => {
    // Keys and strings that take the fallback: index-like keys, __proto__, lone surrogates.
    const key = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('1', '10', '9', '01', '__proto__', 'a', 'b', '\ud800', '\ud83d\ude00'),
    );
    const odd = fc.constantFrom(NaN, -0, Infinity, undefined, 1e21, 5e-324, 'x\udc00', '\u2028');
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), odd, tie('array'), tie('object')),
      array: fc.array(tie('any'), { maxLength: 4 }),
      object: fc
        .array(fc.tuple(key, tie('any')), { maxLength: 5 })
        .map((pairs) => Object.fromEntries(pairs)),
    })).any;
    fc.assert(
      fc.property(value, (input) => {
        expect(canonicalize(input)).toEqual(canonicalizeByReference(input));
      }),
      { numRuns: 2_000 },
    );
    // Object.fromEntries defines __proto__ as an own key; assigning it would not.
    const proto = JSON.parse('{"__proto__":{"z":1},"a":0}');
    expect(canonicalize(proto)).toEqual({ ok: true, text: '{"__proto__":{"z":1},"a":0}' });
  });

  it('is a fixed point: canonical text parses back to the same canonical text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = text(value);
        expect(text(JSON.parse(once))).toBe(once);
      }),
    );
  });
});
