// Making findings: the one place where a finding's level is filled in from its type (R11).
import type { Finding, PiiLevel, PiiType } from '../schema/pii';
import { PII_LEVEL } from './types';

/**
 * PII_LEVEL[type] by a switch over the names: a keyed read that sees all eight types becomes a
 * megamorphic look-up (about a hundred instructions) at every finding, a switch a few compares.
 */
function levelOf(type: PiiType): PiiLevel {
  switch (type) {
    case 'cn_id':
      return PII_LEVEL.cn_id;
    case 'bank_card':
      return PII_LEVEL.bank_card;
    case 'passport':
      return PII_LEVEL.passport;
    case 'phone':
      return PII_LEVEL.phone;
    case 'email':
      return PII_LEVEL.email;
    case 'uscc':
      return PII_LEVEL.uscc;
    case 'name':
      return PII_LEVEL.name;
    case 'address':
      return PII_LEVEL.address;
  }
}

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
  out.push({ type, start, end, level: levelOf(type), confidence });
}
