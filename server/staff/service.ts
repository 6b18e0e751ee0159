// Opens the governance service: its store and secret in the data directory, the service key that
// signs the staff policy, and the operations the routes and the command line call.
import { join } from 'node:path';
import type { OperatorRole, StaffEvent } from '../../shared/schema';
import type { DeviceStore } from '../devices';
import type { Ledger } from '../ledger';
import { KEY_FILE_NAME } from '../ledger/config';
import { loadOrCreateKey, type LedgerKey } from '../ledger/key-file';
import { recordEvents } from './activity';
import { GOVERNANCE_DB_FILE, GOVERNANCE_KEY_FILE } from './config';
import type { GovernanceContext } from './context';
import { enroll, staffDevice, type StaffDevice } from './enrollment';
import { changeGrant, createGrant, revokeGrant } from './grants';
import { createStaff, issueEnrollment, listStaff, staffDetail } from './members';
import { addOperator, authenticateOperator, hasOperators } from './operators';
import { publishPolicy, signedPolicy } from './policy';
import { authorizeReveal } from './reveals';
import { decideReview, listReviews, reviewCase } from './reviews';
import { loadOrCreateGovernanceKey } from './secret-key';
import { staffStatus } from './status';
import { openGovernanceStore } from './store';
import { confirmTotp, unlock } from './unlock';

export interface GovernanceOptions {
  /** The data directory: governance.db and governance-key live here. */
  dir: string;
  ledger: Ledger;
  /** The device store enrollment issues tokens from (the event sync's). */
  devices: DeviceStore;
  /** The service key; by default the ledger's, read from `ledger-key` in `dir` as consent does. */
  key?: LedgerKey;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Opens the governance service. The policy is signed with the ledger's own key, so one published
 * key (`GET /v1/ledger/checkpoint` → publicKey, EnrollResponse.serverKey) checks checkpoints,
 * consent receipts and the staff policy.
 *
 * @example
 *   const governance = openGovernance({ dir: 'data', ledger, devices });
 *   governance.addOperator('li.wei', 'admin'); // { ok: true, value: { name, role, token: 'cop_…' } }
 */
export function openGovernance(options: GovernanceOptions) {
  const key =
    options.key ?? loadOrCreateKey(join(options.dir, KEY_FILE_NAME), options.ledger.origin);
  if (key.publicKey !== options.ledger.publicKey) {
    throw new Error(
      `The policy signing key ${key.publicKey} is not the ledger's (${options.ledger.publicKey}). ` +
        `Keep the ledger's key as ${KEY_FILE_NAME} in the data directory, or pass the ledger's key.`,
    );
  }
  const box = loadOrCreateGovernanceKey(join(options.dir, GOVERNANCE_KEY_FILE));
  const store = openGovernanceStore(join(options.dir, GOVERNANCE_DB_FILE));
  const ctx: GovernanceContext = {
    store,
    devices: options.devices,
    ledger: options.ledger,
    key,
    box,
    now: options.now ?? Date.now,
  };
  return {
    /** The verifier key text the policy is signed with (the ledger's). */
    publicKey: key.publicKey,
    /** The service's clock (injected in tests), for callers that judge what is in force. */
    now: () => ctx.now(),

    // Operators and their credentials
    hasOperators: () => hasOperators(ctx),
    addOperator: (name: string, role: string) => addOperator(ctx, name, role),
    operator: (authorization: string | undefined, roles: readonly OperatorRole[]) =>
      authenticateOperator(ctx, authorization, roles),

    // The admin API's operations; `by` is the operator's name, for the ledger
    createStaff: (by: string, body: unknown) => createStaff(ctx, by, body),
    listStaff: () => listStaff(ctx),
    staffDetail: (staffId: string) => staffDetail(ctx, staffId),
    issueEnrollment: (by: string, staffId: string) => issueEnrollment(ctx, by, staffId),
    createGrant: (by: string, staffId: string, body: unknown) =>
      createGrant(ctx, by, staffId, body),
    changeGrant: (by: string, grantId: string, body: unknown) =>
      changeGrant(ctx, by, grantId, body),
    revokeGrant: (by: string, grantId: string, body: unknown) =>
      revokeGrant(ctx, by, grantId, body),
    publishPolicy: (by: string, body: unknown) => publishPolicy(ctx, by, body),
    policy: () => signedPolicy(ctx),
    reviews: (status: string | undefined) => listReviews(ctx, status),
    review: (caseId: string) => reviewCase(ctx, caseId),
    decideReview: (by: string, caseId: string, body: unknown) =>
      decideReview(ctx, by, caseId, body),

    // The staff devices' operations
    enroll: (body: unknown) => enroll(ctx, body),
    device: (authorization: string | undefined) => staffDevice(ctx, authorization),
    confirmTotp: (who: StaffDevice, body: unknown) => confirmTotp(ctx, who, body),
    unlock: (who: StaffDevice, body: unknown) => unlock(ctx, who, body),
    status: (who: StaffDevice) => staffStatus(ctx, who),
    authorizeReveal: (who: StaffDevice, body: unknown) => authorizeReveal(ctx, who, body),
    /** Counts stored staff events of a device bound to `staffId` (POST /v1/events calls it). */
    recordEvents: (staffId: string, events: readonly StaffEvent[]) =>
      recordEvents(ctx, staffId, events),

    close: () => store.close(),
  };
}

export type GovernanceService = ReturnType<typeof openGovernance>;
