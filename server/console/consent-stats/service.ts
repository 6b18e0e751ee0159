// The consent pages of the review console (R6): per site, policy version and purpose, how many
// customers granted, refused and withdrew each month (counted in SQL, see consent/records.ts), and
// the queue of deletion and copy requests with their due dates, moved along by an administrator.
import {
  ConsentStatsQuerySchema,
  MAX_STATS_MONTHS,
  RequestStatusBodySchema,
  type ConsentStats,
  type QueuedDataRequest,
} from '../../../shared/schema/console-records';
import type { AdminRequest, ConsentService, QueueStatus } from '../../consent';
import { done, issuesText, refuse, type Outcome } from '../../consent/problems';
import type { Ledger } from '../../ledger';
import { isoAt } from '../http';
import { record } from '../record';

export interface ConsentStatsDeps {
  consent: Pick<ConsentService, 'sites' | 'records' | 'setRequestStatus'>;
  ledger: Ledger;
  now: () => number;
}

/** Months between two `YYYY-MM`, both counted: 2026-01…2026-12 is 12. */
const monthsSpanned = (from: string, to: string): number =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) +
  1;

/** The month `n` months after `month` (negative: before), `YYYY-MM`. */
function addMonths(month: string, n: number): string {
  const at = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return at.toISOString().slice(0, 7);
}

/**
 * Grants, refusals and withdrawals per purpose and month (`GET /admin/api/consent/stats`). Months
 * are UTC calendar months; necessary purposes, which nobody decides, are left out.
 *
 * @example
 *   consentStats(deps, { site: 'shop', from: '2026-01', to: '2026-12' });
 *   // { ok: true, value: { site: 'shop', rows: [{ version: 2, purpose: 'marketing', month: '2026-11', granted: 41, … }] } }
 */
export function consentStats(deps: ConsentStatsDeps, input: unknown): Outcome<ConsentStats> {
  const query = ConsentStatsQuerySchema.safeParse(input);
  if (!query.success) {
    return refuse(
      400,
      'bad_query',
      `The query is not valid (${issuesText(query.error.issues)}). Example: /admin/api/consent/stats?site=shop&from=2026-01&to=2026-12`,
    );
  }
  const sites = deps.consent.sites().map((s) => s.id);
  const site = query.data.site ?? sites[0] ?? null;
  if (site !== null && !sites.includes(site)) {
    return refuse(
      404,
      'unknown-site',
      `No site "${site}" has published a consent policy; the sites are ${sites.map((s) => `"${s}"`).join(', ') || 'none yet'}.`,
    );
  }
  const to = query.data.to ?? isoAt(deps.now()).slice(0, 7);
  const from = query.data.from ?? addMonths(to, -11);
  const span = monthsSpanned(from, to);
  if (span < 1 || span > MAX_STATS_MONTHS) {
    return refuse(
      400,
      'bad_range',
      span < 1
        ? `from (${from}) is after to (${to}); give the earlier month first.`
        : `${from} to ${to} is ${span} months; ask for at most ${MAX_STATS_MONTHS} at a time.`,
    );
  }
  if (site === null) return done({ site, sites, from, to, rows: [] });
  const rows = deps.consent.records.stats(site, from, to).flatMap((row) => {
    const purpose = deps.consent.records
      .policy(site, row.version)
      ?.purposes.find((p) => p.id === row.purpose);
    if (purpose?.required || row.granted + row.refused + row.withdrawn === 0) return [];
    return [{ site, ...row, title: purpose?.title ?? null }];
  });
  return done({ site, sites, from, to, rows });
}

/** A request as the queue shows it: `overdue` when unfinished past its due date. */
const queued = (request: AdminRequest, now: number): QueuedDataRequest => ({
  ...request,
  overdue:
    (request.status === 'open' || request.status === 'in-progress') &&
    Date.parse(request.dueAt) < now,
});

/**
 * A page of the data-request queue, the earliest due first (`GET /admin/api/consent/requests`).
 *
 * @example
 *   requestQueue(deps, { status: 'pending', limit: 50, offset: 0 });
 *   // { requests: [{ id, kind: 'deletion', status: 'open', dueAt, overdue: true, … }], total: 1 }
 */
export function requestQueue(
  deps: ConsentStatsDeps,
  query: { status?: QueueStatus | undefined; limit: number; offset: number },
): { requests: QueuedDataRequest[]; total: number } {
  const now = deps.now();
  const page = deps.consent.records.requestQueue(query);
  return { requests: page.requests.map((r) => queued(r, now)), total: page.total };
}

/**
 * Moves a data request along (`POST /admin/api/consent/requests/:requestId/status`): the consent
 * service records the change (`consent-request-status`), and the console records who made it and
 * why (`request-status`).
 *
 * @example
 *   changeRequestStatus(deps, 'li.wei', requestId, { status: 'done', note: 'deleted from the CRM' });
 */
export function changeRequestStatus(
  deps: ConsentStatsDeps,
  by: string,
  requestId: string,
  input: unknown,
): Outcome<QueuedDataRequest> {
  const body = RequestStatusBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"status": "open" | "in-progress" | "done" | "refused", "note": "what was done"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { status, note } = body.data;
  const changed = deps.consent.setRequestStatus(requestId, status);
  if (!changed.ok) {
    return changed.status === 404
      ? refuse(
          404,
          'unknown-request',
          'No data request has this id. Take the id from the queue: GET /admin/api/consent/requests.',
        )
      : changed;
  }
  const now = deps.now();
  record(deps.ledger, { kind: 'request-status', by, at: isoAt(now), requestId, status, note });
  return done(queued(changed.value, now));
}
