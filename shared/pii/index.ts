// The PII engine: detection (`scan`), display masking (`mask`, `maskText`), the partial form a
// `partial` reveal shows (`partialForm`) and scanning of long or growing inputs
// (`createStreamScanner`, `scanAppended`).
export { scan } from './scanner';
export { mayHoldPii } from './may-hold-pii';
export { mask } from './mask';
export { partialForm } from './partial-form';
export { maskText, revealSpans, type MaskedSpan, type MaskedText } from './mask-text';
export { scanAppended, appendWindow, APPEND_REWIND } from './append';
export { createStreamScanner, type MaskedFinding, type StreamScanner } from './stream';
export { normalizeValue } from './normalize';
export { PII_LEVEL } from './types';
export type { Finding, PiiLevel, PiiType } from '../schema/pii';
