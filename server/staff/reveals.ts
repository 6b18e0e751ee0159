// Server-authorized reveals (issue 6: R12–R14, R16): the extension asks before it shows a value,
// and the server decides with decideGovernedReveal over its own history of the staff member.
//
// - A refusal is an answer (200), not an error; only a bad body or credentials are errors.
// - `allowed` is counted as a reveal, once per requestId; the same requestId again gets the same
//   verdict without being counted again. `rule-fired` is kept the same way, with the case it
//   opened. Other answers (locked, reason-required, …) change nothing, so they are worked out
//   afresh: a resend after unlocking, or with a reason, gets the new answer.
// - `rule-fired` opens a review case (one per staff member at a time) and the answer carries it.
import { decideGovernedReveal } from '../../shared/access';
import { RevealAuthorizeBodySchema, type RevealVerdict } from '../../shared/schema';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import { rulesContext, requestKey } from './activity';
import { isoAt, type GovernanceContext } from './context';
import type { StaffDevice } from './enrollment';
import { currentPolicy } from './policy';
import { openCase } from './reviews';

/**
 * Decides one reveal (`POST /v1/staff/reveals`).
 *
 * @example
 *   authorizeReveal(ctx, who, { requestId, piiType: 'phone', valueHash,
 *     page: { origin: 'https://crm.example.com', path: '/c/18' }, reason: 'callback' });
 *   // { ok: true, value: { status: 'allowed', seconds: 30, access: 'full' } }
 */
export function authorizeReveal(
  ctx: GovernanceContext,
  who: StaffDevice,
  input: unknown,
): Outcome<RevealVerdict> {
  const body = RevealAuthorizeBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `The reveal request is not valid (${issuesText(body.error.issues)}); send requestId, piiType, page, valueHash and, when asked, reason.`,
    );
  }
  const { requestId, piiType, page, reason } = body.data;
  const { staffId } = who.staff;
  return ctx.store.transaction(() => {
    const stored = ctx.store.verdict(staffId, requestId);
    if (stored) return done(stored);
    const published = currentPolicy(ctx);
    if (!published) {
      return done<RevealVerdict>({
        status: 'refused',
        code: 'no-policy',
        why: 'No staff policy is published on the audit service yet, so nothing can be revealed. Ask your administrator to publish one.',
      });
    }
    const now = ctx.now();
    const decided = decideGovernedReveal({
      policy: published.policy,
      grants: ctx.store.grantsOf(staffId),
      now,
      type: piiType,
      url: page.origin + page.path,
      unlockedUntil: ctx.store.unlockedUntil(who.device.id),
      openCase: ctx.store.openCase(staffId),
      ...rulesContext(ctx, staffId, now),
      reason,
    });
    // Only an unknown time zone errs, and the policy's passed its schema: a bug if it happens.
    if (!decided.ok) throw new Error(`reveal not decided: ${decided.error}`);
    let verdict = decided.value;
    if (verdict.status === 'allowed') {
      ctx.store.addActivity(staffId, { at: now, kind: 'reveal' }, requestKey(requestId));
      ctx.store.putVerdict(staffId, requestId, verdict, now);
    } else if (verdict.status === 'refused' && verdict.code === 'rule-fired') {
      const opened = openCase(ctx, staffId, verdict.fired ?? [], {
        kind: 'reveal',
        at: isoAt(now),
        piiType,
        page,
      });
      verdict = { ...verdict, case: opened };
      ctx.store.putVerdict(staffId, requestId, verdict, now);
    }
    return done(verdict);
  });
}
