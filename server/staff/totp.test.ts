// TOTP against RFC 6238 Appendix B and RFC 4226 Appendix D, the skew window, replays, malformed
// codes and the enrolment URI.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32';
import { checkTotp, generateTotpSecret, hotp, totpStep, totpUri } from './totp';

// The RFCs' SHA-1 key: the ASCII bytes of "12345678901234567890".
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('hotp', () => {
  it('matches RFC 4226 Appendix D (counters 0–9)', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter, 6))).toEqual(expected);
  });
});

describe('RFC 6238 Appendix B, SHA-1', () => {
  // [Unix time in seconds, the RFC's 8-digit TOTP]. The RFC's reference code truncates with
  // binary % 10^digits, so the 6-digit code is the last six digits of the 8-digit one, leading
  // zeros kept: 07081804 → 081804, 89005924 → 005924.
  const vectors: [number, string, string][] = [
    [59, '94287082', '287082'],
    [1111111109, '07081804', '081804'],
    [1111111111, '14050471', '050471'],
    [1234567890, '89005924', '005924'],
    [2000000000, '69279037', '279037'],
    [20000000000, '65353130', '353130'],
  ];
  it.each(vectors)('at %d s gives %s (6 digits: %s)', (seconds, eight, six) => {
    const step = totpStep(seconds * 1000);
    expect(hotp(RFC_KEY, step, 8)).toBe(eight);
    expect(hotp(RFC_KEY, step, 6)).toBe(six);
    expect(checkTotp(RFC_SECRET, six, seconds * 1000, null)).toEqual({ ok: true, step });
  });

  it('uses the RFC’s step numbers (T in hex from Appendix B)', () => {
    expect(totpStep(59_000)).toBe(0x1);
    expect(totpStep(1111111109_000)).toBe(0x23523ec);
    expect(totpStep(20000000000_000)).toBe(0x27bc86aa);
  });
});

describe('checkTotp', () => {
  // A fixed secret and time, so every run checks the same codes.
  const secret = RFC_SECRET;
  const now = Date.parse('2026-03-06T02:00:10Z');
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(RFC_KEY, s, 6);

  it('accepts the current code and one step either side, and says which step matched', () => {
    expect(checkTotp(secret, codeAt(step), now, null)).toEqual({ ok: true, step });
    expect(checkTotp(secret, codeAt(step - 1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(secret, codeAt(step + 1), now, null)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses codes two steps away', () => {
    const near = [step - 1, step, step + 1].map(codeAt);
    for (const far of [step - 2, step + 2]) {
      expect(near).not.toContain(codeAt(far));
      expect(checkTotp(secret, codeAt(far), now, null)).toMatchObject({
        ok: false,
        reason: 'wrong-code',
        message: expect.stringContaining('The code does not match'),
      });
    }
  });

  it('refuses a replay: the same code again, or an older one after a newer', () => {
    const first = checkTotp(secret, codeAt(step), now, null);
    expect(first).toEqual({ ok: true, step });
    expect(checkTotp(secret, codeAt(step), now + 5_000, step)).toMatchObject({
      ok: false,
      reason: 'replayed',
      message: expect.stringContaining('already been used'),
    });
    expect(checkTotp(secret, codeAt(step - 1), now, step)).toMatchObject({ reason: 'replayed' });
    // The next code is fine.
    expect(checkTotp(secret, codeAt(step + 1), now + 30_000, step)).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('reads codes typed with spaces or full-width digits', () => {
    const code = codeAt(step);
    expect(checkTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, now, null)).toMatchObject({
      ok: true,
    });
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(checkTotp(secret, fullWidth, now, null)).toMatchObject({ ok: true });
  });

  it.each(['', '12345', '1234567', '12345a', '123-456', '１２３'])(
    'refuses the malformed code %j with a message saying what a code is',
    (code) => {
      expect(checkTotp(secret, code, now, null)).toEqual({
        ok: false,
        reason: 'malformed-code',
        message:
          'A code is the 6 digits your authenticator app shows for Custodian, e.g. 123456; type them without letters or other signs.',
      });
    },
  );

  it('refuses a damaged secret and an invalid time as the server’s problem', () => {
    expect(checkTotp('NOT BASE32!', '123456', now, null)).toMatchObject({
      ok: false,
      reason: 'bad-secret',
      message: expect.stringContaining('re-enrol'),
    });
    expect(checkTotp(secret, '123456', NaN, null)).toMatchObject({ reason: 'bad-time' });
  });

  it('does not look before step 0', () => {
    expect(checkTotp(RFC_SECRET, hotp(RFC_KEY, 0, 6), 10_000, null)).toEqual({ ok: true, step: 0 });
  });
});

describe('generateTotpSecret', () => {
  it('is 20 random bytes as 32 base32 characters without padding', () => {
    const secrets = Array.from({ length: 20 }, generateTotpSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const bytes = base32Decode(secret);
      expect(bytes.ok && bytes.value.length).toBe(20);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe('totpUri', () => {
  it('is the otpauth:// URI authenticator apps scan', () => {
    expect(totpUri(RFC_SECRET, 'CS-0420')).toEqual({
      ok: true,
      value:
        'otpauth://totp/Custodian:CS-0420?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Custodian&algorithm=SHA1&digits=6&period=30',
    });
  });

  it('percent-encodes the label and refuses one with a colon', () => {
    expect(totpUri(RFC_SECRET, 'li.wei@example.com')).toMatchObject({
      value: expect.stringContaining('otpauth://totp/Custodian:li.wei%40example.com?secret='),
    });
    expect(totpUri(RFC_SECRET, 'a:b')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no ":"'),
    });
    expect(totpUri('0000', 'CS-0420')).toMatchObject({ ok: false });
  });
});
