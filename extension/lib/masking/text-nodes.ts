// Masks text nodes in place: the node stays the same object (so the page's framework keeps its
// references) and only the masked ranges of its data change. Remembers each masked value's raw
// form for reveals, and handles text that grows at its end in time proportional to the growth.
import type { Finding, PiiType } from '../../../shared/pii';
import { appendWindow, mask, maskText, mayHoldPii, scan } from '../../../shared/pii';
import { APPEND_STATE_LENGTH, MIN_SCAN_LENGTH } from './constants';

/** Most text nodes: whitespace between tags, labels, prose (see mayHoldPii). */
const NO_FINDINGS: readonly Finding[] = [];

/** One masked value in a node, at its place in the node's current data. */
export interface NodeSpan {
  type: PiiType;
  start: number;
  end: number;
  raw: string;
  masked: string;
  shown: boolean;
}

/** What the masker knows about one text node that holds PII, or is long enough to grow. */
export interface TextState {
  /** In order, not overlapping, offsets into `written`. */
  spans: NodeSpan[];
  /** The node's data as the masker last left it: a node showing it is up to date. */
  written: string;
  /** Set by a site rule: the whole text is one value of this type. */
  ruleType?: PiiType;
}

/**
 * Whether a text node with PII must be left as it is: being edited by the person, or not page
 * text (inside script, style, template, textarea). Asked only for nodes that hold PII, so the
 * common case costs nothing.
 */
export type LeaveAlone = (node: Text) => boolean;

export interface TextMasker {
  /** Masks the node's current text if it changed since last seen; returns values masked. */
  update(node: Text): number;
  /**
   * `update` for `first` and every text node `walker` gives after it, up to `stop` (excluded):
   * a sweep's loop, with the common node (never masked, and short or with nothing a finding
   * starts at) passed over in the loop itself.
   */
  updateWalk(walker: TreeWalker, first: Node | null, stop?: Node | null): void;
  /** Treats the node's whole text as one value of `type` (site selector rules). */
  applyRule(node: Text, type: PiiType): number;
  state(node: Text): TextState | undefined;
  /**
   * Shows or hides one span; returns false when the node no longer shows that span. `text` is
   * what to show instead of the raw value (a partial reveal's partial form).
   */
  setShown(node: Text, span: number, shown: boolean, text?: string): boolean;
  /** Puts the raw text back (page not protected after all, or protection paused). */
  restore(node: Text): void;
  /** Counts of masked values per type in connected nodes; forgets disconnected nodes. */
  counts(add: (type: PiiType) => void): void;
  /** Every node currently masked (connected or not), for unmasking. */
  masked(): Iterable<Text>;
  /** The node's text as the page wrote it (its data when the masker has not changed it). */
  rawOf(node: Text): string;
}

/** The node's text as the page wrote it: its current data with every span's raw value. */
function rawText(st: TextState): string {
  let out = '';
  let from = 0;
  for (const span of st.spans) {
    out += st.written.slice(from, span.start) + span.raw;
    from = span.end;
  }
  return out + st.written.slice(from);
}

/**
 * Where a node's state is kept: a property of the content script's own wrapper of the node. The
 * page never sees it (Chromium and Firefox give each isolated world its own wrapper objects), it
 * lives exactly as long as the wrapper (so as a WeakMap entry would), and a property store costs
 * far less than a WeakMap entry, whose hash table grows and rehashes and makes every collection
 * trace ephemerons, when a table of 40,000 values is masked at once.
 */
type WithState = Text & Record<symbol, TextState | undefined>;

/**
 * Contract:
 * - a node whose data equals what the masker last left is not scanned again (our own writes come
 *   back as characterData records);
 * - a node whose data starts with what was left grew at the end (the parser appending, a log
 *   view): only the end is scanned and only new values are written, with `replaceData`, so a
 *   node grown n times costs O(total growth), not O(n × length), in our code;
 * - a node `leaveAlone` names (being edited, or not page text) is left as it is;
 * - only nodes with PII or of APPEND_STATE_LENGTH have state, on the node's wrapper: removed
 *   nodes are collected with the page's.
 */
