// The background's side of a reveal. A browser not enrolled decides by its own policy and role
// (the standalone trial, `authorizedBy: 'local'`). An enrolled one (issue 6) first runs the
// service's decision on its cache, to stop at once (locked, review open, rule fired); then asks
// the service, which decides; offline, it allows only what the policy marks revealable offline.
// Either way the event is recorded durably before the answer says "allowed" (no event, no reveal).
import { decideReveal } from '../../../shared/policy';
import type {
  Activity,
  PolicyState,
  RevealAnswer,
  RevealAuthorizeBody,
  RevealRequest,
  RevealVerdict,
  StaffStatus,
} from '../../../shared/schema';
import { STATUS_FRESH_MS } from '../config';
import { actorOf } from '../policy/actor';
import type { NewEvent } from '../queue/enqueue';
import { decideOffline, localVerdict, STOP_AT_ONCE, type LocalInput } from './offline';

/** What the enrolled browser knows from its last status. */
export interface GovernedContext {
  staffId: string;
  /** Null until the status was fetched once (or it belongs to an earlier enrollment). */
  status: StaffStatus | null;
  /** When it was fetched, ms. */
  statusAt: number | null;
}

/** The service's answer to POST /v1/staff/reveals. */
export type ServiceVerdict =
  | { kind: 'verdict'; verdict: RevealVerdict }
  /** A 4xx that is not a verdict (token revoked, not enrolled): its message says what to do. */
  | { kind: 'refused'; message: string }
  /** Network error, time-out (REVEAL_TIMEOUT_MS) or 5xx: the offline rules apply. */
  | { kind: 'unreachable'; reason: string };

export interface RevealDeps {
  /** Null when the browser is not enrolled. */
  governed(): Promise<GovernedContext | null>;
  askService(body: RevealAuthorizeBody): Promise<ServiceVerdict>;
  /** The local activity history (views and reveals) at `now`. */
  history(now: number): Promise<Activity[]>;
  recordActivity(activity: Activity): Promise<void>;
  /** Fetches the status now and answers the new context (bounded by the service time-out). */
  refreshStatus(): Promise<GovernedContext | null>;
  /** After a refusal: fetch the status soon (not waited for). */
  statusMayHaveChanged(): void;
  /**
   * A rule fired locally: the service must see this browser's views (sync) and this attempt, so
   * that it opens the review case a reviewer decides (not waited for).
   */
  ruleFiredLocally(body: RevealAuthorizeBody): void;
  enqueue(event: NewEvent): Promise<unknown>;
  valueHash(request: RevealRequest): Promise<string>;
  countReveal(): Promise<void>;
  /** A UUIDv7 per question to the service (a resent one is counted once). */
  requestId(): string;
  now(): number;
}

const NOT_RECORDED =
  '无法记录本次查看，未显示原文。The reveal could not be recorded, so it did not happen; try again or tell your administrator.';

const PREFIX: Readonly<Record<string, string>> = {
  locked: '查看已锁定。',
  'review-open': '复核中，暂停查看。',
  'rule-fired': '需要二级复核。Review needed: ',
};

const refusedAnswer = (code: string, why: string): RevealAnswer => ({
  status: 'refused',
  why: `${PREFIX[code] ?? ''}${why}`,
});

/**
 * @example
 *   await authorizeReveal(deps, state, { type: 'reveal-request', piiType: 'phone',
 *     value: '13812345678', page: { origin: 'https://crm.example.com', path: '/c/18' } });
 *   // { status: 'reason-required' } or { status: 'allowed', seconds: 30, access: 'full' } …
 */
export async function authorizeReveal(
  deps: RevealDeps,
  state: PolicyState,
  request: RevealRequest,
): Promise<RevealAnswer> {
  const governed = await deps.governed();
  return governed
    ? governedReveal(deps, state, governed, request)
    : standaloneReveal(deps, state, request);
}

/** Not enrolled: the browser's own policy and role decide (issue 3). */
async function standaloneReveal(
  deps: RevealDeps,
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
  return record(deps, state, request, {
    seconds: decision.seconds,
    access: decision.access,
    authorizedBy: 'local',
    reason: decision.reasonRequired ? request.reason : undefined,
  });
}

