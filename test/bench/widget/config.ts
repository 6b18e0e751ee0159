// Tuning and targets of the `widget` benchmark suite (issue 5, "Targets"), in one place.
import { fileURLToPath } from 'node:url';

/** The built widget, as `npm run build` writes it; CUSTODIAN_WIDGET_DIR names another build. */
export const WIDGET_DIR =
  process.env.CUSTODIAN_WIDGET_DIR ??
  fileURLToPath(new URL('../../../dist/widget/', import.meta.url));

export const TARGETS = {
  /** Issue 5: ≤ 15 KiB gzip, with every feature in. */
  gzipBytes: 15 * 1024,
  /** Issue 5: from script start to notice shown. */
  noticeMs: 50,
  /** Issue 5: zero layout shift on the host page. */
  layoutShift: 0,
} as const;

/** The sizes the issue compares with (gzip, as published by the projects). */
export const BASELINES = { vanillaCookieConsentBytes: 15.5 * 1000, klaroBytes: 69 * 1000 } as const;

/** First visits timed (fresh profile state each); the median resists a run slowed by another job. */
export const NOTICE_RUNS = 15;
