// The review console's server side (issue 7). This part: its store, the one way its actions reach
// the ledger, and the record-keeping routes (spot checks R18, incidents R21, retention R10,
// consent statistics and data requests R6, integrity R17), each a Hono sub-app relative to
// /admin/api that expects the session middleware to have set `operator`.
import { Hono } from 'hono';
import type { ActivityIndex } from '../activity';
import type { ConsentService } from '../consent';
import type { Ledger } from '../ledger';
import { consentStatsRoutes } from './consent-stats';
import type { ConsoleStore } from './console-store';
import { incidentRoutes } from './incidents';
import { integrityRoutes } from './integrity';
import { retentionRoutes } from './retention';
import type { ConsoleEnv } from './roles';
import { spotCheckRoutes, type GrantHolders } from './spot-checks';

export { CONSOLE_DB_FILE, CONSOLE_KIND } from './config';
export { openConsoleStore, type ConsoleStore, type VerifyRun } from './console-store';
export { record } from './record';
export { requireRole, roleAtLeast, type ConsoleEnv, type ConsoleOperator } from './roles';
export { parseQuery, streamLines, unwrap } from './http';
export { spotCheckRoutes, type GrantHolders, type SpotCheckDeps } from './spot-checks';
export { incidentRoutes, type IncidentDeps } from './incidents';
export { retentionRoutes, type RetentionDeps } from './retention';
export { consentStatsRoutes, type ConsentStatsDeps } from './consent-stats';
export { integrityRoutes, type IntegrityDeps } from './integrity';

/** Everything the record-keeping routes need, as the server opens it. */
export interface RecordKeepingDeps {
  store: ConsoleStore;
  ledger: Ledger;
  activity: Pick<ActivityIndex, 'timeZone' | 'population' | 'eventsByIndex'>;
  /** Who held a role by grant (the governance store: `openGovernanceStore(…).holders`). */
  grants: GrantHolders;
  consent: Pick<ConsentService, 'sites' | 'records' | 'setRequestStatus'>;
  /** The ledger's file, shown in the integrity page's `--db` command. */
  ledgerPath?: string | undefined;
  now?: () => number;
}

/**
 * All five record-keeping route sets in one sub-app, relative to /admin/api.
 *
 * @example
 *   api.route('/', recordKeepingRoutes({ store: openConsoleStore(dir), ledger, activity,
 *     grants: governanceStore, consent }));
 */
export function recordKeepingRoutes(deps: RecordKeepingDeps): Hono<ConsoleEnv> {
  const { store, ledger, activity, grants, consent, ledgerPath } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<ConsoleEnv>();
  app.route('/', spotCheckRoutes({ store, ledger, activity, grants, now }));
  app.route('/', incidentRoutes({ store, ledger, now }));
  app.route('/', retentionRoutes({ records: consent.records, ledger, now }));
  app.route('/', consentStatsRoutes({ consent, ledger, now }));
  app.route('/', integrityRoutes({ store, ledger, now, ledgerPath }));
  return app;
}
