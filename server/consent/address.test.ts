// Tests of address checks per channel: the forms accepted, their one normalized spelling, and
// messages that never repeat the address.
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './address';

describe('normalizeAddress', () => {
  it('normalizes a mainland mobile number in every usual spelling to +86…', () => {
    for (const raw of [
      '13812345678',
      '+8613812345678',
      '008613812345678',
      '+86 138 1234 5678',
      '138-1234-5678',
      ' (+86) 13812345678 ',
    ]) {
      expect(normalizeAddress('sms', raw), raw).toEqual({ ok: true, address: '+8613812345678' });
    }
    expect(normalizeAddress('sms', '19912345678')).toEqual({ ok: true, address: '+8619912345678' });
  });

  it('accepts international numbers in E.164 form', () => {
    expect(normalizeAddress('sms', '+44 7700 900123')).toEqual({
      ok: true,
      address: '+447700900123',
    });
    expect(normalizeAddress('sms', '+85291234567')).toEqual({ ok: true, address: '+85291234567' });
  });

  it('refuses what is neither, without repeating it', () => {
    for (const raw of [
      '12812345678', // 12x is not a mobile prefix
      '1381234567', // 10 digits
      '138123456789', // 12 digits
      '+0123456789',
      '+1234567890123456', // 16 digits
      'li.lei@example.cn',
      '',
    ]) {
      const result = normalizeAddress('sms', raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok && raw) expect(result.message).not.toContain(raw);
    }
  });

  it('lower-cases e-mail addresses and refuses malformed ones', () => {
    expect(normalizeAddress('email', ' Li.Lei@Example.CN ')).toEqual({
      ok: true,
      address: 'li.lei@example.cn',
    });
    for (const raw of ['li.lei', 'li lei@example.cn', 'a@b', 'a@@b.cn', '@example.cn', 'a@.cn']) {
      const result = normalizeAddress('email', raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.message).not.toContain(raw);
    }
  });
});
