// The consent service's HTTP API as the widget calls it (`/v1/consent/sites/:site/…`): each answer
// checked against its JSON Schema; failures become ServiceError with the HTTP status (0: no answer).
import { consentJsonSchemas } from '../../shared/consent/json-schemas';
import type {
  DataRequest,
  DecisionRequest,
  DecisionResponse,
  PolicyResponse,
  SubjectCredentials,
  SubjectState,
  VerificationChannel,
  VerificationConfirmedSchema,
  VerificationStartedSchema,
} from '../../shared/schema/consent';
import type { z } from 'zod';
import { checked } from './checked';

export class ServiceError extends Error {
  constructor(
    /** The HTTP status; 0 when the service did not answer (offline, DNS, CORS refused). */
    readonly status: number,
    /** The service's error code, e.g. `verification-required`; '' when there is none. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Worth sending again later: no answer, a server error, or "slow down". */
export const isTransient = (e: unknown): boolean =>
  !(e instanceof ServiceError) || e.status === 0 || e.status >= 500 || e.status === 408;

export type ConsentService = ReturnType<typeof consentService>;

const field = (v: unknown, key: string): unknown =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;

/**
 * The client of one site's consent API at `base` (an absolute URL; a trailing `/` is added).
 *
 * @example
 *   await consentService('https://consent.example.com', 'shop', fetch).policy();
 */
export function consentService(base: string, site: string, fetchFn: typeof fetch) {
  const root = new URL(`v1/consent/sites/${encodeURIComponent(site)}/`, base.replace(/\/?$/, '/'));

  async function call<T>(
    schema: keyof typeof consentJsonSchemas,
    path: string,
    body?: unknown,
    subject?: SubjectCredentials | null,
  ): Promise<T> {
    const url = new URL(path, root);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (subject) headers.Authorization = `Bearer ${subject.token}`;
    let res: Response;
    try {
      res = await fetchFn(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (e) {
      throw new ServiceError(
        0,
        '',
        `custodian-consent: no answer from ${url} (${String(e)}); check data-api and the network.`,
      );
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = field(json, 'error');
      const code = field(error, 'code');
      const message = field(error, 'message');
      throw new ServiceError(
        res.status,
        typeof code === 'string' ? code : '',
        `custodian-consent: ${url}: ${res.status} ${typeof message === 'string' ? message : ''}`,
      );
    }
    return checked<T>(consentJsonSchemas[schema], json, `the answer of ${url}`);
  }

  return {
    policy: () => call<PolicyResponse>('policyResponse', 'policy'),
    decide: (request: DecisionRequest, subject: SubjectCredentials | null) =>
      call<DecisionResponse>('decisionResponse', 'decisions', request, subject),
    subject: (subject: SubjectCredentials) =>
      call<SubjectState>('subjectState', `subjects/${subject.subjectId}`, undefined, subject),
    request: (subject: SubjectCredentials, kind: DataRequest['kind'], requestId: string) =>
      call<DataRequest>(
        'dataRequest',
        `subjects/${subject.subjectId}/requests`,
        { kind, requestId },
        subject,
      ),
    startVerification: (channel: VerificationChannel, address: string) =>
      call<z.infer<typeof VerificationStartedSchema>>('verificationStarted', 'verifications', {
        channel,
        address,
      }),
    confirmVerification: (id: string, code: string) =>
      call<z.infer<typeof VerificationConfirmedSchema>>(
        'verificationConfirmed',
        `verifications/${id}/confirm`,
        {
          code,
        },
      ),
  };
}