/** Enrolled: stop at once on the cache, else the service decides, else the offline rules. */
async function governedReveal(
  deps: RevealDeps,
  state: PolicyState,
  governed: GovernedContext,
  request: RevealRequest,
): Promise<RevealAnswer> {
  const now = deps.now();
  const history = await deps.history(now);
  const inputOf = (context: GovernedContext): LocalInput | null =>
    context.status && context.status.staffId === context.staffId
      ? {
          policy: state.policy,
          status: context.status,
          now,
          type: request.piiType,
          url: request.page.origin + request.page.path,
          history,
          reason: request.reason,
        }
      : null;

  let context = governed;
  let input = inputOf(context);
  let stop = input ? stopAtOnce(input) : null;
  // The cache may hold a case a reviewer has decided since: ask once before refusing. An open
  // case is always asked about (a reviewer's approval is what the staff member is waiting for,
  // and the first click after it must work); a fired rule only on a stale cache.
  let refreshed = false;
  const stale = (context.statusAt ?? 0) < now - STATUS_FRESH_MS;
  if (stop && (stop.code === 'review-open' || (stop.code !== 'locked' && stale))) {
    context = (await deps.refreshStatus()) ?? context;
    refreshed = true;
    input = inputOf(context);
    stop = input ? stopAtOnce(input) : null;
  }

  const body: RevealAuthorizeBody = {
    requestId: deps.requestId(),
    piiType: request.piiType,
    page: request.page,
    valueHash: await deps.valueHash(request),
    ...(request.reason ? { reason: request.reason } : {}),
  };
  if (stop) {
    if (stop.code === 'rule-fired') deps.ruleFiredLocally(body);
    else if (!refreshed) deps.statusMayHaveChanged();
    return refusedAnswer(stop.code, stop.why);
  }

  const reply = await deps.askService(body);
  if (reply.kind === 'verdict') {
    const verdict = reply.verdict;
    if (verdict.status === 'reason-required') return verdict;
    if (verdict.status === 'refused') {
      deps.statusMayHaveChanged();
      return refusedAnswer(verdict.code, verdict.why);
    }
    return record(deps, state, request, {
      seconds: verdict.seconds,
      access: verdict.access,
      authorizedBy: 'server',
      reason: request.reason,
      valueHash: body.valueHash,
    });
  }
  if (reply.kind === 'refused') {
    deps.statusMayHaveChanged();
    return { status: 'refused', why: reply.message };
  }
  const offline = decideOffline(input, reply.reason);
  if (offline.status !== 'allowed') return offline;
  return record(deps, state, request, {
    seconds: offline.seconds,
    access: offline.access,
    authorizedBy: 'offline',
    reason: request.reason,
    valueHash: body.valueHash,
  });
}

/** The local refusal that must stop the reveal without asking the service, if any. */
function stopAtOnce(input: LocalInput): { code: string; why: string } | null {
  const verdict = localVerdict(input);
  // A zone the runtime does not know: the service decides (it runs the same check).
  if (!verdict.ok || verdict.value.status !== 'refused') return null;
  return STOP_AT_ONCE.has(verdict.value.code)
    ? { code: verdict.value.code, why: verdict.value.why }
    : null;
}

interface Grant {
  seconds: number;
  access: 'partial' | 'full';
  authorizedBy: 'server' | 'offline' | 'local';
  reason: string | undefined;
  valueHash?: string;
}

/** Stores the event, then counts the reveal; answers "allowed" only once the event is stored. */
async function record(
  deps: RevealDeps,
  state: PolicyState,
  request: RevealRequest,
  grant: Grant,
): Promise<RevealAnswer> {
  const now = deps.now();
  try {
    await deps.enqueue({
      kind: 'reveal',
      ...actorOf(state),
      policyVersion: state.policy.version,
      page: request.page,
      piiType: request.piiType,
      count: 1,
      valueHash: grant.valueHash ?? (await deps.valueHash(request)),
      ...(grant.reason ? { reason: grant.reason } : {}),
      seconds: grant.seconds,
      authorizedBy: grant.authorizedBy,
      access: grant.access,
    });
  } catch (error) {
    console.error('[custodian] reveal not recorded, so refused:', error);
    return { status: 'refused', why: NOT_RECORDED };
  }
  await Promise.all([
    deps.recordActivity({ at: now, kind: 'reveal' }).catch((error: unknown) => {
      // The service counts the reveal itself; only the local early stop misses this one.
      console.warn('[custodian] reveal not added to the local history:', error);
    }),
    deps.countReveal().catch((error: unknown) => {
      // Only the popup's daily figure misses this one; the event itself is stored.
      console.warn('[custodian] reveal not counted for the popup:', error);
    }),
  ]);
  return { status: 'allowed', seconds: grant.seconds, access: grant.access };
}
