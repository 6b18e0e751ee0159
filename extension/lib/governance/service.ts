// The background's governance service (issue 6): enrollment, the authenticator, unlock, the staff
// status and the signed policy kept fresh, and what the reveal decision needs from them. The
// browser APIs are parameters, so it runs under test.
import { uuidv7 } from '../../../shared/ids';
import { RevealVerdictSchema, type RevealAuthorizeBody } from '../../../shared/schema';
import type {
  ActionAnswer,
  EnrollmentView,
  Governance,
  PopupToBackground,
} from '../../../shared/schema/popup';
import { ACTIVITY_KEY, createActivityLog } from '../activity/history';
import {
  POLICY_PERIOD_MINUTES,
  REVEAL_TIMEOUT_MS,
  STATUS_FRESH_MS,
  STATUS_PERIOD_MINUTES,
  ACTIVITY_KEEP_MS,
} from '../config';
import { enroll } from '../enrollment/enroll';
import { NO_PINS, type Pins } from '../enrollment/pins';
import { readEnrollment, readPendingTotp } from '../enrollment/record';
import { confirmTotp } from '../enrollment/totp';
import type { GovernedContext, RevealDeps, ServiceVerdict } from '../reveal/authorize';
import { refreshServerPolicy } from '../server-policy/refresh';
import {
  readServerPolicyRecord,
  SERVER_POLICY_KEY,
  type ServerPolicyRecord,
} from '../server-policy/store';
import type { StorageArea } from '../service/area';
import { callService, type FetchLike } from '../service/call';
import { readStatusCache, STATUS_KEY, type StatusCache } from '../staff-status/cache';
import { refreshStatus } from '../staff-status/refresh';
import { unlock } from '../unlock/unlock';
import { governanceView, pauseBlockedBy } from './view';

/** The alarms, by name: the service worker is woken for them even when stopped. */
export const STATUS_ALARM = 'custodian-staff-status';
export const POLICY_ALARM = 'custodian-staff-policy';

export interface AlarmsApi {
  create(name: string, info: { periodInMinutes: number }): unknown;
  onAlarm: { addListener(callback: (alarm: { name: string }) => void): void };
}

export interface GovernanceDeps {
  fetch: FetchLike;
  local: StorageArea;
  session: StorageArea;
  /** The managed-storage pins; null when Chrome has not answered yet. */
  pins(): Promise<Pins | null>;
  /** The service's URL and this device's token (managed storage, else the enrollment's). */
  settings(): Promise<{ serverUrl: string; deviceToken: string } | undefined>;
  /** Runs the event sync now; resolves when that run ends. */
  runSync(): Promise<void>;
  now(): number;
  randomBytes(n: number): Uint8Array;
}

/** The page messages this service answers. */
export type GovernanceMessage = Extract<
  PopupToBackground,
  { type: 'enrollment-view' | 'enroll' | 'confirm-totp' | 'unlock' }
>;

export interface GovernanceService {
  /** Start-up refresh and the periodic alarms. */
  start(alarms: AlarmsApi): void;
  handle(message: GovernanceMessage): Promise<ActionAnswer | EnrollmentView>;
  /** For the popup; null when not enrolled. Fetches a stale status in the background. */
  view(): Promise<Governance | null>;
  /** Why a pause is refused now on an enrolled browser (see `pauseBlockedBy`). */
  pauseBlocked(): Promise<string | null>;
  /** A page view with customer data was recorded at `at` (ms). */
  viewRecorded(at: number): void;
  /** Fetches the status (single flight); null when not enrolled. */
  refreshStatus(timeoutMs?: number): Promise<StatusCache | null>;
  /** Fetches the signed policy (single flight); null when not enrolled. */
  refreshPolicy(): Promise<ServerPolicyRecord | null>;
  /** What lib/reveal's RevealDeps needs from governance. */
  reveal: Pick<
    RevealDeps,
    | 'governed'
    | 'askService'
    | 'history'
    | 'recordActivity'
    | 'refreshStatus'
    | 'statusMayHaveChanged'
    | 'ruleFiredLocally'
    | 'requestId'
  >;
}

