// The page masker: one MutationObserver per document and per open shadow root (as Dark Reader
// does), masking text, readable attributes and form fields as the page adds or changes them, so
// masking happens in the same task as the change, before the browser paints.
import type { FindingCounts } from '../../../shared/schema';
import type { PiiType, SelectorRule } from '../../../shared/schema';
import { createAttributeMasker } from './attributes';
import { FIELD_VALUE_EVENT, READ_ATTRIBUTES, SHADOW_ROOT_EVENT, SKIPPED_TAGS } from './constants';
import { createFieldMasker } from './fields';
import { createTextMasker } from './text-nodes';

type Root = Document | ShadowRoot;

export interface Masker {
  /** Site rules from the policy: re-applied to the whole page now and to everything added later. */
  setRules(rules: readonly SelectorRule[]): void;
  /** Counts of masked values on the page now, per type. */
  counts(): FindingCounts;
  /** The text masker, for reveals. */
  readonly text: ReturnType<typeof createTextMasker>;
  /** Stops observing and puts every raw value back (page not protected, or paused). */
  unmaskAll(): void;
  /** Stops observing, leaving the page as it is. */
  stop(): void;
}

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: [...READ_ATTRIBUTES, 'value', 'type'],
};

const isElement = (n: Node): n is Element => n.nodeType === 1;
const isText = (n: Node): n is Text => n.nodeType === 3;

/**
 * Starts masking `doc` now (call at document_start). Contract:
 * - every text node, open shadow root, readable attribute and text field below `doc` is masked
 *   before the mutation that added it is painted; text in SKIPPED_TAGS is never touched;
 * - open shadow roots are found when their host is added and when the main-world script reports
 *   `attachShadow`; same-origin child frames (about:blank, srcdoc) are masked from here too,
 *   because a frame's own content script may arrive after the parent filled it;
 * - fields are re-checked on `input`, `change` and script-set values (main-world report);
 * - nothing is held strongly: removed nodes, roots and frames are collected with the page.
 */
