// What the background records about staff access (R15): page views and keyed value hashes.
export { valueHash } from './value-hash';
export { createPageViewLog, type PageViewLog } from './page-views';
export { countReveal, revealsOn } from './reveal-counter';
