// The canonical form of a value before it is hashed, so the same customer value written two ways
// (138-1234-5678 and +86 138 1234 5678) gives the same keyed hash in the audit log.
import type { PiiType } from '../schema/pii';
import { toAsciiDigits } from './char-class';

/**
 * - phone: digits only, a leading 86/0086 country code dropped for CN numbers;
 * - cn_id, bank_card, uscc, passport: letters and digits only, upper case;
 * - email: lower case; name and address: inner whitespace collapsed.
 *
 * @example
 *   normalizeValue('phone', '+86 138-1234-5678'); // '13812345678'
 */
export function normalizeValue(type: PiiType, value: string): string {
  const text = toAsciiDigits(value).trim();
  switch (type) {
    case 'phone': {
      const digits = text.replace(/\D/g, '');
      const cn = /^(?:\(?\+|00)86/.test(text.replace(/\s/g, ''));
      return cn ? digits.replace(/^(00)?86/, '') : digits;
    }
    case 'cn_id':
    case 'bank_card':
    case 'uscc':
    case 'passport':
      return text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    case 'email':
      return text.toLowerCase();
    case 'name':
    case 'address':
      return text.replace(/\s+/g, ' ');
  }
}