const logFailure = (what: string) => (error: unknown) => {
  console.warn(`[custodian] ${what}:`, error);
};

/**
 * @example
 *   const governance = createGovernance({ fetch, local: browser.storage.local,
 *     session: browser.storage.session, pins, settings: readSyncSettings,
 *     runSync: () => sync.runNow(), now: Date.now, randomBytes });
 *   governance.start(browser.alarms);
 */
export function createGovernance(deps: GovernanceDeps): GovernanceService {
  const { local, now } = deps;
  const activity = createActivityLog(local, ACTIVITY_KEEP_MS, now);
  const enrollment = () => readEnrollment(local);
  const base = { fetch: deps.fetch, local, settings: deps.settings, now };

  let policyFlight: Promise<ServerPolicyRecord | null> | undefined;
  const refreshPolicy = (): Promise<ServerPolicyRecord | null> => {
    policyFlight ??= (async () => {
      const enrolled = await enrollment();
      if (!enrolled) return null;
      return refreshServerPolicy({ ...base, serverKey: async () => enrolled.serverKey });
    })().finally(() => {
      policyFlight = undefined;
    });
    return policyFlight;
  };

  let statusFlight: Promise<StatusCache | null> | undefined;
  let lastStatusTry = 0;
  const refreshStatusNow = (timeoutMs?: number): Promise<StatusCache | null> => {
    statusFlight ??= (async () => {
      if (!(await enrollment())) return null;
      lastStatusTry = now();
      const cache = await refreshStatus({ ...base, ...(timeoutMs ? { timeoutMs } : {}) });
      const version = cache.problem === null ? cache.status?.policyVersion : null;
      if (version) {
        const kept = (await readServerPolicyRecord(local)).kept;
        // A new policy was published: fetch it now rather than at the next policy alarm.
        if (version !== kept?.version) refreshPolicy().catch(logFailure('policy not refreshed'));
      }
      return cache;
    })().finally(() => {
      statusFlight = undefined;
    });
    return statusFlight;
  };
  const refreshSoon = () => void refreshStatusNow().catch(logFailure('status not refreshed'));

  const governed = async (): Promise<GovernedContext | null> => {
    const enrolled = await enrollment();
    if (!enrolled) return null;
    const cache = await readStatusCache(local);
    return { staffId: enrolled.staffId, status: cache.status, statusAt: cache.fetchedAt };
  };

  const askService = async (body: RevealAuthorizeBody): Promise<ServiceVerdict> => {
    const settings = await deps.settings();
    if (!settings) {
      return {
        kind: 'refused',
        message:
          'This browser has no device token for the audit service; enrol it again in the options page.',
      };
    }
    const reply = await callService(deps.fetch, settings.serverUrl, {
      method: 'POST',
      path: '/v1/staff/reveals',
      token: settings.deviceToken,
      body,
      timeoutMs: REVEAL_TIMEOUT_MS,
    });
    if (reply.kind === 'unreachable') return reply;
    if (reply.kind === 'refused') return { kind: 'refused', message: reply.message };
    const verdict = RevealVerdictSchema.safeParse(reply.body);
    return verdict.success
      ? { kind: 'verdict', verdict: verdict.data }
      : {
          kind: 'refused',
          message:
            "The audit service's answer is not understood, so nothing was revealed; the extension may be older than the service. Tell your administrator.",
        };
  };

  const view = async (): Promise<Governance | null> => {
    const enrolled = await enrollment();
    if (!enrolled) return null;
    const [cache, record] = await Promise.all([
      readStatusCache(local),
      readServerPolicyRecord(local),
    ]);
    return governanceView(enrolled, cache, record, now());
  };

  const enrollmentView = async (): Promise<EnrollmentView> => {
    const [governance, pins, pendingTotp] = await Promise.all([
      view(),
      deps.pins(),
      readPendingTotp(deps.session),
    ]);
    return { governance, pins: pins ?? NO_PINS, pendingTotp };
  };

  const afterDone = (answer: ActionAnswer, then: () => void): ActionAnswer => {
    if (answer.status === 'done') then();
    return answer;
  };

  return {
    start(alarms) {
      void alarms.create(STATUS_ALARM, { periodInMinutes: STATUS_PERIOD_MINUTES });
      void alarms.create(POLICY_ALARM, { periodInMinutes: POLICY_PERIOD_MINUTES });
      alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === STATUS_ALARM) refreshSoon();
        if (alarm.name === POLICY_ALARM) refreshPolicy().catch(logFailure('policy not refreshed'));
      });
      // The service worker starts whenever the browser wakes it (a page loads, an alarm fires),
      // often many times an hour: fetch on start-up only what is not fresh already.
      void (async () => {
        const [cache, record] = await Promise.all([
          readStatusCache(local),
          readServerPolicyRecord(local),
        ]);
        const stale = (at: number | null | undefined) => (at ?? 0) < now() - STATUS_FRESH_MS;
        if (stale(cache.fetchedAt) || cache.problem !== null) refreshSoon();
        if (stale(record.kept?.fetchedAt) || record.problem !== null) {
          await refreshPolicy();
        }
      })().catch(logFailure('start-up refresh failed'));
    },

    async handle(message) {
      switch (message.type) {
        case 'enrollment-view':
          return enrollmentView();
        case 'enroll': {
          const answer = await enroll(
            {
              fetch: deps.fetch,
              local,
              session: deps.session,
              pins: deps.pins,
              forget: [STATUS_KEY, SERVER_POLICY_KEY, ACTIVITY_KEY],
              now,
            },
            message,
          );
          return afterDone(answer, () => {
            refreshSoon();
            refreshPolicy().catch(logFailure('policy not refreshed'));
            // Events queued before enrollment now have a token to go with.
            deps.runSync().catch(logFailure('sync after enrollment failed'));
          });
        }
        case 'confirm-totp':
          return afterDone(
            await confirmTotp({ ...base, session: deps.session }, message.code),
            refreshSoon,
          );
        case 'unlock':
          return afterDone(await unlock(base, message.code), refreshSoon);
      }
    },

    async view() {
      const current = await view();
      // The popup is open: a status older than a minute is fetched again (once a minute at most,
      // as the popup re-reads on every storage change, including the one this refresh makes).
      if (
        current &&
        now() - lastStatusTry > STATUS_FRESH_MS &&
        (current.statusAt ?? 0) < now() - STATUS_FRESH_MS
      ) {
        refreshSoon();
      }
      return current;
    },

    pauseBlocked: async () => pauseBlockedBy(await view()),

    viewRecorded(at) {
      void enrollment()
        .then((enrolled) => (enrolled ? activity.record({ at, kind: 'view' }) : undefined))
        .catch(logFailure('view not added to the local history'));
    },

    refreshStatus: refreshStatusNow,
    refreshPolicy,

    reveal: {
      governed,
      askService,
      history: (at) => activity.read(at),
      recordActivity: (a) => activity.record(a),
      async refreshStatus() {
        await refreshStatusNow(REVEAL_TIMEOUT_MS);
        return governed();
      },
      statusMayHaveChanged: refreshSoon,
      ruleFiredLocally(body) {
        // The service opens the review case when it sees the rule fire: first the views it does
        // not have yet, then this attempt. Its verdict is not shown: the reveal was refused here.
        void deps
          .runSync()
          .catch(logFailure('sync before reporting a rule failed'))
          .then(() => askService(body))
          .then(() => refreshStatusNow())
          .catch(logFailure('rule firing not reported'));
      },
      requestId: () => uuidv7(now(), deps.randomBytes(10)),
    },
  };
}
