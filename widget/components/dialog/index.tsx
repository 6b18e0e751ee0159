// The modal dialog every screen shows in: labelled by its title, Tab and Shift+Tab kept inside,
// Esc closes where `onClose` is given (each screen also has a button for it). The App moves focus
// in on each screen and back on close.
import type { ComponentChildren, Ref } from 'preact';
import type { Strings } from '../../i18n/strings';

const FOCUSABLE = 'a[href],button:not(:disabled),input:not(:disabled)';

/** The focused element: inside `el`'s shadow root if focus is there, else the document's. */
export const activeIn = (el: Element): Element | null => {
  const root = el.getRootNode();
  return (root instanceof ShadowRoot && root.activeElement) || el.ownerDocument.activeElement;
};

export function Dialog(props: {
  title: string;
  t: Strings;
  /** Status of the last action, read out by screen readers. */
  status: string;
  dialogRef: Ref<HTMLDivElement>;
  onLanguage: () => void;
  onClose?: (() => void) | undefined;
  children: ComponentChildren;
}) {
  const { title, t, status, onClose } = props;
  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.currentTarget;
    if (!(el instanceof HTMLElement)) return;
    if (e.key === 'Escape' && onClose) {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const active = activeIn(el);
      const last = items[items.length - 1];
      if (e.shiftKey ? active === el || active === items[0] : active === last) {
        e.preventDefault();
        (e.shiftKey ? last : items[0])?.focus();
      }
    }
  };
  return (
    <div class="ov">
      <div
        ref={props.dialogRef}
        class="dlg"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ttl"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div class="hd">
          <h2 id="ttl">{title}</h2>
          <button
            type="button"
            lang={t.other === '中文' ? 'zh-CN' : 'en'}
            aria-label={t.otherLabel}
            onClick={props.onLanguage}
          >
            {t.other}
          </button>
        </div>
        <p class="sr" role="status">
          {status}
        </p>
        {props.children}
      </div>
    </div>
  );
}
