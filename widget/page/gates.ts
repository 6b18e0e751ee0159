// The host page's consent-gated elements (issue 5, deliverable 4): scripts written as
// `<script type="text/plain" data-consent="PURPOSE">` and `<iframe data-consent="PURPOSE" data-src>`.

/**
 * Brings the page in line with the purposes granted. Contract:
 * - a gated script runs once its purpose is granted, by being replaced with a real `<script>`
 *   (attributes, `nonce`, inline text copied; `async` off, so several keep their order), so it can
 *   never run twice; a script that ran stays run (nothing can unrun it), and after a withdrawal
 *   no new one runs;
 * - a gated iframe gets its `data-src` when granted and `about:blank` when not.
 */
export function applyGates(doc: Document, granted: ReadonlySet<string>): void {
  for (const old of doc.querySelectorAll<HTMLScriptElement>(
    'script[type="text/plain"][data-consent]',
  )) {
    if (!granted.has(old.dataset.consent ?? '')) continue;
    const script = doc.createElement('script');
    for (const { name, value } of old.attributes)
      if (name !== 'type') script.setAttribute(name, value);
    // The nonce attribute reads empty once parsed (CSP hides it); the property keeps it.
    script.nonce = old.nonce ?? '';
    script.async = false;
    script.text = old.text;
    old.replaceWith(script);
  }
  for (const frame of doc.querySelectorAll<HTMLIFrameElement>('iframe[data-consent]')) {
    const want = granted.has(frame.dataset.consent ?? '') ? (frame.dataset.src ?? null) : null;
    const has = frame.getAttribute('src');
    if (want !== null && has !== want) frame.src = want;
    else if (want === null && has !== null && has !== 'about:blank') frame.src = 'about:blank';
  }
}
