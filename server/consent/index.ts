// The consent service (issue 5: R4–R7, R9, R10, R20): published policies, signed receipts of
// customers' decisions, data requests and double opt-in verification, in consent.db beside the
// ledger, which records every policy, decision and request.
export { normalizeAddress } from './address';
export {
  CONSENT_DB_FILE,
  CONSENT_KEY_FILE,
  DATA_REQUEST_DUE_DAYS,
  MAX_CONSENT_BODY_BYTES,
  readCodeSender,
  type CodeSenderChoice,
} from './config';
export { DECISION_KIND, type RecordedDecision } from './decisions';
export { parseOrigin, policyTextHashes, POLICY_KIND } from './policies';
export type { ConsentProblem, Outcome } from './problems';
export { ConsentKeyError, loadOrCreateConsentKey, type ConsentSecrets } from './secret-key';
export {
  codeSenderFor,
  outboxSender,
  webhookSender,
  type CodeMessage,
  type CodeSender,
  type Outbox,
  type OutboxMessage,
} from './senders';
export { openConsent, type ConsentOptions, type ConsentService } from './service';
export type { SiteRow } from './store';
export {
  RETENTION_RULES,
  type AdminRequest,
  type ConsentRecords,
  type DueCount,
  type QueueStatus,
  type StatsRow,
} from './records';
export { REQUEST_KIND, REQUEST_STATUS_KIND } from './subjects';
