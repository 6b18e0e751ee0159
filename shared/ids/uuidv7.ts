// UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits; sorts by creation time.
// Pure: the caller passes the time and the random bytes (crypto.getRandomValues at the edge).

const hex = (bytes: Uint8Array, from: number, to: number): string => {
  let out = '';
  for (let i = from; i < to; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return out;
};

/**
 * A UUIDv7 from a time in ms and 10 random bytes (more are ignored).
 *
 * @example
 *   uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
 *   // '019ab1c2-3d4e-7f60-8a1b-2c3d4e5f6071'
 */
export function uuidv7(ms: number, random: Uint8Array): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) {
    throw new RangeError(`uuidv7: time ${ms} is not a Unix time in ms between 0 and 2^48`);
  }
  if (random.length < 10) throw new RangeError('uuidv7: pass at least 10 random bytes');
  const b = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  return `${hex(b, 0, 4)}-${hex(b, 4, 6)}-${hex(b, 6, 8)}-${hex(b, 8, 10)}-${hex(b, 10, 16)}`;
}
