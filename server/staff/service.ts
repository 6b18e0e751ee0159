// Opens the governance service: its store and secret in the data directory, the service key that
// signs the staff policy, and the operations the routes and the command line call.
import { join } from 'node:path';
import type { BehaviourRules, OperatorRole, StaffEvent } from '../../shared/schema';
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
import {
  addOperator,
  authenticateOperator,
  hasOperators,
  resetOperatorPassword,
  resetOperatorTotp,
  signInOperator,
} from './operators';
import { passwordHasher } from './password';
import { currentPolicy, publishPolicy, signedPolicy } from './policy';
import { authorizeReveal } from './reveals';
import { decideReview, listReviews, reviewCase } from './reviews';
import { loadOrCreateGovernanceKey } from './secret-key';
import { staffStatus } from './status';
import { openGovernanceStore } from './store';
import { resetStaffTotp } from './totp-reset';
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
  /** scrypt's cost of console passwords as a power of two (password.ts); tests pass a cheap one. */
  passwordCost?: number;
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
  const passwords = passwordHasher(options.passwordCost);
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
    addOperator: (name: string, role: string) => addOperator(ctx, passwords, name, role),
    operator: (authorization: string | undefined, roles: readonly OperatorRole[]) =>
      authenticateOperator(ctx, authorization, roles),
    resetOperatorPassword: (name: string) => resetOperatorPassword(ctx, passwords, name),
    resetOperatorTotp: (name: string) => resetOperatorTotp(ctx, name),

    // The review console (issue 7): sign-in, and the store of its sessions (server/console/session)
    signIn: (body: unknown) => signInOperator(ctx, passwords, body),
    consoleSessions: {
      insert: (idHash: string, name: string) => store.insertSession(idHash, name, ctx.now()),
      find: (idHash: string) => store.session(idHash),
      touch: (idHash: string) => store.touchSession(idHash, ctx.now()),
      remove: (idHash: string) => store.deleteSession(idHash),
      purge: (createdBefore: number, seenBefore: number) =>
        store.purgeSessions(createdBefore, seenBefore),
    },
    /** Staff members who held one of `roles` by a grant in force at some moment of [from, to). */
    holders: (roles: readonly string[], from: string, to: string) => store.holders(roles, from, to),
    /** The behaviour rules of the published policy (defaults filled in), or undefined before one. */
    rules: (): BehaviourRules | undefined => currentPolicy(ctx)?.policy.rules,

    // The admin API's operations; `by` is the operator's name, for the ledger
    createStaff: (by: string, body: unknown) => createStaff(ctx, by, body),
    listStaff: () => listStaff(ctx),
    staffDetail: (staffId: string) => staffDetail(ctx, staffId),
    issueEnrollment: (by: string, staffId: string) => issueEnrollment(ctx, by, staffId),
    resetStaffTotp: (by: string, staffId: string) => resetStaffTotp(ctx, by, staffId),
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
