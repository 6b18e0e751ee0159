// Masks the attributes people read (title, alt, placeholder, aria-label, the label of an input
// button) and puts a button's raw value back into the data its form submits.
import { maskText } from '../../../shared/pii';
import { BUTTON_INPUT_TYPES, MIN_SCAN_LENGTH, READ_ATTRIBUTES } from './constants';

interface AttributeState {
  raw: string;
  written: string;
}

export interface AttributeMasker {
  /** Masks the element's readable attributes that hold PII; returns findings masked. */
  update(element: Element, only?: string): number;
  /** Puts every raw attribute value of the element back. */
  restore(element: Element): void;
  /** The raw value behind a masked attribute, if the masker wrote it. */
  rawValue(element: Element, name: string): string | undefined;
}

const WITH_VALUE = [...READ_ATTRIBUTES, 'value'];

/** The attributes of `element` that are shown as text and may be masked. */
function readable(element: Element): readonly string[] {
  // A button's value is submitted with its form, not shown, but scripts and tools show it; the
  // form still submits the raw value (restored in the masker's formdata handler).
  if (
    element.localName === 'button' ||
    (element.localName === 'input' &&
      BUTTON_INPUT_TYPES.has((element.getAttribute('type') ?? '').toLowerCase()))
  ) {
    return WITH_VALUE;
  }
  return READ_ATTRIBUTES;
}

export function createAttributeMasker(): AttributeMasker {
  const states = new WeakMap<Element, Map<string, AttributeState>>();

  function updateOne(element: Element, name: string): number {
    const value = element.getAttribute(name);
    const byName = states.get(element);
    const st = byName?.get(name);
    if (value === null || (st && value === st.written)) return 0;
    if (value.length < MIN_SCAN_LENGTH) {
      byName?.delete(name);
      return 0;
    }
    const { masked, spans } = maskText(value);
    if (spans.length === 0) {
      byName?.delete(name);
      return 0;
    }
    const map = byName ?? new Map<string, AttributeState>();
    map.set(name, { raw: value, written: masked });
    states.set(element, map);
    element.setAttribute(name, masked);
    return spans.length;
  }

  return {
    update(element, only) {
      if (!element.hasAttributes()) return 0;
      const names = readable(element);
      if (only !== undefined) return names.includes(only) ? updateOne(element, only) : 0;
      let n = 0;
      for (const name of names) n += updateOne(element, name);
      return n;
    },
    restore(element) {
      const byName = states.get(element);
      if (!byName) return;
      states.delete(element);
      for (const [name, st] of byName) {
        if (element.getAttribute(name) === st.written) element.setAttribute(name, st.raw);
      }
    },
    rawValue(element, name) {
      const st = states.get(element)?.get(name);
      return st && element.getAttribute(name) === st.written ? st.raw : undefined;
    },
  };
}
