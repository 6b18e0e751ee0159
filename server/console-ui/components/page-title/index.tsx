// A page's one h1, focusable by script so the shell can move focus to it after navigation (a
// screen reader then reads where it landed), and the document title kept in step.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

export function PageTitle({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Custodian`;
  }, [title]);
  return (
    <div class="page-title">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}
