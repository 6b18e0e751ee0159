// Page findings: what PII a page shows (as the masker counts it), kept current as the page changes.
export { sameCounts } from './count';
export { watchPageFindings, type PageFindingsWatch, type Report, type WatchOptions } from './watch';
