// The staff member's activity as the behaviour rules (R16) see it on the server: views from their
// devices' page-view events, reveals the server authorized, and reveals made offline that arrived
// later, of every device. Ingest records them and opens a review case when a rule fires.
//
// - Only the device's binding says whose activity it is: the event's own staffId is not trusted.
// - Each event counts once (keyed by its id), however often a batch is resent; the events route
//   passes only events the ledger had not stored before, so a resend of an event whose activity
//   was purged (ACTIVITY_KEEP_MS) does not count, nor open a case, again.
// - A page view counts when it showed customer data (counts total > 0); a reveal counts only when
//   made offline (authorizedBy 'offline'): the server counted the others when it authorized them.
// - Before a staff policy is published nothing is evaluated (no rules are in force yet), but the
//   activity is recorded, so the first day's count is right once one is.
import { evaluateWithApprovals } from '../../shared/access';
import type { Activity, ReviewCase, StaffEvent } from '../../shared/schema';
import { ACTIVITY_KEEP_MS, HISTORY_MS, PURGE_EVERY_MS } from './config';
import type { GovernanceContext } from './context';
import { currentPolicy } from './policy';
import { openCase } from './reviews';

/** When each context last purged old activity. */
const lastPurge = new WeakMap<GovernanceContext, number>();

/** Purges activity and verdicts older than ACTIVITY_KEEP_MS, at most every PURGE_EVERY_MS. */
export function purgeOldActivity(ctx: GovernanceContext): void {
  const now = ctx.now();
  if (now - (lastPurge.get(ctx) ?? -Infinity) < PURGE_EVERY_MS) return;
  lastPurge.set(ctx, now);
  ctx.store.purgeActivity(now - ACTIVITY_KEEP_MS);
}

/** Activity keys: a reveal authorized by request id, an event by its id; never the same space. */
export const requestKey = (requestId: string): string => `request:${requestId}`;
const eventKey = (eventId: string): string => `event:${eventId}`;

/**
 * What the rules need for an action at `at`: the staff member's activity and review cases of the
 * HISTORY_MS before it (or before now, for an action stamped in the future).
 */
export function rulesContext(
  ctx: GovernanceContext,
  staffId: string,
  at: number,
): { history: Activity[]; cases: ReviewCase[] } {
  const since = Math.min(at, ctx.now()) - HISTORY_MS;
  return {
    history: ctx.store.activitySince(staffId, since),
    cases: ctx.store.casesSince(staffId, since),
  };
}

/** The activity one event is, if it is one the rules count. */
function activityOf(event: StaffEvent): Activity | null {
  const at = Date.parse(event.at);
  if (event.kind === 'page-view') {
    const total = Object.values(event.counts).reduce((sum, n) => sum + (n ?? 0), 0);
    return total > 0 ? { at, kind: 'view' } : null;
  }
  if (event.kind === 'reveal' && event.authorizedBy === 'offline') return { at, kind: 'reveal' };
  return null;
}

/**
 * Records the events a device bound to `staffId` sent (after the ledger stored them), and opens a
 * review case when a rule fires and none is open. Returns how many were new activity.
 *
 * @example
 *   recordEvents(ctx, 'CS-0420', batch.events); // 12
 */
export function recordEvents(
  ctx: GovernanceContext,
  staffId: string,
  events: readonly StaffEvent[],
): number {
  purgeOldActivity(ctx);
  const published = currentPolicy(ctx);
  let recorded = 0;
  const ordered = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of ordered) {
    const activity = activityOf(event);
    if (!activity) continue;
    const key = eventKey(event.id);
    ctx.store.transaction(() => {
      if (ctx.store.hasActivity(staffId, key)) return;
      if (published && !ctx.store.openCase(staffId)) {
        const { history, cases } = rulesContext(ctx, staffId, activity.at);
        const verdict = evaluateWithApprovals(published.policy.rules, history, activity, cases);
        // The policy's zone passed its schema and the times are parsed ISO ones: a failure here is
        // a bug, and the activity is still recorded.
        if (!verdict.ok) console.error('[governance] rules not evaluated:', verdict.error);
        else if (!verdict.value.allowed) {
          openCase(ctx, staffId, verdict.value.fired, {
            kind: activity.kind,
            at: event.at,
            ...(event.kind === 'reveal' ? { piiType: event.piiType } : {}),
            page: event.page,
          });
        }
      }
      ctx.store.addActivity(staffId, activity, key);
      recorded += 1;
    });
  }
  return recorded;
}
