// The PII type table: sensitivity level (R11) and confidence of each kind of evidence, in one place.
import type { PiiLevel, PiiType } from '../schema/pii';

/** Level per type (R11): 1 = direct harm if leaked (IDs, cards, passports); 2 = contact details. */
export const PII_LEVEL: Readonly<Record<PiiType, PiiLevel>> = {
  cn_id: 1,
  bank_card: 1,
  passport: 1,
  phone: 2,
  email: 2,
  uscc: 2,
  name: 2,
  address: 2,
};

/**
 * How sure a finding is, by the evidence behind it. A checksum over many digits is strong; a
 * context word alone (e.g. a Luhn-failing card next to 卡号) is weaker and says so.
 */
export const CONFIDENCE = {
  /** 18-digit ID: province, real birth date and GB 11643 check character all agree. */
  cnIdChecked: 0.99,
  /** 15-digit legacy ID: no check character, so structure plus a context word. */
  cnIdLegacyContext: 0.8,
  /** Luhn-valid number with a known issuer prefix. */
  cardChecked: 0.95,
  /** UnionPay-prefixed number failing Luhn, but introduced by 卡号/card number. */
  cardContextOnly: 0.6,
  /** 11-digit 1[3-9] mobile written plain: could still be some other 11-digit identifier. */
  mobilePlain: 0.9,
  /** Mobile written with a country prefix or in 3-4-4 groups: people only write phones that way. */
  mobileFormatted: 0.98,
  /** Landline with a valid area code and a separator. */
  landline: 0.9,
  /** +CC number with a known country code and E.164 length. */
  international: 0.9,
  email: 0.99,
  /** USCC with letters and a valid GB 32100 check character. */
  usccChecked: 0.95,
  /** All-digit USCC: layout, division code and check agree, but 18-digit numbers abound. */
  usccDigits: 0.85,
  passportContext: 0.9,
  /** Name/address introduced by a label: the label is right, the value's extent is a heuristic. */
  labelled: 0.85,
} as const;
