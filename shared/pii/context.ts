// Context words: identifiers too weak on their own (15-digit IDs, passports, Luhn-failing cards) count
// only when a word like 身份证 or "card number" stands just before them.

/** How far before a value a context word may end, in UTF-16 units: "身份证号码：" and "ID No.: " fit. */
export const CONTEXT_WINDOW = 24;

const CN_ID_WORDS = /身份证|证件号|证件号码|\bID\b/i;
/** "Order ID", "user ID" and the like label a business identifier, not a resident ID. */
const NOT_CN_ID_WORDS =
  /(order|tracking|transaction|txn|user|session|request|product|sku|invoice|member|customer|account|device)\s*ID\b/i;
const CARD_WORDS = /卡号|银行卡|账号|账户|\bcard\s*(no|num|number)?\b/i;
const PASSPORT_WORDS = /护照|passport/i;

export type ContextKind = 'cn_id' | 'card' | 'passport';

/**
 * True when a context word for `kind` ends within CONTEXT_WINDOW units before `start`.
 * @example hasContext('身份证号：110105491231002', 5, 'cn_id') // true
 */
export function hasContext(text: string, start: number, kind: ContextKind): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  switch (kind) {
    case 'cn_id':
      return CN_ID_WORDS.test(before) && !NOT_CN_ID_WORDS.test(before);
    case 'card':
      return CARD_WORDS.test(before);
    case 'passport':
      return PASSPORT_WORDS.test(before);
  }
}
