// Making findings: the one place where a finding's level is filled in from its type (R11).
import type { Finding, PiiType } from '../schema/pii';
import { PII_LEVEL } from './types';

/**
 * Appends a finding of `type` over [start, end) to `out`, with the type's level.
 * @example pushFinding(out, 'phone', 3, 14, 0.9) // out gains { type: 'phone', …, level: 2 }
 */
export function pushFinding(
  out: Finding[],
  type: PiiType,
  start: number,
  end: number,
  confidence: number,
): void {
  out.push({ type, start, end, level: PII_LEVEL[type], confidence });
}
