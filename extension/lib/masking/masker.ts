// The page masker: one MutationObserver per document and per open shadow root (as Dark Reader
// does), masking text, readable attributes and form fields as the page adds or changes them, so
// masking happens in the same task as the change, before the browser paints.
import type { FindingCounts } from '../../../shared/schema';
import type { PiiType, SelectorRule } from '../../../shared/schema';
import { createAttributeMasker } from './attributes';
import {
  FIELD_VALUE_EVENT,
  MAY_HOST_SHADOW,
  PARSE_HOLD_MS,
  READ_ATTRIBUTES,
  SHADOW_FLUSH_EVENT,
  SHADOW_ROOT_EVENT,
  SKIPPED_LOCAL_NAMES,
} from './constants';
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
  /**
   * Calls `fn` once the whole document has been masked (at DOMContentLoaded, or PARSE_HOLD_MS
   * after start for a page still parsing; at once after that): paint must be held until then.
   */
  whenMasked(fn: () => void): void;
  /** Calls `listener` after each batch of page changes the masker handled (for recounts). */
  onChange(listener: () => void): () => void;
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

/**
 * Elements that need more than their text looked at: readable attributes, fields, frames. One
 * native query finds them in an added subtree; walking every element from JS would cost a
 * binding call per element, which dominates on a 10,000-row table.
 */
const SPECIAL = [
  ...READ_ATTRIBUTES.map((name) => `[${name}]`),
  'input',
  'textarea',
  'button[value]',
  'iframe',
  'frame',
].join(',');

/** Above this many nodes added in one record, they are swept as one run (see sweepRun). */
const RUN_THRESHOLD = 8;

/** Elements whose text the person may edit in place. */
const EDITABLE = '[contenteditable]:not([contenteditable="false" i])';

/** SKIPPED_LOCAL_NAMES as a selector, to ask once whether a swept scope holds any of them. */
const SKIPPED = [...SKIPPED_LOCAL_NAMES].join(',');

/** Both, for one query over an added subtree. */
const SPECIAL_OR_SKIPPED = `${SPECIAL},${SKIPPED}`;

const isElement = (n: Node): n is Element => n.nodeType === 1;
const hasAdded = (targets: Map<Node, boolean>): boolean => {
  for (const added of targets.values()) if (added) return true;
  return false;
};
const isText = (n: Node): n is Text => n.nodeType === 3;
/** Elements, documents and fragments (shadow roots): the nodes that hold children. */
const isParent = (n: Node): n is Element | Document | DocumentFragment =>
  n.nodeType === 1 || n.nodeType === 9 || n.nodeType === 11;

/**
 * Starts masking `doc` now (call at document_start). Contract:
 * - every text node, open shadow root, readable attribute and text field below `doc` is masked
 *   before it is painted: what the parser builds, in one pass when parsing ends (or after
 *   PARSE_HOLD_MS), for which the caller holds paint until `whenMasked`; then each change in
 *   the task that made it. Text in SKIPPED_LOCAL_NAMES is never touched;
 * - open shadow roots are found when the main-world script reports `attachShadow`, when a host
 *   is parsed (declarative shadow DOM) and in one sweep at DOMContentLoaded; same-origin child
 *   frames (about:blank, srcdoc) are masked from here too, because a frame's own content script
 *   may arrive after the parent filled it;
 * - fields are re-checked on `input`, `change` and script-set values (main-world report);
 * - the masker's own writes are not handled again (their records are dropped);
 * - nothing is held strongly beyond the next count: removed nodes are collected with the page.
 */
