// Pseudonymous subjects (R9): a random id and a bearer token, created with a subject's first
// decision; the token is shown once and stored only as a hash. Also the subject's own view
// (receipts and requests) and its deletion and copy requests (R6), each written to the ledger.
import { randomInt } from 'node:crypto';
import {
  DataRequestBodySchema,
  type DataRequest,
  type SubjectCredentials,
  type SubjectState,
} from '../../shared/schema';
import { DATA_REQUEST_DUE_DAYS } from './config';
import {
  isoAt,
  logEntries,
  logKeyed,
  newId,
  newToken,
  tokenHash,
  type ConsentContext,
} from './context';
import { unknownSite } from './policies';
import { done, issuesText, refuse, type Outcome } from './problems';
import type { SubjectRow } from './store';

/** The ledger kind of a new data request, and of a change of its status. */
export const REQUEST_KIND = 'consent-request';
export const REQUEST_STATUS_KIND = 'consent-request-status';

const TOKEN_PREFIX = 'cst_';
const TOKEN = /^cst_[A-Za-z0-9_-]{43}$/;
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const DAY_MS = 86_400_000;

/** `sub_` and 26 random base-36 characters (134 bits): random, never derived from the person. */
const newSubjectId = () =>
  `sub_${Array.from({ length: 26 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('')}`;

/** Creates a subject of `site`; the token in the answer is the only copy. */
export function createSubject(ctx: ConsentContext, site: string): SubjectCredentials {
  const credentials = { subjectId: newSubjectId(), token: newToken(TOKEN_PREFIX) };
  ctx.store.insertSubject(
    credentials.subjectId,
    site,
    tokenHash(credentials.token),
    isoAt(ctx.now()),
  );
  return credentials;
}

/**
 * The subject an `Authorization` header names on this site: null without the header, 401 when
 * the header is malformed or the token unknown here.
 */
export function authenticate(
  ctx: ConsentContext,
  site: string,
  authorization: string | undefined,
): Outcome<SubjectRow | null> {
  if (authorization === undefined || authorization === '') return done(null);
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  const subject =
    token && TOKEN.test(token) ? ctx.store.subjectByToken(site, tokenHash(token)) : undefined;
  if (!subject) {
    return refuse(
      401,
      'unauthorized',
      token
        ? `The subject token is not known on site "${site}". Send the token you received with ` +
            'your first decision, or decide without one to start afresh.'
        : 'Send the subject token as "Authorization: Bearer cst_…".',
    );
  }
  return done(subject);
}

/** The subject `subjectId` when the header carries its token: 401 without one, 403 for another's. */
function ownSubject(
  ctx: ConsentContext,
  site: string,
  subjectId: string,
  authorization: string | undefined,
): Outcome<SubjectRow> {
  if (!ctx.store.site(site)) return unknownSite(site);
  const who = authenticate(ctx, site, authorization);
  if (!who.ok) return who;
  if (!who.value) {
    return refuse(401, 'unauthorized', 'Send the subject token as "Authorization: Bearer cst_…".');
  }
  if (who.value.id !== subjectId) {
    return refuse(
      403,
      'forbidden',
      'This token belongs to another subject: a token opens only its own subject.',
    );
  }
  return done(who.value);
}

/**
 * The subject's receipts (oldest first) and data requests.
 *
 * @example
 *   subjectState(ctx, 'shop', 'sub_…', 'Bearer cst_…'); // { ok: true, value: { subjectId, receipts, requests } }
 */
export function subjectState(
  ctx: ConsentContext,
  site: string,
  subjectId: string,
  authorization: string | undefined,
): Outcome<SubjectState> {
  const subject = ownSubject(ctx, site, subjectId, authorization);
  if (!subject.ok) return subject;
  return done({
    subjectId,
    receipts: ctx.store.receiptsOf(subjectId),
    requests: ctx.store.requestsOf(subjectId),
  });
}

/**
 * Records a deletion or copy request, due in DATA_REQUEST_DUE_DAYS, in the store and the ledger.
 *
 * @example
 *   requestData(ctx, 'shop', 'sub_…', 'Bearer cst_…', { kind: 'deletion' });
 *   // { ok: true, value: { id, kind: 'deletion', status: 'open', createdAt, dueAt } }
 */
export function requestData(
  ctx: ConsentContext,
  site: string,
  subjectId: string,
  authorization: string | undefined,
  input: unknown,
): Outcome<DataRequest> {
  const subject = ownSubject(ctx, site, subjectId, authorization);
  if (!subject.ok) return subject;
  const body = DataRequestBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"kind": "deletion"} or {"kind": "copy"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { requestId } = body.data;
  if (requestId !== undefined) {
    // A resend after a lost answer: the same request back, stored once.
    const known = ctx.store.request(requestId);
    if (known) {
      if (known.subject !== subjectId || known.site !== site || known.kind !== body.data.kind) {
        return refuse(
          409,
          'request_conflict',
          `The requestId ${requestId} is already used for another request. Make a new UUIDv7 for ` +
            'every new request; resend an id only with exactly the same request.',
        );
      }
      return done(pickRequest(known));
    }
  }
  const now = ctx.now();
  const request: DataRequest = {
    id: requestId ?? newId(ctx),
    kind: body.data.kind,
    status: 'open',
    createdAt: isoAt(now),
    dueAt: isoAt(now + DATA_REQUEST_DUE_DAYS * DAY_MS),
  };
  ctx.store.transaction(() => {
    logKeyed(ctx, REQUEST_KIND, [
      {
        key: request.id,
        payload: {
          requestId: request.id,
          subjectId,
          site,
          kind: request.kind,
          status: request.status,
          createdAt: request.createdAt,
          dueAt: request.dueAt,
        },
      },
    ]);
    ctx.store.insertRequest(subjectId, site, request);
  });
  return done(request);
}

/** The DataRequest fields of an operator's row. */
function pickRequest(row: DataRequest): DataRequest {
  const { id, kind, status, createdAt, dueAt } = row;
  return { id, kind, status, createdAt, dueAt };
}

/**
 * Moves a request along (the operator's side, R6: tracked to completion); the change is a
 * ledger entry of its own.
 *
 * @example
 *   setRequestStatus(ctx, '0190…', 'done');
 */
export function setRequestStatus(
  ctx: ConsentContext,
  id: string,
  status: DataRequest['status'],
): Outcome<DataRequest & { subject: string; site: string }> {
  const request = ctx.store.request(id);
  if (!request) {
    return refuse(
      404,
      'unknown_request',
      'No data request has this id; list them with: npm run consent -- requests',
    );
  }
  const at = isoAt(ctx.now());
  ctx.store.transaction(() => {
    logEntries(ctx, REQUEST_STATUS_KIND, [
      { requestId: id, subjectId: request.subject, site: request.site, status, at },
    ]);
    ctx.store.setRequestStatus(id, status, at);
  });
  return done({ ...request, status });
}