export function createMasker(doc: Document): Masker {
  const text = createTextMasker(isBeingEdited);
  const attributes = createAttributeMasker();
  const fields = createFieldMasker();
  let rules: readonly SelectorRule[] = [];
  const observed = new WeakSet<Root>();
  /** Roots to sweep for counts and unmasking; WeakRefs, so a dropped shadow root is not kept. */
  const roots: WeakRef<Root>[] = [];
  const observers: MutationObserver[] = [];
  const cleanups: (() => void)[] = [];

  function isBeingEdited(node: Text): boolean {
    const parent = node.parentElement;
    if (!parent?.isContentEditable) return false;
    const active =
      node.getRootNode() instanceof ShadowRoot
        ? (node.getRootNode() as ShadowRoot).activeElement
        : node.ownerDocument.activeElement;
    return active !== null && active.contains(node);
  }

  /**
   * Whether a text node's text is not shown as page text. A textarea's text is its initial value,
   * which the parser adds after the element: the field is checked again instead.
   */
  function skipped(node: Node): boolean {
    const parent = node.parentElement;
    if (parent === null || !SKIPPED_TAGS.has(parent.tagName.toUpperCase())) return false;
    if (fields.isField(parent)) fields.update(parent);
    return true;
  }

  function visitElement(el: Element): void {
    attributes.update(el);
    if (fields.isField(el)) fields.update(el);
    const shadow = el.shadowRoot;
    if (shadow) observe(shadow);
    if (el.localName === 'iframe' || el.localName === 'frame') watchFrame(el as HTMLIFrameElement);
  }

  /** Masks everything below `node` (inclusive). */
  function sweep(node: Node): void {
    if (isText(node)) {
      if (!skipped(node)) text.update(node);
      return;
    }
    if (isElement(node)) {
      if (SKIPPED_TAGS.has(node.tagName.toUpperCase())) return;
      visitElement(node);
    } else if (node.nodeType !== 9 && node.nodeType !== 11) return;
    const owner = node.nodeType === 9 ? (node as Document) : node.ownerDocument;
    if (!owner) return;
    const walker = owner.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        isElement(n) && SKIPPED_TAGS.has(n.tagName.toUpperCase())
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (isText(n)) text.update(n);
      else visitElement(n as Element);
    }
    if (rules.length > 0) applyRules(node);
  }

  /** Site rules: elements matching a selector hold one value of the rule's type. */
  function applyRules(node: Node): void {
    const scope = node as ParentNode & Node;
    for (const rule of rules) {
      let matches: Element[];
      try {
        matches = Array.from(scope.querySelectorAll(rule.selector));
        if (isElement(node) && node.matches(rule.selector)) matches.push(node);
      } catch {
        continue; // An invalid selector: the options page reports it; the other rules still apply.
      }
      for (const el of matches) {
        if (fields.isField(el)) {
          fields.update(el, rule.type);
          continue;
        }
        const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!skipped(n)) text.applyRule(n as Text, rule.type);
        }
      }
    }
  }

  function onRecords(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target;
      switch (record.type) {
        case 'characterData':
          if (isText(target) && !skipped(target)) {
            const st = text.state(target);
            if (st?.ruleType) text.applyRule(target, st.ruleType);
            else text.update(target);
          }
          break;
        case 'childList':
          for (const added of Array.from(record.addedNodes)) {
            if (!added.isConnected) continue;
            sweep(added);
            // Declarative shadow DOM: the parser attaches a host's shadow root after the host
            // was added, so look again at the host's earlier sibling when more content arrives.
            const before = added.previousSibling;
            if (before && isElement(before) && before.shadowRoot) observe(before.shadowRoot);
          }
          if (isElement(target) && target.shadowRoot) observe(target.shadowRoot);
          if (rules.length > 0 && record.addedNodes.length > 0) applyRulesAround(target);
          break;
        case 'attributes':
          if (isElement(target)) {
            const name = record.attributeName ?? '';
            if (name === 'value' || name === 'type') {
              if (fields.isField(target)) fields.update(target);
            }
            if (name !== 'type') attributes.update(target, name);
          }
          break;
      }
    }
  }

  /** A text node added inside an element a rule matches (a framework re-rendering a cell). */
  function applyRulesAround(target: Node): void {
    if (!isElement(target)) return;
    for (const rule of rules) {
      try {
        const hit = target.closest(rule.selector);
        if (hit) applyRules(hit);
      } catch {
        continue; // Invalid selector, reported by the options page.
      }
    }
  }

  function observe(root: Root): void {
    if (observed.has(root)) return;
    observed.add(root);
    roots.push(new WeakRef(root));
    const observer = new MutationObserver(onRecords);
    observer.observe(root, OBSERVE);
    observers.push(observer);
    sweep(root);
  }

  function watchFrame(frame: HTMLIFrameElement): void {
    const attach = () => {
      let child: Document | null = null;
      try {
        child = frame.contentDocument;
      } catch {
        child = null; // Cross-origin: that frame's own content script masks it.
      }
      if (child) observe(child);
    };
    attach();
    frame.addEventListener('load', attach);
  }

  const onShadowRoot = (event: Event) => {
    const host = event.composedPath()[0];
    if (host instanceof Element && host.shadowRoot) observe(host.shadowRoot);
  };
  const onFieldChange = (event: Event) => {
    const field = event.composedPath()[0];
    if (field instanceof Element && fields.isField(field)) fields.update(field);
  };
  // Capture on the window: shadow-root events are composed and reach it from any depth.
  const win = doc.defaultView;
  if (win) {
    for (const [type, fn] of [
      [SHADOW_ROOT_EVENT, onShadowRoot],
      [FIELD_VALUE_EVENT, onFieldChange],
      ['input', onFieldChange],
      ['change', onFieldChange],
      ['focusout', onFocusOut],
      ['formdata', onFormData],
    ] as const) {
      win.addEventListener(type, fn, true);
      cleanups.push(() => win.removeEventListener(type, fn, true));
    }
  }

  /**
   * A form is being submitted: a masked button label is its `value`, so put the raw value back
   * into the data the form sends (the page must receive exactly what it put there).
   */
  function onFormData(event: Event): void {
    const { formData, target } = event as FormDataEvent;
    if (!(target instanceof HTMLFormElement)) return;
    for (const control of Array.from(target.elements)) {
      const raw = attributes.rawValue(control, 'value');
      const name = control.getAttribute('name');
      if (raw === undefined || !name) continue;
      const masked = control.getAttribute('value');
      const values = formData.getAll(name);
      if (!values.includes(masked ?? '')) continue;
      formData.delete(name);
      for (const v of values) formData.append(name, v === masked ? raw : v);
    }
  }

  /** Leaving a contenteditable element: mask what was typed into it. */
  function onFocusOut(event: Event): void {
    const el = event.composedPath()[0];
    if (el instanceof HTMLElement && el.isContentEditable) queueMicrotask(() => sweep(el));
  }

  observe(doc);

  function forEachRoot(fn: (root: Root) => void): void {
    for (let i = roots.length - 1; i >= 0; i--) {
      const root = roots[i]!.deref();
      if (root) fn(root);
      else roots.splice(i, 1);
    }
  }

  function walkAll(fn: (node: Node) => void): void {
    forEachRoot((root) => {
      const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
      if (!owner) return;
      const walker = owner.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) fn(n);
    });
  }

  function stop(): void {
    for (const observer of observers) observer.disconnect();
    observers.length = 0;
    for (const cleanup of cleanups) cleanup();
    cleanups.length = 0;
  }

  return {
    text,
    setRules(next) {
      rules = next;
      if (rules.length > 0) forEachRoot((root) => applyRules(root));
    },
    counts() {
      const counts: FindingCounts = {};
      const add = (type: PiiType) => (counts[type] = (counts[type] ?? 0) + 1);
      walkAll((n) => {
        if (isText(n)) {
          const st = text.state(n);
          if (st && n.data === st.written) for (const span of st.spans) add(span.type);
        } else if (isElement(n) && fields.isField(n)) {
          const type = fields.maskedType(n);
          if (type) add(type);
        }
      });
      return counts;
    },
    unmaskAll() {
      stop();
      walkAll((n) => {
        if (isText(n)) text.restore(n);
        else if (isElement(n)) {
          attributes.restore(n);
          if (fields.isField(n)) fields.restore(n);
        }
      });
    },
    stop,
  };
}