export function createMasker(
  doc: Document,
  /**
   * A host's shadow root, open or closed (an extension may read closed ones: the content script
   * passes its browser's way); `shadowRoot`, which sees open ones only, by default.
   */
  shadowRootOf: (el: Element) => ShadowRoot | null = (el) => el.shadowRoot,
): Masker {
  const text = createTextMasker(leaveAlone);
  const attributes = createAttributeMasker();
  const fields = createFieldMasker();
  let rules: readonly SelectorRule[] = [];
  const observed = new WeakSet<Root>();
  /** Roots to sweep for unmasking; WeakRefs, so a dropped shadow root is not kept. */
  const roots: WeakRef<Root>[] = [];
  const observers: MutationObserver[] = [];
  const cleanups: (() => void)[] = [];
  const listeners = new Set<() => void>();
  const observedRoot = new WeakMap<MutationObserver, Root>();
  let stopped = false;
  /** Fields masked now, for counts; pruned of disconnected ones when counted. */
  const maskedFields = new Set<Element>();

  /**
   * The scope a sweep is walking, and whether every text node in it is page text that is not
   * being edited (computed when the first finding asks, then reused). Asking each node for its
   * parent instead costs a binding call per value, a tenth of a 10,000-row table's budget.
   */
  let scope: Element | Document | DocumentFragment | null = null;
  let scopePlain: boolean | undefined;
  let scopeSkipped: boolean | undefined;

  /**
   * Whether no text node below `root` (inclusive) is in a skipped element or being edited;
   * `hasSkipped`: whether `root` holds a skipped element, when the caller knows already.
   */
  function isPlain(
    root: Element | Document | DocumentFragment,
    hasSkipped = root.querySelector(SKIPPED) !== null,
  ): boolean {
    if (isElement(root) && SKIPPED_LOCAL_NAMES.has(root.localName)) return false;
    if (hasSkipped) return false;
    const host = editingHost();
    return host === null || !(host.contains(root) || root.contains(host));
  }

  /**
   * Runs `walk` with `root` as the sweep's scope (see leaveAlone); `hasSkipped` as for isPlain.
   */
  function inScope(
    root: Element | Document | DocumentFragment,
    walk: () => void,
    hasSkipped?: boolean,
  ): void {
    scope = root;
    scopeSkipped = hasSkipped;
    scopePlain = undefined;
    try {
      walk();
    } finally {
      scope = null;
      scopeSkipped = undefined;
      scopePlain = undefined;
    }
  }

  /** A text node holding PII that must stay as it is: not page text, or being edited. */
  function leaveAlone(node: Text): boolean {
    if (scope !== null) {
      scopePlain ??= isPlain(scope, scopeSkipped);
      if (scopePlain) return false;
    }
    const parent = node.parentElement;
    if (parent === null) return false;
    if (SKIPPED_LOCAL_NAMES.has(parent.localName)) {
      // A textarea's text is its initial value, added after the element: check the field.
      if (fields.isField(parent)) updateField(parent);
      return true;
    }
    const host = editingHost();
    return host !== null && host.contains(node);
  }

  /** The editable element holding the focus now, if any; computed once per batch of changes. */
  let editing: Element | null | undefined;
  function editingHost(): Element | null {
    if (editing !== undefined) return editing;
    let active = doc.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    // Not `isContentEditable`: it brings style up to date on every call, which after each of
    // our writes costs a style recalculation (Chromium), ruinous on a large insert.
    const host = active?.closest(EDITABLE) ?? null;
    editing = host?.getAttribute('contenteditable')?.toLowerCase() === 'false' ? null : host;
    if (doc.designMode === 'on') editing = doc.documentElement;
    return editing;
  }

  function updateField(field: HTMLInputElement | HTMLTextAreaElement, ruleType?: PiiType): void {
    if (fields.update(field, ruleType) > 0) maskedFields.add(field);
    else maskedFields.delete(field);
  }

  function visitSpecial(el: Element): void {
    attributes.update(el);
    if (fields.isField(el)) updateField(el);
    else if (el.localName === 'iframe' || el.localName === 'frame') {
      watchFrame(el as HTMLIFrameElement);
    }
  }

  /**
   * Masks everything below `node` (inclusive). `loading`: whether the document is still being
   * parsed (asked once per batch of changes by the caller: each DOM call costs here).
   */
  function sweep(node: Node, loading = doc.readyState === 'loading'): void {
    const type = node.nodeType;
    if (type === 3) {
      text.update(node as Text);
      return;
    }
    if (type !== 1 && type !== 9 && type !== 11) return;
    const root = node as Element | Document | DocumentFragment;
    // An element added empty (the parser adds children one by one) has no text to walk.
    const filled = root.firstChild !== null;
    if (filled) {
      const owner = type === 9 ? (node as Document) : node.ownerDocument;
      if (!owner) return;
      const walker = owner.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      inScope(root, () => text.updateWalk(walker, walker.nextNode()));
    }
    visitSpecials(root, type === 1, filled, loading);
    if (rules.length > 0) applyRules(node);
  }

  /**
   * Attributes, fields, frames (and while parsing, shadow roots) in and below `scope`; `element`
   * and `filled` say whether it is an element and has children, when the caller knows already.
   */
  function visitSpecials(
    scope: Element | Document | DocumentFragment,
    element = isElement(scope),
    filled = true,
    loading = doc.readyState === 'loading',
  ): void {
    if (element) {
      const el = scope as Element;
      if (el.matches(SPECIAL)) visitSpecial(el);
      // After parsing, new shadow roots are reported by the main-world hook instead.
      const root = loading ? shadowRootOf(el) : null;
      if (root) observe(root);
    }
    if (filled && scope.firstElementChild) {
      for (const el of Array.from(scope.querySelectorAll(SPECIAL))) visitSpecial(el);
    }
  }

  /**
   * Masks a run of siblings added at once (a table body of 10,000 rows): one TreeWalker over the
   * run instead of one per node, since each DOM call from the isolated world costs about a
   * microsecond here and per-node set-up would dominate.
   */
  function sweepRun(parent: Element | Document | DocumentFragment, first: Node, last: Node): void {
    const owner = parent.ownerDocument ?? (parent as Document);
    const walker = owner.createTreeWalker(parent, NodeFilter.SHOW_TEXT);
    // The first text node after the run: where the walk stops.
    const after = last.nextSibling;
    let stop: Node | null = null;
    if (after) {
      if (isText(after)) stop = after;
      else {
        walker.currentNode = after;
        stop = walker.nextNode();
      }
    }
    walker.currentNode = first;
    // The run is all the parent holds: one query finds its special elements, and whether it
    // holds skipped ones, where one query per added element (10,000 rows) would cost several
    // binding calls each, and a second query a second pass over the subtree.
    const found =
      after === null && first.previousSibling === null && doc.readyState !== 'loading'
        ? Array.from(parent.querySelectorAll(SPECIAL_OR_SKIPPED))
        : null;
    // The parent is a superset of the run: if it holds no skipped element, neither does the run.
    inScope(
      parent,
      () => text.updateWalk(walker, isText(first) ? first : walker.nextNode(), stop),
      found?.some((el) => SKIPPED_LOCAL_NAMES.has(el.localName)),
    );
    if (found) {
      for (const el of found) {
        // Found as a skipped element only (a <script>), unless it is special too.
        if (SKIPPED_LOCAL_NAMES.has(el.localName) && !el.matches(SPECIAL)) continue;
        visitSpecial(el);
      }
    } else {
      for (let el: Node | null = first; el; el = el.nextSibling) {
        if (isElement(el)) visitSpecials(el);
        if (el === last) break;
      }
    }
    if (rules.length > 0) applyRules(parent);
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
          updateField(el, rule.type);
          continue;
        }
        const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (parent && SKIPPED_LOCAL_NAMES.has(parent.localName)) continue;
          text.applyRule(n as Text, rule.type);
        }
      }
    }
  }

  function onRecords(records: MutationRecord[], observer: MutationObserver): void {
    editing = undefined;
    // Our own writes would queue records of their own on this observer, each costing Blink
    // work to build: stop observing while we write (no page script runs meanwhile).
    const root = observedRoot.get(observer);
    observer.disconnect();
    const loading = doc.readyState === 'loading';
    /** Parents whose children changed, and whether any were added. */
    const targets = new Map<Node, boolean>();
    for (const record of records) {
      const target = record.target;
      switch (record.type) {
        case 'characterData':
          if (isText(target)) {
            const st = text.state(target);
            if (st?.ruleType) text.applyRule(target, st.ruleType);
            else text.update(target);
          }
          break;
        case 'childList': {
          const added = record.addedNodes;
          const count = added.length;
          const first = added[0];
          const last = count > 1 ? added[count - 1] : first;
          if (
            count > RUN_THRESHOLD &&
            first?.parentNode === target &&
            last?.parentNode === target &&
            isParent(target)
          ) {
            sweepRun(target, first, last);
          } else {
            for (let i = 0; i < count; i++) {
              const node = added[i]!;
              // A text node is cheaper to mask than to ask whether it is still in the page.
              if (node.nodeType !== 3 && !node.isConnected) continue;
              sweep(node, loading);
              // Declarative shadow DOM: the parser attaches a host's shadow root after the host
              // was added, so look again at the host's earlier sibling when more content comes.
              if (loading) {
                const before = node.previousSibling;
                const root = before && isElement(before) ? shadowRootOf(before) : null;
                if (root) observe(root);
              }
            }
          }
          // The parent's own checks, once per parent in this batch (the parser adds a
          // parent's children one record at a time).
          const seen = targets.get(target);
          if (seen === undefined || (!seen && count > 0)) targets.set(target, count > 0);
          break;
        }
        case 'attributes':
          if (isElement(target)) {
            const name = record.attributeName ?? '';
            if ((name === 'value' || name === 'type') && fields.isField(target))
              updateField(target);
            if (name !== 'type') attributes.update(target, name);
          }
          break;
      }
    }
    // Shadow roots built before their host was added (see SHADOW_FLUSH_EVENT): reported, and so
    // masked, synchronously, before anything is painted.
    if (hasAdded(targets)) doc.defaultView?.dispatchEvent(new Event(SHADOW_FLUSH_EVENT));
    for (const [target, added] of targets) {
      if (!isElement(target)) continue;
      const root = shadowRootOf(target);
      if (root) observe(root);
      if (fields.isField(target)) updateField(target); // a textarea's text changed
      if (rules.length > 0 && added) applyRulesAround(target);
    }
    if (root && !stopped) observer.observe(root, OBSERVE);
    for (const listener of listeners) listener();
  }

  /** A text node added inside an element a rule matches (a framework re-rendering a cell). */
  function applyRulesAround(target: Element): void {
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
    observedRoot.set(observer, root);
    sweep(root);
    editing = undefined;
    observer.observe(root, OBSERVE);
    observers.push(observer);
  }

  function watchFrame(frame: HTMLIFrameElement): void {
    const attach = () => {
      let child: Document | null = null;
      try {
        child = frame.contentDocument;
      } catch {
        child = null; // Cross-origin: that frame's own content script masks it.
      }
      // A frame still parsing a document of its own (not about:blank or srcdoc, which the page
      // fills) has its own content script, holding its paint until it has masked it; this
      // masker joins at the frame's load, so each frame counts its own values.
      if (child && child.readyState === 'loading' && !child.URL.startsWith('about:')) return;
      if (child) observe(child);
    };
    attach();
    frame.addEventListener('load', attach);
  }

  /** Shadow roots the hook could not report (parsed, or attached before this script ran). */
  function findShadowRoots(root: Root): void {
    for (const el of Array.from(root.querySelectorAll(MAY_HOST_SHADOW))) {
      const shadow = shadowRootOf(el);
      if (shadow && !observed.has(shadow)) {
        observe(shadow);
        findShadowRoots(shadow);
      }
    }
  }

  const onShadowRoot = (event: Event) => {
    const host = event.composedPath()[0];
    const root = host instanceof Element ? shadowRootOf(host) : null;
    if (root) observe(root);
  };
  const onFieldChange = (event: Event) => {
    const field = event.composedPath()[0];
    if (field instanceof Element && fields.isField(field)) updateField(field);
  };
  /** Leaving a contenteditable element: mask what was typed into it. */
  const onFocusOut = (event: Event) => {
    const el = event.composedPath()[0];
    if (el instanceof Element && el.closest(EDITABLE)) queueMicrotask(() => sweep(el));
  };
  /**
   * A form is being submitted: a masked button label is its `value`, and a masked option
   * without a value attribute submits its text, so put the raw values back into the data the
   * form sends (the page must receive exactly what it put there).
   */
  const onFormData = (event: Event) => {
    const { formData, target } = event as FormDataEvent;
    if (!(target instanceof HTMLFormElement)) return;
    const replace = (name: string, masked: string, raw: string) => {
      const values = formData.getAll(name);
      if (masked === raw || !values.includes(masked)) return;
      formData.delete(name);
      for (const v of values) formData.append(name, v === masked ? raw : v);
    };
    for (const control of Array.from(target.elements)) {
      const name = control.getAttribute('name');
      if (!name) continue;
      const raw = attributes.rawValue(control, 'value');
      if (raw !== undefined) replace(name, control.getAttribute('value') ?? '', raw);
      if (control instanceof HTMLSelectElement) {
        for (const option of Array.from(control.selectedOptions)) {
          if (option.hasAttribute('value')) continue;
          replace(name, option.text, rawOptionText(option));
        }
      }
    }
  };
  /** An option's text as the page wrote it, whitespace collapsed as `option.text` does. */
  function rawOptionText(option: HTMLOptionElement): string {
    let raw = '';
    const walker = doc.createTreeWalker(option, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      raw += text.rawOf(n as Text);
    }
    return raw.replace(/[\t\n\f\r ]+/g, ' ').trim();
  }

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

  /** Waiting for the document's first full pass (see whenMasked); null once it is done. */
  let waiting: (() => void)[] | null = [];
  /** Masks the whole document and observes it from now on; tells whoever waited. */
  function catchUp(): void {
    if (waiting === null) return;
    if (!stopped) {
      observe(doc);
      findShadowRoots(doc);
    }
    const done = waiting;
    waiting = null;
    for (const fn of done) fn();
  }
  if (doc.readyState === 'loading') {
    // While the parser runs, the page is not painted (content.ts holds paint until whenMasked):
    // following the parser would cost a MutationObserver record per parsed node, thousands on
    // a plain page, where one walk at DOMContentLoaded sees the final state of every node,
    // whatever scripts did meanwhile. A page still parsing after PARSE_HOLD_MS (streamed
    // slowly) is masked as it is then and followed node by node from there, so it can be shown.
    const timer = setTimeout(catchUp, PARSE_HOLD_MS);
    // Animation frames run while paint is held, and a page script can read then what the hidden
    // page's innerText does not give: attributes, button labels, shadow roots, frames. Mask
    // those before each frame's callbacks (ours was asked for first, so it runs first); text
    // waits for the one pass.
    const view = doc.defaultView;
    let frame: number | undefined;
    const onFrame = () => {
      frame = undefined;
      if (waiting === null || stopped) return;
      for (const el of Array.from(doc.querySelectorAll(SPECIAL))) visitSpecial(el);
      findShadowRoots(doc);
      frame = view?.requestAnimationFrame(onFrame);
    };
    frame = view?.requestAnimationFrame(onFrame);
    const onLoaded = () => {
      clearTimeout(timer);
      if (waiting !== null) catchUp();
      else findShadowRoots(doc); // parsed since the page was shown: the hook does not see those
    };
    doc.addEventListener('DOMContentLoaded', onLoaded, { once: true });
    cleanups.push(() => {
      clearTimeout(timer);
      if (frame !== undefined) view?.cancelAnimationFrame(frame);
      doc.removeEventListener('DOMContentLoaded', onLoaded);
    });
  } else catchUp();

  function forEachRoot(fn: (root: Root) => void): void {
    for (let i = roots.length - 1; i >= 0; i--) {
      const root = roots[i]!.deref();
      if (root) fn(root);
      else roots.splice(i, 1);
    }
  }

  function stop(): void {
    stopped = true;
    for (const observer of observers) observer.disconnect();
    observers.length = 0;
    for (const cleanup of cleanups) cleanup();
    cleanups.length = 0;
    listeners.clear();
    // Nothing is masked from now on: whoever waits for the first pass must not wait forever.
    catchUp();
  }

  return {
    text,
    whenMasked(fn) {
      if (waiting === null) fn();
      else waiting.push(fn);
    },
    setRules(next) {
      rules = next;
      if (rules.length > 0) forEachRoot((root) => applyRules(root));
    },
    counts() {
      const counts: FindingCounts = {};
      const add = (type: PiiType) => (counts[type] = (counts[type] ?? 0) + 1);
      text.counts(add);
      for (const field of maskedFields) {
        const type =
          fields.isField(field) && field.isConnected ? fields.maskedType(field) : undefined;
        if (type) add(type);
        else maskedFields.delete(field);
      }
      return counts;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unmaskAll() {
      stop();
      for (const node of text.masked()) text.restore(node);
      forEachRoot((root) => {
        for (const el of Array.from(root.querySelectorAll(SPECIAL))) {
          attributes.restore(el);
          if (fields.isField(el)) fields.restore(el);
        }
      });
      maskedFields.clear();
    },
    stop,
  };
}
