// Masks form fields on screen only: an <input> or <textarea> holding PII is drawn with discs
// (Chromium's -webkit-text-security) while its value stays exactly what the page loaded or the
// person typed, so the form submits the real value.
import type { PiiType } from '../../../shared/pii';
import { scan } from '../../../shared/pii';
import { MIN_SCAN_LENGTH, TEXT_INPUT_TYPES } from './constants';

type Field = HTMLInputElement | HTMLTextAreaElement;

export interface FieldMasker {
  /** Whether an element is a field this masker handles. */
  isField(element: Element): element is Field;
  /** Re-checks the field's current value; returns 1 when it is masked now, else 0. */
  update(field: Field, ruleType?: PiiType): number;
  /** Shows the field as it is. */
  restore(field: Field): void;
  /** The PII type a masked field holds, for counts. */
  maskedType(field: Field): PiiType | undefined;
}

const PROPERTY = '-webkit-text-security';

export function createFieldMasker(): FieldMasker {
  /** Fields the masker styled, with the type found and the rule type a site rule gave them. */
  const masked = new WeakMap<Field, PiiType>();
  const ruled = new WeakMap<Field, PiiType>();

  function show(field: Field, type: PiiType | undefined): number {
    if (type) {
      masked.set(field, type);
      // An inline !important declaration beats the page's own styles, in light and shadow trees.
      if (field.style.getPropertyValue(PROPERTY) !== 'disc') {
        field.style.setProperty(PROPERTY, 'disc', 'important');
      }
      return 1;
    }
    if (masked.has(field)) {
      masked.delete(field);
      field.style.removeProperty(PROPERTY);
    }
    return 0;
  }

  return {
    isField(element): element is Field {
      if (element.localName === 'textarea') return true;
      return (
        element.localName === 'input' &&
        TEXT_INPUT_TYPES.has((element.getAttribute('type') ?? '').toLowerCase())
      );
    },
    update(field, ruleType) {
      if (ruleType) ruled.set(field, ruleType);
      const rule = ruleType ?? ruled.get(field);
      const value = field.value;
      if (rule) return show(field, value.trim() ? rule : undefined);
      if (value.length < MIN_SCAN_LENGTH) return show(field, undefined);
      return show(field, scan(value)[0]?.type);
    },
    restore(field) {
      ruled.delete(field);
      show(field, undefined);
    },
    maskedType: (field) => masked.get(field),
  };
}
