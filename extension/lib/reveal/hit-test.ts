// Finds the masked value under a click: the text node and character offset at the point, then
// the masked span holding that offset.
import type { PiiType } from '../../../shared/pii';
import type { TextMasker } from '../masking/text-nodes';

export interface MaskedHit {
  node: Text;
  span: number;
  type: PiiType;
  raw: string;
}

/** Chromium ≥ 128's caretPositionFromPoint, which pierces the shadow roots it is given. */
interface CaretDocument {
  caretPositionFromPoint?(
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ): { offsetNode: Node; offset: number } | null;
}

/** Every shadow root between the document and `target`, innermost first. */
function shadowRootsOf(target: Node): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (
    let root = target.getRootNode();
    root instanceof ShadowRoot;
    root = root.host.getRootNode()
  ) {
    roots.push(root);
  }
  return roots;
}

/**
 * The masked span at viewport point (x, y), if any. `target` is the clicked element (the first
 * entry of the event's composed path), whose shadow roots the caret lookup must see into.
 */
export function maskedSpanAt(
  doc: Document,
  target: Node,
  x: number,
  y: number,
  text: TextMasker,
): MaskedHit | undefined {
  const caret = (doc as unknown as CaretDocument).caretPositionFromPoint?.(x, y, {
    shadowRoots: shadowRootsOf(target),
  });
  const node = caret?.offsetNode;
  if (!caret || !node || node.nodeType !== 3) return undefined;
  const st = text.state(node as Text);
  if (!st || (node as Text).data !== st.written) return undefined;
  // A click on a value's last character puts the caret after it: count the end as inside.
  const index = st.spans.findIndex((s) => caret.offset >= s.start && caret.offset <= s.end);
  const span = st.spans[index];
  if (!span || span.shown) return undefined;
  return { node: node as Text, span: index, type: span.type, raw: span.raw };
}
