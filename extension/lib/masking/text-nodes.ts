// Masks text nodes in place: the node stays the same object (so the page's framework keeps its
// references) and only its data changes to the masked text. Remembers the raw text for reveals.
import type { Finding, PiiType } from '../../../shared/pii';
import { maskText, revealSpans, scan, scanAppended, type MaskedText } from '../../../shared/pii';
import { APPEND_STATE_LENGTH, MIN_SCAN_LENGTH } from './constants';

/** What the masker knows about one text node. */
export interface TextState {
  /** The text as the page wrote it. */
  raw: string;
  findings: Finding[];
  result: MaskedText;
  /** Indices of spans revealed right now. */
  shown: Set<number>;
  /** What the masker last wrote into the node (or found there): a node showing it is up to date. */
  written: string;
  /** Set by a site rule: the whole text is one value of this type. */
  ruleType?: PiiType;
}

/** Whether an element's text is being edited by the person: hands off until they leave it. */
export type EditingCheck = (node: Text) => boolean;

export interface TextMasker {
  /** Masks the node's current text if it changed since last seen; returns findings masked. */
  update(node: Text): number;
  /** Treats the node's whole text as one value of `type` (site selector rules). */
  applyRule(node: Text, type: PiiType): number;
  state(node: Text): TextState | undefined;
  /** Shows or hides one span; returns false when the node no longer shows that span. */
  setShown(node: Text, span: number, shown: boolean): boolean;
  /** Puts the raw text back (page not protected after all, or protection paused). */
  restore(node: Text): void;
}

function wholeFinding(text: string, type: PiiType): Finding[] {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? [{ type, start, end, level: 2, confidence: 1 }] : [];
}

/**
 * Contract:
 * - a node whose data equals what the masker last wrote is not scanned again (our own writes come
 *   back as characterData records);
 * - a node whose new data starts with what was written grew at the end: only the end is scanned;
 * - a node being edited (`isEditing`) is left as the person typed it;
 * - state is kept in a WeakMap, so removed nodes are collected with the page's.
 */
export function createTextMasker(isEditing: EditingCheck): TextMasker {
  const states = new WeakMap<Text, TextState>();

  function write(node: Text, st: TextState): void {
    const text = revealSpans(st.raw, st.result, st.shown);
    st.written = text;
    if (node.data !== text) node.data = text;
  }

  function store(node: Text, raw: string, findings: Finding[], ruleType?: PiiType): number {
    if (findings.length > 0 && isEditing(node)) return 0;
    if (findings.length === 0 && raw.length < APPEND_STATE_LENGTH) {
      states.delete(node);
      return 0;
    }
    const st: TextState = {
      raw,
      findings,
      result: maskText(raw, findings),
      shown: new Set(),
      written: raw,
      ruleType,
    };
    states.set(node, st);
    if (findings.length > 0) write(node, st);
    return findings.length;
  }

  return {
    update(node) {
      const data = node.data;
      const st = states.get(node);
      if (st) {
        if (data === st.written) return 0;
        if (st.ruleType) return store(node, data, wholeFinding(data, st.ruleType), st.ruleType);
        if (st.shown.size === 0 && data.length > st.written.length && data.startsWith(st.written)) {
          const raw = st.raw + data.slice(st.written.length);
          return store(node, raw, scanAppended(raw, st.findings, st.raw.length));
        }
      }
      if (data.length < MIN_SCAN_LENGTH) {
        if (st) states.delete(node);
        return 0;
      }
      return store(node, data, scan(data));
    },
    applyRule(node, type) {
      const st = states.get(node);
      const raw = st && node.data === st.written ? st.raw : node.data;
      if (st?.ruleType === type && node.data === st.written) return 0;
      return store(node, raw, wholeFinding(raw, type), type);
    },
    state: (node) => states.get(node),
    setShown(node, span, shown) {
      const st = states.get(node);
      if (!st || node.data !== st.written || span >= st.result.spans.length) return false;
      if (shown) st.shown.add(span);
      else st.shown.delete(span);
      write(node, st);
      return true;
    },
    restore(node) {
      const st = states.get(node);
      if (!st) return;
      states.delete(node);
      if (node.data === st.written && node.data !== st.raw) node.data = st.raw;
    },
  };
}
