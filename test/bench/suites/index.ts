// Every benchmark suite, in the order `npm run bench` runs them. Add a suite with one line here.
import type { BenchSuite } from '../suite';
import { activitySuite } from './activity';
import { maskingSuite } from './masking';
import { ledgerSuite } from './ledger';
import { queueSuite } from './queue';
import { scannerSuite } from './scanner';
import { widgetSuite } from './widget';

export const SUITES: readonly BenchSuite[] = [
  scannerSuite,
  maskingSuite,
  ledgerSuite,
  queueSuite,
  widgetSuite,
  activitySuite,
];
