// Masking customer PII on the page before it is painted (issue 3): text, shadow roots, frames,
// readable attributes and form fields; reveals put one value back for a while.
export { createMasker, type Masker } from './masker';
export { SHADOW_ROOT_EVENT, FIELD_VALUE_EVENT, POLICY_WAIT_MS } from './constants';
export { holdPaint } from './hold-paint';
export { shadowRootOf } from './shadow-root-of';
