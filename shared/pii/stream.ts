// Chunked scanning: finds PII in text that arrives in pieces (a file of any size) with offsets
// into the whole text, holding only a small window in memory, and returns masked forms only.
import type { Finding } from '../schema/pii';
import { CONTEXT_WINDOW } from './context';
import { mask } from './mask';
import { scan } from './scanner';

/** A finding of the chunked scanner, with its display form: the raw value never leaves. */
export interface MaskedFinding extends Finding {
  masked: string;
}

/**
 * Characters kept back at the end of each window: longer than any finding (an address is at most
 * 160 units after a label of 32), so a finding that starts before the hold-back ends inside the
 * window and is seen whole.
 */
const HOLD_BACK = 512;
/** Characters kept before each window's new text, so boundaries and context words look the same. */
const LEFT_CONTEXT = Math.max(64, CONTEXT_WINDOW + 32);

export interface StreamScanner {
  /** Scans the next piece of text; returns findings now certain, offsets into the whole text. */
  push(chunk: string): MaskedFinding[];
  /** Ends the text; returns the findings still held back. */
  end(): MaskedFinding[];
}

/**
 * A scanner for text that arrives in chunks. Contract:
 * - the findings of all `push` calls and `end` equal `scan(whole text)`, in order, whatever the
 *   chunk sizes (surrogate pairs may be split across chunks);
 * - memory is bounded by the largest chunk plus a constant, not by the length of the text.
 *
 * @example
 * const s = createStreamScanner();
 * [...s.push('电话 138 12'), ...s.push('34 5678'), ...s.end()] // one phone at [3, 16)
 */
export function createStreamScanner(): StreamScanner {
  let window = ''; // text from absolute offset `base`
  let base = 0;
  let emitFrom = 0; // absolute offset before which every finding has been emitted
  let ended = false;

  function take(final: boolean): MaskedFinding[] {
    const limit = final ? window.length : window.length - HOLD_BACK;
    if (limit <= emitFrom - base) return [];
    const found: MaskedFinding[] = [];
    let cut = limit;
    for (const f of scan(window)) {
      const start = base + f.start;
      if (start < emitFrom) continue; // seen whole in an earlier window
      if (f.start >= limit) break;
      found.push({
        type: f.type,
        start,
        end: base + f.end,
        level: f.level,
        confidence: f.confidence,
        masked: mask(f.type, window.slice(f.start, f.end)),
      });
      cut = Math.max(cut, f.end);
    }
    emitFrom = base + cut;
    const keepFrom = Math.max(0, cut - LEFT_CONTEXT);
    window = window.slice(keepFrom);
    base += keepFrom;
    return found;
  }

  return {
    push(chunk) {
      if (ended) throw new Error('createStreamScanner: push() after end(); create a new scanner.');
      window += chunk;
      return window.length - (emitFrom - base) > 2 * HOLD_BACK ? take(false) : [];
    },
    end() {
      if (ended) return [];
      ended = true;
      return take(true);
    },
  };
}
