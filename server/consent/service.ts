// Opens the consent service: its store and secret in the data directory, the ledger's key for
// receipts, and the operations the routes and the command line call.
import { join } from 'node:path';
import type { DataRequest } from '../../shared/schema';
import type { Ledger } from '../ledger';
import { KEY_FILE_NAME } from '../ledger/config';
import { loadOrCreateKey, type LedgerKey } from '../ledger/key-file';
import { CONSENT_DB_FILE, CONSENT_KEY_FILE } from './config';
import type { ConsentContext } from './context';
import { recordDecision } from './decisions';
import { policyFor, publishPolicy, setOrigins } from './policies';
import { loadOrCreateConsentKey } from './secret-key';
import type { CodeSender } from './senders';
import { openConsentStore } from './store';
import { requestData, setRequestStatus, subjectState } from './subjects';
import { confirmVerification, startVerification } from './verifications';

export interface ConsentOptions {
  /** The data directory: consent.db and consent-key live here. */
  dir: string;
  /** The ledger decisions, policies and requests are recorded in. */
  ledger: Ledger;
  sender: CodeSender;
  /** The ledger's signing key; by default read from `ledger-key` in `dir`, as the ledger does. */
  key?: LedgerKey;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Opens the consent service. Receipts are signed with the ledger's own key, so one published key
 * (`GET /v1/ledger/checkpoint` → publicKey) checks both checkpoints and receipts.
 *
 * @example
 *   const consent = openConsent({ dir: 'data', ledger, sender: outboxSender() });
 *   consent.publish(policy, ['https://shop.example']);
 *   consent.policy('shop'); // { ok: true, value: { policy, textHashes } }
 */
export function openConsent(options: ConsentOptions) {
  const key =
    options.key ?? loadOrCreateKey(join(options.dir, KEY_FILE_NAME), options.ledger.origin);
  if (key.publicKey !== options.ledger.publicKey) {
    throw new Error(
      `The receipt key ${key.publicKey} is not the ledger's (${options.ledger.publicKey}). ` +
        `Keep the ledger's key as ${KEY_FILE_NAME} in the data directory, or pass the ledger's key.`,
    );
  }
  const secrets = loadOrCreateConsentKey(join(options.dir, CONSENT_KEY_FILE));
  const store = openConsentStore(join(options.dir, CONSENT_DB_FILE));
  const ctx: ConsentContext = {
    store,
    ledger: options.ledger,
    key,
    secrets,
    sender: options.sender,
    now: options.now ?? Date.now,
  };
  return {
    /** The verifier key text receipts are signed with (the ledger's). */
    publicKey: key.publicKey,
    publish: (policy: unknown, origins?: readonly string[]) => publishPolicy(ctx, policy, origins),
    setOrigins: (site: string, origins: readonly string[]) => setOrigins(ctx, site, origins),
    sites: () => store.sites(),
    /** Whether `origin` may call the site's routes from a browser (CORS). */
    allowsOrigin: (site: string, origin: string) =>
      store.site(site)?.origins.includes(origin) ?? false,
    policy: (site: string, version?: number) => policyFor(ctx, site, version),
    decide: (site: string, authorization: string | undefined, body: unknown) =>
      recordDecision(ctx, site, authorization, body),
    subject: (site: string, subjectId: string, authorization: string | undefined) =>
      subjectState(ctx, site, subjectId, authorization),
    requestData: (
      site: string,
      subjectId: string,
      authorization: string | undefined,
      body: unknown,
    ) => requestData(ctx, site, subjectId, authorization, body),
    /** Every data request, the earliest due first: the operator's queue (R6). */
    requests: () => store.allRequests(),
    setRequestStatus: (id: string, status: DataRequest['status']) =>
      setRequestStatus(ctx, id, status),
    startVerification: (site: string, body: unknown) => startVerification(ctx, site, body),
    confirmVerification: (site: string, id: string, body: unknown) =>
      confirmVerification(ctx, site, id, body),
    /** What the review console reads and destroys (R6, R10): see records.ts. */
    records: store.records,
    close: () => store.close(),
  };
}

export type ConsentService = ReturnType<typeof openConsent>;
