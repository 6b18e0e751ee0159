// Keeps a document from being painted until the policy is known: site rules (names, addresses)
// cannot be applied before, and a frame painted in between would show them raw.

/**
 * Hides `doc` with an adopted style sheet (usable at document_start, before <html> exists, and
 * not a node the page could see); returns the function that shows it again. The hold ends after
 * `maxMs` even if nobody releases it, so a stalled extension never leaves a blank page.
 */
export function holdPaint(doc: Document, maxMs: number): () => void {
  const view = doc.defaultView;
  if (!view) return () => undefined;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(':root { visibility: hidden !important; }');
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  const timer = setTimeout(release, maxMs);
  return release;
}
