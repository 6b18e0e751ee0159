// Tests of UUIDv7: layout (version and variant bits), time order, refusal of bad input.
import { describe, expect, it } from 'vitest';
import { UuidSchema } from '../schema/events';
import { uuidv7 } from './uuidv7';

const zeros = new Uint8Array(10);
const ones = new Uint8Array(10).fill(0xff);

describe('uuidv7', () => {
  it('puts the time first and sets version 7 and the RFC variant', () => {
    const id = uuidv7(0x0189_abcd_ef01, ones);
    expect(id).toBe('0189abcd-ef01-7fff-bfff-ffffffffffff');
    expect(uuidv7(0, zeros)).toBe('00000000-0000-7000-8000-000000000000');
    expect(UuidSchema.safeParse(id).success).toBe(true);
  });

  it('sorts by time as a string', () => {
    const a = uuidv7(1_700_000_000_000, ones);
    const b = uuidv7(1_700_000_000_001, zeros);
    expect(a < b).toBe(true);
  });

  it('refuses times outside 48 bits and short randomness', () => {
    expect(() => uuidv7(-1, zeros)).toThrow(/between 0 and 2\^48/);
    expect(() => uuidv7(2 ** 48, zeros)).toThrow(RangeError);
    expect(() => uuidv7(1.5, zeros)).toThrow(RangeError);
    expect(() => uuidv7(0, new Uint8Array(9))).toThrow(/10 random bytes/);
  });
});
