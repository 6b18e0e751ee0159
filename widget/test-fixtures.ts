// Test data for the widget's unit tests: the demo shop's policies and a consent service that
// answers like the real one (receipts from decisionsFor), in memory.
// eslint-disable-next-line no-restricted-imports -- test data: the demo shop's policy, shared with the e2e tests
import v1Json from '../test/fixtures/consent/shop-policy.v1.json';
// eslint-disable-next-line no-restricted-imports -- test data, as above
import v2Json from '../test/fixtures/consent/shop-policy.v2.json';
import { decisionsFor } from '../shared/consent/choices';
import {
  ConsentPolicySchema,
  type DecisionRequest,
  type DecisionResponse,
  type SignedReceipt,
  type SubjectCredentials,
} from '../shared/schema/consent';
import { ServiceError, type ConsentService } from './service/client';
import type { RecordStorage } from './store/record';

export const v1 = ConsentPolicySchema.parse(v1Json);
export const v2 = ConsentPolicySchema.parse(v2Json);
export const HASH = 'a'.repeat(64);
export const SUBJECT: SubjectCredentials = {
  subjectId: `sub_${'0'.repeat(26)}`,
  token: `cst_${'A'.repeat(43)}`,
};

/** localStorage in a Map. */
export function memoryStorage(): RecordStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

/** A receipt as the service would sign it for `request` (the signature is not checked here). */
export function receiptFor(request: DecisionRequest, subjectId = SUBJECT.subjectId): SignedReceipt {
  const policy = request.policyVersion === 2 ? v2 : v1;
  return {
    body: {
      format: 'custodian-consent-receipt/1',
      receiptId: request.decisionId,
      subjectId,
      site: 'shop',
      policyVersion: request.policyVersion,
      language: request.language,
      textHash: request.textHash,
      decisions: decisionsFor(policy, request.choices, new Date(request.decidedAt)),
      method: request.method,
      gpc: request.gpc,
      verification: request.verificationToken
        ? { channel: 'sms', verifiedAt: request.decidedAt }
        : null,
      decidedAt: request.decidedAt,
      recordedAt: request.decidedAt,
    },
    note: 'custodian-consent-receipt/1\n{}\n\n— test signature\n',
    publicKey: 'test+00000000+AAAA',
    ledgerIndex: 0,
  };
}

/**
 * A consent service in memory. `down` makes every call fail as unreachable; `answer` overrides
 * the decision answer (e.g. to refuse). Records the requests it got.
 */
export function fakeService(policy = v1) {
  const calls: { request: DecisionRequest; subject: SubjectCredentials | null }[] = [];
  /** The requestId of every data request sent, answered or not. */
  const requestIds: string[] = [];
  const receipts: SignedReceipt[] = [];
  const control = {
    down: false,
    answer: null as null | ((request: DecisionRequest) => DecisionResponse),
  };
  const unreachable = () => new ServiceError(0, '', 'down');
  const service: ConsentService = {
    policy: async () => {
      if (control.down) throw unreachable();
      return { policy, textHashes: { 'zh-CN': HASH, en: HASH } };
    },
    decide: async (request, subject) => {
      if (control.down) throw unreachable();
      calls.push({ request, subject });
      if (control.answer) return control.answer(request);
      const receipt = receiptFor(request);
      receipts.push(receipt);
      return { receipt, ...(subject ? {} : { subject: SUBJECT }) };
    },
    subject: async () => ({ subjectId: SUBJECT.subjectId, receipts, requests: [] }),
    request: async (_subject, kind, requestId) => {
      requestIds.push(requestId);
      if (control.down) throw unreachable();
      return {
        id: requestId,
        kind,
        status: 'open',
        createdAt: '2026-01-01T00:00:00.000Z',
        dueAt: '2026-01-16T00:00:00.000Z',
      };
    },
    startVerification: async () => ({
      verificationId: '01890000-0000-7000-8000-000000000001',
      expiresAt: '2026-01-01T00:10:00.000Z',
    }),
    confirmVerification: async () => ({ verificationToken: 'v'.repeat(32) }),
  };
  return { service, calls, receipts, requestIds, control };
}
