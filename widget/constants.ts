// The widget's tuning constants, each with why it has its value.

/** First wait before resending a decision the service did not take: long enough for a restart. */
export const RETRY_FIRST_MS = 5_000;
/** Longest wait between resends: an outage is not worth more than one request per 5 minutes. */
export const RETRY_MAX_MS = 300_000;
/** Consent Mode waits this long for our update before tags fire (the policy is one fetch away). */
export const GCM_WAIT_FOR_UPDATE_MS = 500;
/** Above every page element: the notice must not hide behind a sticky header. */
export const Z_INDEX = 2147483647;
