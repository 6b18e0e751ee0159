// Walks the text a page shows: the text nodes under a root, minus those no one reads on screen.

/**
 * Elements whose text is not page content: code, styles, inert templates, and form fields whose
 * text node is only the initial value (a textarea's live value is not in the DOM; form fields get
 * their own handling when masking comes).
 */
export const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'TEXTAREA',
  'NOSCRIPT',
]);

const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;
const isText = (node: Node): node is Text => node.nodeType === Node.TEXT_NODE;
const isDocument = (node: Node): node is Document => node.nodeType === Node.DOCUMENT_NODE;

/**
 * Yields the non-blank text nodes below `root` (a document, fragment or element), in document
 * order. The root is a parameter so the walk runs on any document under test.
 * Not yet covered: open shadow roots, and text split across elements (`<b>138</b>-1234-5678` is
 * two nodes, scanned apart). Iframes are covered by their own content script (all_frames).
 */
export function* textNodesUnder(root: Node): Generator<Text> {
  const doc = isDocument(root) ? root : root.ownerDocument;
  if (!doc) return;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (isElement(node)) {
        // REJECT skips the element's whole subtree; SKIP only the element itself.
        return SKIPPED_ELEMENTS.has(node.tagName.toUpperCase())
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP;
      }
      return isText(node) && node.data.trim() !== ''
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (isText(node)) yield node;
  }
}
