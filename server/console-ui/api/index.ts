// The console HTTP API (issue 7), one function per route: what the pages call. Downloads are
// links (the browser saves them), so they are URLs here, not requests.
import type { RequestStatusBody, RetentionKind } from '../../../shared/schema/console-records';
import type {
  FindingBody,
  IncidentCreateBody,
  IncidentStepBody,
  SignInBody,
  SpotCheckCreateBody,
} from '../../../shared/schema/review';
import type { ReviewDecisionBody, ReviewStatus } from '../../../shared/schema/staff';
import {
  AnySchema,
  ChartResponseSchema,
  ConsentStatsSchema,
  ConsoleSessionSchema,
  DataRequestQueueSchema,
  EventPageSchema,
  IncidentListSchema,
  IncidentViewSchema,
  IntegrityResponseSchema,
  RetentionDestroyedSchema,
  RetentionResponseSchema,
  ReviewCaseSchema,
  ReviewDetailSchema,
  ReviewListSchema,
  SpotCheckDetailSchema,
  SpotCheckListSchema,
  SpotCheckSchema,
} from './answers';
import { QueuedDataRequestSchema } from '../../../shared/schema/console-records';
import { API_BASE, createClient, type Client } from './client';

export { ApiError, API_BASE, CSRF_HEADER } from './client';
export type * from './answers';

/** Filters of the activity events list and its export. */
export interface EventFilter {
  from: string;
  to: string;
  staffId?: string | undefined;
  origin?: string | undefined;
  kind?: string | undefined;
  piiType?: string | undefined;
}

/** `?a=1&b=2` of the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const seg = encodeURIComponent;

/** Rows of the lists the server pages (spot checks, incidents, requests): its largest page. */
export const LIST_LIMIT = 200;

/**
 * The console API over a client.
 *
 * @example
 *   const api = consoleApi(createClient({ fetch, onSignedOut }));
 *   const { cases } = await api.reviews('open');
 */
export function consoleApi(client: Client) {
  const { request } = client;
  return {
    session: () => request('GET', '/session', ConsoleSessionSchema),
    signIn: (body: SignInBody) => request('POST', '/session', ConsoleSessionSchema, body),
    signOut: () => request('DELETE', '/session', AnySchema),

    chart: (q: { from: string; to: string; limit: number; offset: number }) =>
      request('GET', `/activity/chart${query({ ...q })}`, ChartResponseSchema),
    events: (q: EventFilter & { after?: number | undefined; limit?: number }) =>
      request('GET', `/activity/events${query({ ...q })}`, EventPageSchema),

    reviews: (status: ReviewStatus) =>
      request('GET', `/reviews${query({ status })}`, ReviewListSchema),
    /** The case and its staff member's events that day, from `after` on. */
    review: (caseId: string, after?: number) =>
      request('GET', `/reviews/${seg(caseId)}${query({ after })}`, ReviewDetailSchema),
    decide: (caseId: string, body: ReviewDecisionBody) =>
      request('POST', `/reviews/${seg(caseId)}/decision`, ReviewCaseSchema, body),

    spotChecks: () =>
      request('GET', `/spot-checks${query({ limit: LIST_LIMIT })}`, SpotCheckListSchema),
    spotCheck: (checkId: string) =>
      request('GET', `/spot-checks/${seg(checkId)}`, SpotCheckDetailSchema),
    createSpotCheck: (body: SpotCheckCreateBody) =>
      request('POST', '/spot-checks', SpotCheckSchema, body),
    addFinding: (checkId: string, body: FindingBody) =>
      request('POST', `/spot-checks/${seg(checkId)}/findings`, SpotCheckSchema, body),
    signSpotCheck: (checkId: string) =>
      request('POST', `/spot-checks/${seg(checkId)}/sign`, SpotCheckSchema),

    integrity: () => request('GET', '/integrity', IntegrityResponseSchema),
    rerunVerify: () => request('POST', '/integrity/verify', IntegrityResponseSchema),

    /** `from` and `to` are months, `YYYY-MM`; the server defaults to the last twelve. */
    consentStats: (q: {
      site?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
    }) => request('GET', `/consent/stats${query(q)}`, ConsentStatsSchema),
    /** Requests still to finish (open or in progress), the earliest due first. */
    dataRequests: (offset = 0) =>
      request(
        'GET',
        `/consent/requests${query({ status: 'pending', limit: LIST_LIMIT, offset })}`,
        DataRequestQueueSchema,
      ),
    setRequestStatus: (requestId: string, body: RequestStatusBody) =>
      request('POST', `/consent/requests/${seg(requestId)}/status`, QueuedDataRequestSchema, body),

    retention: () => request('GET', '/retention', RetentionResponseSchema),
    destroy: (kind: RetentionKind) =>
      request('POST', '/retention/destroy', RetentionDestroyedSchema, { kind }),

    incidents: () =>
      request('GET', `/incidents${query({ limit: LIST_LIMIT })}`, IncidentListSchema),
    incident: (incidentId: string) =>
      request('GET', `/incidents/${seg(incidentId)}`, IncidentViewSchema),
    openIncident: (body: IncidentCreateBody) =>
      request('POST', '/incidents', IncidentViewSchema, body),
    addStep: (incidentId: string, body: IncidentStepBody) =>
      request('POST', `/incidents/${seg(incidentId)}/steps`, IncidentViewSchema, body),
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;

/** The activity export as a download link (`format` csv or jsonl); the server logs the export. */
export const activityExportUrl = (format: 'csv' | 'jsonl', filter: EventFilter): string =>
  `${API_BASE}/activity/export${query({ format, ...filter })}`;

/** The ledger export as a download link. */
export const ledgerExportUrl = `${API_BASE}/integrity/export`;

export { createClient };
