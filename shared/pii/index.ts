// The PII engine: detection (`scan`), display masking (`mask`, `maskText`) and scanning of long or
// growing inputs (`createStreamScanner`, `scanAppended`).
export { scan } from './scanner';
export { mask } from './mask';
export { maskText, revealSpans, type MaskedSpan, type MaskedText } from './mask-text';
export { scanAppended, appendWindow, APPEND_REWIND } from './append';
export { createStreamScanner, type MaskedFinding, type StreamScanner } from './stream';
export { normalizeValue } from './normalize';
export { PII_LEVEL } from './types';
export type { Finding, PiiLevel, PiiType } from '../schema/pii';
