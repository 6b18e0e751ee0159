// The record's decisions over time: queued while the service is unreachable, applied when it
// confirms them, and which of them count meanwhile (R3, R6: a refusal at once, a grant when proven).
import { RETRY_FIRST_MS, RETRY_MAX_MS } from '../constants';
import { grantedPurposes } from '../../shared/consent/state';
import type {
  ConsentPolicy,
  DecisionResponse,
  PendingDecision,
  PurposeDecision,
  SignedReceipt,
  WidgetStore,
} from '../../shared/schema/consent';

/** `base` with each purpose decided in `over` replaced by that decision. */
export const mergeDecisions = (
  base: readonly PurposeDecision[],
  over: readonly PurposeDecision[],
): PurposeDecision[] => [
  ...base.filter((d) => !over.some((o) => o.purpose === d.purpose)),
  ...over,
];

const refusal = (purpose: string): PurposeDecision => ({
  purpose,
  granted: false,
  expiresAt: null,
});

/**
 * The decisions in force: the confirmed ones, with every refusal still waiting to be sent applied
 * already. A grant waiting to be sent does not count (get() is false, its scripts do not run).
 */
export const decisionsInForce = (record: WidgetStore): PurposeDecision[] =>
  record.pending.reduce<PurposeDecision[]>(
    (acc, p) =>
      mergeDecisions(
        acc,
        p.decisions.filter((d) => !d.granted),
      ),
    record.decisions,
  );

/** What the customer last chose, sent or not: a queued decision is not asked for again. */
export const decisionsChosen = (record: WidgetStore): PurposeDecision[] =>
  record.pending.reduce<PurposeDecision[]>(
    (acc, p) => mergeDecisions(acc, p.decisions),
    record.decisions,
  );

/**
 * Queues a decision made under `policy` and makes it the policy decided under. Confirmed grants
 * that no longer hold under `policy` (changed terms, expired) become refusals, so that moving the
 * record to the new version cannot revive them before the service confirms the new decision.
 */
export function queueDecision(
  record: WidgetStore,
  policy: ConsentPolicy,
  pending: PendingDecision,
  now: Date,
): WidgetStore {
  const holding = grantedPurposes(policy, record, now);
  return {
    ...record,
    policy,
    decisions: record.decisions.map((d) =>
      d.granted && !holding.has(d.purpose) ? refusal(d.purpose) : d,
    ),
    pending: [...record.pending, pending],
  };
}

/** The service recorded `decisionId`: its receipt's decisions apply; the first credentials stay. */
export function confirmDecision(
  record: WidgetStore,
  decisionId: string,
  answer: DecisionResponse,
): WidgetStore {
  const { receipt } = answer;
  return {
    ...record,
    subject: record.subject ?? answer.subject ?? null,
    decisions: mergeDecisions(record.decisions, receipt.body.decisions),
    pending: record.pending.filter((p) => p.request.decisionId !== decisionId),
    receipts: [
      ...record.receipts.filter((r) => r.body.receiptId !== receipt.body.receiptId),
      receipt,
    ],
  };
}

/**
 * The service refused `decisionId` for good (a 4xx): it leaves the queue, but its refusals stay in
 * force, since the customer did refuse; its grants are lost and asked again later.
 */
export function dropDecision(record: WidgetStore, decisionId: string): WidgetStore {
  const dropped = record.pending.find((p) => p.request.decisionId === decisionId);
  return {
    ...record,
    decisions: mergeDecisions(record.decisions, dropped?.decisions.filter((d) => !d.granted) ?? []),
    pending: record.pending.filter((p) => p !== dropped),
  };
}

/** Local mode (no service): a decision applies at once and completely. */
export const applyLocally = (
  record: WidgetStore,
  policy: ConsentPolicy,
  decisions: PurposeDecision[],
): WidgetStore => ({ ...record, policy, decisions });

/** The decisions a subject's receipts state, later receipts over earlier ones. */
export const decisionsFromReceipts = (receipts: readonly SignedReceipt[]): PurposeDecision[] =>
  receipts.reduce<PurposeDecision[]>((acc, r) => mergeDecisions(acc, r.body.decisions), []);

/** The wait before resend number `attempt` (from 0) while the service is unreachable: doubling. */
export const retryDelay = (attempt: number): number =>
  Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS);
