// `npm run scan`: checks exports and other text files for customer PII before they leave.
export { parseScanArgs, USAGE, type ScanArgs } from './args';
export { scanStream } from './scan-stream';
export { summarize } from './summary';
