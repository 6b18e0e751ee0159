// The quarterly spot check's sample (R18): drawn from a recorded seed so that anyone holding the
// seed and the list of events can redraw it and see the reviewer did not pick what to look at.
import { concatBytes, fromHex } from '../ledger/bytes';
import { err, ok, type Result } from '../ledger/result';
import { sha256 } from '../ledger/sha256';

/**
 * `size` members of `population` (ledger indexes, any order), chosen by a partial Fisher–Yates
 * shuffle of the ascending population driven by SHA-256(seed ‖ counter) (big-endian 32-bit
 * counter, four 32-bit words per hash, each reduced by rejection so every index is equally
 * likely). Returned ascending. The whole population when it is not larger than `size`.
 * An error (as a value) when the seed is not hex.
 *
 * @example
 *   sampleIndexes([4, 9, 15, 16, 23, 42], 2, '00112233445566778899aabbccddeeff');
 *   // { ok: true, value: [two of them, ascending] }
 */
export function sampleIndexes(
  population: readonly number[],
  size: number,
  seedHex: string,
): Result<number[]> {
  const seed = fromHex(seedHex);
  if (!seed || seed.length === 0) {
    return err(`The seed "${seedHex}" is not hex; a spot check records 32 hex digits.`);
  }
  const pool = [...population].sort((a, b) => a - b);
  if (pool.length <= size) return ok(pool);
  const words = wordStream(seed);
  for (let i = 0; i < size; i += 1) {
    const j = i + uniform(words, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return ok(pool.slice(0, size).sort((a, b) => a - b));
}

/** A uniform integer in [0, n) from 32-bit words, rejecting the biased top of the range. */
function uniform(words: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const w = words();
    if (w < limit) return w % n;
  }
}

function wordStream(seed: Uint8Array): () => number {
  let counter = 0;
  let block: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  let offset = 0;
  return () => {
    if (offset >= block.byteLength) {
      const c = new Uint8Array(4);
      new DataView(c.buffer).setUint32(0, counter++);
      const hash = sha256(concatBytes(seed, c));
      block = new DataView(hash.buffer, hash.byteOffset, hash.byteLength);
      offset = 0;
    }
    const word = block.getUint32(offset);
    offset += 4;
    return word;
  };
}
