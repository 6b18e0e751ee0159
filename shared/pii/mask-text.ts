// Masks every finding in a text at once and remembers where each masked value sits, so a page's
// text node can show the masked text and one value can later be revealed in place.
import type { Finding, PiiType } from '../schema/pii';
import { mask } from './mask';
import { scan } from './scanner';

/** One masked value: its type, its place in the raw text and in the masked text. */
export interface MaskedSpan {
  type: PiiType;
  rawStart: number;
  rawEnd: number;
  start: number;
  end: number;
}

export interface MaskedText {
  /** The text with every finding replaced by its masked form. */
  masked: string;
  /** In order, not overlapping; empty when the text holds no PII. */
  spans: MaskedSpan[];
}

/**
 * Masks `findings` (default: `scan(text)`) in `text`. Spans index both texts; only e-mail masks
 * change length, so most spans have equal raw and masked offsets.
 *
 * @example
 *   maskText('电话 13812345678');
 *   // { masked: '电话 138****5678', spans: [{ type: 'phone', rawStart: 3, rawEnd: 14, start: 3, end: 14 }] }
 */
export function maskText(text: string, findings: readonly Finding[] = scan(text)): MaskedText {
  if (findings.length === 0) return { masked: text, spans: [] };
  let masked = '';
  let from = 0;
  const spans: MaskedSpan[] = [];
  for (const f of findings) {
    masked += text.slice(from, f.start);
    const start = masked.length;
    masked += mask(f.type, text.slice(f.start, f.end));
    spans.push({ type: f.type, rawStart: f.start, rawEnd: f.end, start, end: masked.length });
    from = f.end;
  }
  masked += text.slice(from);
  return { masked, spans };
}

/**
 * The text with the spans in `shown` put back raw and every other span masked: what a node shows
 * while some of its values are revealed.
 */
export function revealSpans(raw: string, result: MaskedText, shown: ReadonlySet<number>): string {
  if (shown.size === 0) return result.masked;
  let out = '';
  let from = 0;
  result.spans.forEach((span, i) => {
    out += result.masked.slice(from, span.start);
    out += shown.has(i)
      ? raw.slice(span.rawStart, span.rawEnd)
      : result.masked.slice(span.start, span.end);
    from = span.end;
  });
  return out + result.masked.slice(from);
}
