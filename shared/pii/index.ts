// The PII engine: detection (`scan`), display masking (`mask`) and chunked scanning of long inputs.
export { scan } from './scanner';
export { mask } from './mask';
export { createStreamScanner, type MaskedFinding, type StreamScanner } from './stream';
export { PII_LEVEL } from './types';
export type { Finding, PiiLevel, PiiType } from '../schema/pii';
