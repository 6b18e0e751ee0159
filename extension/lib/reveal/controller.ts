// Reveal on click (R12): a click on a masked value asks the background, which decides by the
// staff member's role and records the event first; an allowed value shows for the policy's
// time (whole, or its partial form when the right is partial) and is masked again.
import { partialForm } from '../../../shared/pii';
import type { RevealAnswer, RevealRequest } from '../../../shared/schema';
import type { TextMasker } from '../masking/text-nodes';
import { maskedSpanAt } from './hit-test';
import { askReason } from './reason-prompt';

/** Sends a request to the background; rejects when the background cannot be reached. */
export type AskBackground = (request: RevealRequest) => Promise<RevealAnswer>;

export interface RevealOptions {
  doc: Document;
  /** The masker's text side now (a resumed page gets a new masker); none while paused. */
  text: () => TextMasker | undefined;
  ask: AskBackground;
  page: () => RevealRequest['page'];
  /** Tells the staff member why a reveal did not happen (a toast). */
  notify: (message: string) => void;
}

/**
 * Listens for clicks on masked values. Contract:
 * - the value shows only after the background answered `allowed`, which it does only once the
 *   event is stored; any other answer or a failure leaves it masked;
 * - a `partial` answer shows `partialForm(type, value)`, never the raw value;
 * - a reason, when required, is asked once; cancelling reveals nothing;
 * - after `seconds` the value is masked again, even if the page changed it meanwhile (then the
 *   page's new text is masked as any new text is);
 * - copying while a value is revealed copies its masked form: a reveal is for the eyes only.
 */
export function watchReveals(options: RevealOptions): () => void {
  const { doc, text, ask, notify } = options;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Values on screen now, as shown (raw or partial) → masked, for the copy handler. */
  const revealed = new Map<string, string>();

  async function reveal(event: MouseEvent): Promise<void> {
    const target = event.composedPath()[0];
    if (!(target instanceof Node)) return;
    const masker = text();
    if (!masker) return;
    const hit = maskedSpanAt(doc, target, event.clientX, event.clientY, masker);
    if (!hit) return;
    const base = {
      type: 'reveal-request',
      piiType: hit.type,
      value: hit.raw,
      page: options.page(),
    } as const;
    let answer: RevealAnswer;
    try {
      answer = await ask(base);
      if (answer.status === 'reason-required') {
        const reason = await askReason(doc, hit.type);
        if (reason === null) return;
        answer = await ask({ ...base, reason });
      }
    } catch {
      notify('无法联系扩展程序，未显示原文。The extension did not answer; nothing was revealed.');
      return;
    }
    if (answer.status === 'refused') {
      notify(answer.why);
      return;
    }
    if (answer.status !== 'allowed') return;
    const shown = answer.access === 'partial' ? partialForm(hit.type, hit.raw) : hit.raw;
    if (!masker.setShown(hit.node, hit.span, true, shown)) return;
    const masked = masker.state(hit.node)?.spans[hit.span]?.masked;
    // A partial form equal to the masked one (nothing more to show) needs no copy rewrite.
    if (masked && shown !== masked) revealed.set(shown, masked);
    const timer = setTimeout(() => {
      timers.delete(timer);
      revealed.delete(shown);
      masker.setShown(hit.node, hit.span, false);
    }, answer.seconds * 1000);
    timers.add(timer);
  }

  const onClick = (event: MouseEvent) => {
    if (event.button !== 0) return;
    void reveal(event);
  };
  const onCopy = (event: ClipboardEvent) => {
    if (revealed.size === 0 || !event.clipboardData) return;
    let text = doc.getSelection()?.toString() ?? '';
    let changed = false;
    for (const [raw, masked] of revealed) {
      if (text.includes(raw)) {
        text = text.split(raw).join(masked);
        changed = true;
      }
    }
    if (!changed) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('copy', onCopy, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('copy', onCopy, true);
    for (const timer of timers) clearTimeout(timer);
  };
}
