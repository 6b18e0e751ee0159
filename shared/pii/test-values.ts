// Builders of valid identifiers for tests: the check digit is computed, the rest is chosen.
import { cnIdCheckChar, luhnValid, usccCheckChar } from './checksums';

/** An 18-character resident ID: region, birth date YYYYMMDD and sequence, plus its check. */
export function cnId(region = '110105', birth = '19900307', seq = '123'): string {
  const first17 = region + birth + seq;
  return first17 + cnIdCheckChar(first17);
}

/** Appends the Luhn digit that makes `body` a valid card number. */
export function luhnComplete(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable: one of ten digits always completes a Luhn number');
}

/** A card number failing Luhn: the valid one with its last digit changed. */
export function luhnBroken(body: string): string {
  const valid = luhnComplete(body);
  const last = Number(valid.at(-1));
  return valid.slice(0, -1) + String((last + 1) % 10);
}

/** An 18-character USCC with a valid GB 32100 check character. */
export function uscc(first17 = '91310115MA1K3YJ2'): string {
  const body = first17.padEnd(17, '0');
  const check = usccCheckChar(body);
  if (check === null)
    throw new Error(`uscc(): '${body}' has a character outside GB 32100's alphabet`);
  return body + check;
}
