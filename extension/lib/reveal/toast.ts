// A short message at the bottom of the page (why a reveal did not happen), in a closed shadow
// root so the page cannot read or hide it and the masker never scans it.

/** How long a toast stays: long enough to read two sentences. */
const TOAST_MS = 6000;

export function showToast(doc: Document, message: string): void {
  const host = doc.createElement('custodian-toast');
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>
    div { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); z-index: 2147483647;
      max-width: min(480px, 90vw); padding: 10px 14px; border-radius: 8px; background: #0f172a;
      color: #f8fafc; font: 13px/1.5 system-ui, "Microsoft YaHei", sans-serif;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.25); }
  </style><div role="status"></div>`;
  root.querySelector('div')!.textContent = message;
  (doc.body ?? doc.documentElement).append(host);
  setTimeout(() => host.remove(), TOAST_MS);
}
