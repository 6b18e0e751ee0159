// Second-level review (R16): the server opens a case when a behaviour rule fires, reveals stay
// blocked while it is open, and a reviewer or admin closes it with a decision and a comment. Opening
// and deciding are ledger entries.
//
// - At most one case is open per staff member (the store's unique index keeps it so).
// - Both decisions close the case; only an approval widens the rules (evaluateWithApprovals).
import {
  ReviewDecisionBodySchema,
  ReviewStatusSchema,
  UuidSchema,
  type ReviewCase,
  type ReviewStatus,
  type RuleFiring,
} from '../../shared/schema';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import { MAX_CASES_LISTED } from './config';
import { isoAt, newId, record, type GovernanceContext } from './context';

/**
 * Opens a case for the staff member, unless one is open already (then that one is returned):
 * call inside a store transaction, so the check and the insert are one.
 *
 * @example
 *   openCase(ctx, 'CS-0420', fired, { kind: 'reveal', at: isoAt(now), piiType: 'phone', page });
 */
export function openCase(
  ctx: GovernanceContext,
  staffId: string,
  fired: RuleFiring[],
  trigger: ReviewCase['trigger'],
): ReviewCase {
  const open = ctx.store.openCase(staffId);
  if (open) return open;
  const opened: ReviewCase = {
    caseId: newId(ctx),
    staffId,
    openedAt: isoAt(ctx.now()),
    fired,
    trigger,
    status: 'open',
    decidedAt: null,
    decidedBy: null,
    comment: null,
  };
  ctx.store.insertCase(opened);
  record(ctx, { kind: 'review-opened', at: opened.openedAt, case: opened });
  return opened;
}

const unknownCase = <T>(): Outcome<T> =>
  refuse(
    404,
    'unknown-case',
    'No such review case. Take the caseId from the list: GET /v1/admin/reviews?status=open.',
  );

/**
 * Review cases, newest first, of one status or all (`GET /v1/admin/reviews`).
 *
 * @example
 *   listReviews(ctx, 'open'); // { ok: true, value: [{ caseId, staffId, fired, … }] }
 */
export function listReviews(
  ctx: GovernanceContext,
  status: string | undefined,
): Outcome<ReviewCase[]> {
  const parsed = ReviewStatusSchema.optional().safeParse(status);
  if (!parsed.success) {
    return refuse(400, 'bad_query', 'status must be open, approved or rejected (or left out).');
  }
  return done(ctx.store.cases(parsed.data, MAX_CASES_LISTED));
}

/**
 * One review case (`GET /v1/admin/reviews/:caseId`).
 *
 * @example
 *   reviewCase(ctx, caseId); // { ok: true, value: { caseId, status: 'open', … } }
 */
export function reviewCase(ctx: GovernanceContext, caseId: string): Outcome<ReviewCase> {
  const found = UuidSchema.safeParse(caseId).success ? ctx.store.case(caseId) : undefined;
  return found ? done(found) : unknownCase();
}

/**
 * Decides an open case (`POST /v1/admin/reviews/:caseId/decision`); 409 when decided already.
 *
 * @example
 *   decideReview(ctx, 'zhao.min', caseId, { decision: 'approve', comment: 'Year-end campaign calls.' });
 *   // { ok: true, value: { …, status: 'approved', decidedBy: 'zhao.min' } }
 */
export function decideReview(
  ctx: GovernanceContext,
  by: string,
  caseId: string,
  input: unknown,
): Outcome<ReviewCase> {
  const found = reviewCase(ctx, caseId);
  if (!found.ok) return found;
  const body = ReviewDecisionBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"decision": "approve" | "reject", "comment": "what you found"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { decision, comment } = body.data;
  return ctx.store.transaction(() => {
    const current = ctx.store.case(found.value.caseId)!;
    const status: ReviewStatus = decision === 'approve' ? 'approved' : 'rejected';
    const at = isoAt(ctx.now());
    const decided: ReviewCase = { ...current, status, decidedAt: at, decidedBy: by, comment };
    if (current.status !== 'open' || !ctx.store.decideCase(decided)) {
      return refuse<ReviewCase>(
        409,
        'review-decided',
        `This case was already ${current.status} by ${current.decidedBy} at ${current.decidedAt}; a decision is final.`,
      );
    }
    record(ctx, {
      kind: 'review-decided',
      by,
      at,
      caseId: current.caseId,
      staffId: current.staffId,
      decision,
      comment,
    });
    return done(decided);
  });
}
