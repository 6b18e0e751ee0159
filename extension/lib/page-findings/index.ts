// Page findings: what PII a page shows, counted per type and kept current as the page changes.
export { countFindings, sameCounts, type Scan } from './count';
export { SKIPPED_ELEMENTS, textNodesUnder } from './text-nodes';
export { watchPageFindings, type PageFindingsWatch, type Report, type WatchOptions } from './watch';
