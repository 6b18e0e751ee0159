// The background's side of a reveal: decide by policy and role, ask for a reason when the policy
// wants one, and record the event durably before answering "allowed" (no event, no reveal).
import { decideReveal } from '../../../shared/policy';
import type { RevealAnswer, RevealRequest } from '../../../shared/schema';
import { countReveal, valueHash } from '../audit';
import type { PolicyState } from '../policy';
import { enqueueEvent } from '../queue';

/**
 * @example
 *   await authorizeReveal(state, { type: 'reveal-request', piiType: 'phone', value: '13812345678',
 *     page: { origin: 'https://crm.example.com', path: '/c/18' } });
 *   // { status: 'reason-required' } or { status: 'allowed', seconds: 30 } …
 */
export async function authorizeReveal(
  state: PolicyState,
  request: RevealRequest,
): Promise<RevealAnswer> {
  const decision = decideReveal(
    state.policy,
    state.identity,
    request.piiType,
    request.page.origin + request.page.path,
  );
  if (!decision.allowed) return { status: 'refused', why: decision.why };
  if (decision.reasonRequired && !request.reason) return { status: 'reason-required' };
  try {
    await enqueueEvent({
      kind: 'reveal',
      staffId: state.identity?.staffId ?? null,
      role: state.identity?.role ?? null,
      policyVersion: state.policy.version,
      page: request.page,
      piiType: request.piiType,
      count: 1,
      valueHash: await valueHash(request.piiType, request.value),
      ...(decision.reasonRequired && request.reason ? { reason: request.reason } : {}),
      seconds: decision.seconds,
    });
  } catch (error) {
    console.error('[custodian] reveal not recorded, so refused:', error);
    return {
      status: 'refused',
      why: '无法记录本次查看，未显示原文。The reveal could not be recorded, so it did not happen; try again or tell your administrator.',
    };
  }
  await countReveal().catch((error: unknown) => {
    // Only the popup's daily figure misses this one; the event itself is stored.
    console.warn('[custodian] reveal not counted for the popup:', error);
  });
  return { status: 'allowed', seconds: decision.seconds };
}