export function createTextMasker(leaveAlone: LeaveAlone): TextMasker {
  // One key per masker, so a masker started after another stopped knows nothing of its nodes, as
  // with a WeakMap each. A cast to add our own property to our own wrapper: nothing read from
  // outside is cast.
  const STATE = Symbol('custodian.text-state');
  const states = {
    get: (node: Text): TextState | undefined => (node as WithState)[STATE],
    set: (node: Text, st: TextState): void => void ((node as WithState)[STATE] = st),
    delete: (node: Text): void => void ((node as WithState)[STATE] = undefined),
  };
  /** Nodes holding masked values; pruned of disconnected nodes when counted. */
  const holding = new Set<Text>();

  /** Drops what is known of `node` (nothing to forget for a node never seen: the common case). */
  function forget(node: Text, st: TextState | undefined): void {
    if (st === undefined) return;
    states.delete(node);
    holding.delete(node);
  }

  /** Masks `data` from scratch; `st` is the node's state before, if any; `findings` are the
   * data's, when the caller has them already. */
  function maskWhole(
    node: Text,
    data: string,
    st?: TextState,
    ruleType?: PiiType,
    findings: readonly Finding[] = ruleType
      ? wholeFinding(data, ruleType)
      : mayHoldPii(data)
        ? scan(data)
        : NO_FINDINGS,
  ): number {
    if (findings.length === 0 && data.length >= APPEND_STATE_LENGTH) {
      // No PII yet, but long enough that re-scanning it whole on every append would add up.
      states.set(node, { spans: [], written: data });
      return 0;
    }
    if (findings.length === 0 || leaveAlone(node)) {
      forget(node, st);
      return 0;
    }
    const { masked, spans } = maskText(data, findings);
    const next: TextState = {
      written: masked,
      ruleType,
      spans: spans.map((s) => ({
        type: s.type,
        start: s.start,
        end: s.end,
        raw: data.slice(s.rawStart, s.rawEnd),
        masked: masked.slice(s.start, s.end),
        shown: false,
      })),
    };
    states.set(node, next);
    holding.add(node);
    node.data = masked;
    return spans.length;
  }

  /** Masks only what is new at the end of a grown node. */
  function maskAppended(node: Text, st: TextState, data: string): number {
    const window = appendWindow(data, st.written.length);
    if (!window) return maskWhole(node, rawText({ ...st, written: data }), st);
    const lastEnd = st.spans.length > 0 ? st.spans[st.spans.length - 1]!.end : 0;
    const added: NodeSpan[] = [];
    for (const f of scan(data.slice(window.from))) {
      const start = f.start + window.from;
      // Before the restart point nothing changed; a hit on an old masked value is that value.
      if (start < window.restart || start < lastEnd) continue;
      const raw = data.slice(start, f.end + window.from);
      added.push({
        type: f.type,
        start,
        end: start + raw.length,
        raw,
        masked: mask(f.type, raw),
        shown: false,
      });
    }
    if (added.length > 0 && leaveAlone(node)) return 0;
    if (added.length > 0) holding.add(node);
    // Write from the last value back, so earlier offsets stay valid while lengths change.
    let shift = 0;
    for (let i = added.length - 1; i >= 0; i--) {
      const span = added[i]!;
      node.replaceData(span.start, span.end - span.start, span.masked);
    }
    for (const span of added) {
      span.start += shift;
      shift += span.masked.length - span.raw.length;
      span.end = span.start + span.masked.length;
      st.spans.push(span);
    }
    st.written = node.data;
    return added.length;
  }

  /** `update` with the node's data already read. */
  function updateWith(node: Text, data: string): number {
    const st = states.get(node);
    if (st) {
      if (data === st.written) {
        if (st.spans.length > 0) holding.add(node); // back in the page after a move
        return 0;
      }
      if (st.ruleType) return maskWhole(node, data, st, st.ruleType);
      if (
        data.length > st.written.length &&
        !st.spans.some((s) => s.shown) &&
        data.startsWith(st.written)
      ) {
        return maskAppended(node, st, data);
      }
    }
    if (data.length < MIN_SCAN_LENGTH) {
      forget(node, st);
      return 0;
    }
    return maskWhole(node, data, st);
  }

  return {
    update: (node) => updateWith(node, node.data),
    updateWalk(walker, first, stop = null) {
      // A page's first pass visits thousands of text nodes in a script context the JIT has not
      // warmed yet, where each call costs: most are whitespace between tags or labels, which
      // `updateWith` would leave alone too (no state to forget, nothing to scan or keep).
      for (let n = first; n !== null && n !== stop; n = walker.nextNode()) {
        const node = n as Text;
        const data = node.data;
        if ((node as WithState)[STATE] !== undefined || data.length >= APPEND_STATE_LENGTH) {
          updateWith(node, data);
        } else if (data.length >= MIN_SCAN_LENGTH && mayHoldPii(data)) {
          // What updateWith does for such a node, without testing mayHoldPii a second time.
          maskWhole(node, data, undefined, undefined, scan(data));
        }
      }
    },
    applyRule(node, type) {
      const st = states.get(node);
      const current = st && node.data === st.written;
      if (current && st.ruleType === type) return 0;
      return maskWhole(node, current ? rawText(st) : node.data, st, type);
    },
    state: (node) => states.get(node),
    setShown(node, index, shown, text) {
      const st = states.get(node);
      const span = st?.spans[index];
      if (!st || !span || node.data !== st.written || span.shown === shown) return false;
      const next = shown ? (text ?? span.raw) : span.masked;
      const delta = next.length - (span.end - span.start);
      node.replaceData(span.start, span.end - span.start, next);
      span.shown = shown;
      span.end += delta;
      for (const later of st.spans.slice(index + 1)) {
        later.start += delta;
        later.end += delta;
      }
      st.written = node.data;
      return true;
    },
    restore(node) {
      const st = states.get(node);
      if (!st) return;
      states.delete(node);
      holding.delete(node);
      if (node.data === st.written) node.data = rawText(st);
    },
    counts(add) {
      for (const node of holding) {
        const st = states.get(node);
        if (!st || !node.isConnected || node.data !== st.written) {
          holding.delete(node);
          continue;
        }
        for (const span of st.spans) add(span.type);
      }
    },
    masked: () => [...holding],
    rawOf(node) {
      const st = states.get(node);
      return st && node.data === st.written ? rawText(st) : node.data;
    },
  };
}

function wholeFinding(text: string, type: PiiType) {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? [{ type, start, end, level: 2 as const, confidence: 1 }] : [];
}
