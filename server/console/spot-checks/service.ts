// Quarterly spot checks of high-risk roles (R18): a reproducible random sample of the roles'
// events in a quarter, a finding per sampled event, and the finished check signed into the ledger.
//
// - The population is every event of the quarter's days recorded under one of the roles, or made
//   by a staff member who held one of them by a grant in force at some moment of the quarter.
// - The seed is 16 random bytes, recorded with the sample in the check and in the ledger
//   (`spot-check-drawn`), so anyone can redraw the sample with sampleIndexes.
// - A finding must name a sampled event; a second one for the same event replaces the first,
//   until the check is signed. Signing needs a finding for every sampled event, happens once,
//   and writes the whole check to the ledger (`spot-check-signed`).
import { randomBytes } from 'node:crypto';
import { uuidv7 } from '../../../shared/ids';
import { localTime } from '../../../shared/rules';
import { quarterDays, sampleIndexes } from '../../../shared/review';
import {
  FindingBodySchema,
  SpotCheckCreateBodySchema,
  type SpotFinding,
  type SpotCheck,
} from '../../../shared/schema/review';
import { UuidSchema } from '../../../shared/schema/events';
import type { ActivityIndex, EventRow } from '../../activity';
import { done, issuesText, refuse, type Outcome } from '../../consent/problems';
import type { Ledger } from '../../ledger';
import type { ConsoleStore } from '../console-store';
import { isoAt } from '../http';
import { record } from '../record';
import { daysAsInstants } from './zoned-days';

/** Who held a role by grant, and when (the governance store's `holders`). */
export interface GrantHolders {
  /** Staff ids with a grant of one of `roles` in force at some moment of [from, to) (ISO instants). */
  holders(roles: readonly string[], from: string, to: string): string[];
}

export interface SpotCheckDeps {
  store: ConsoleStore;
  ledger: Ledger;
  activity: Pick<ActivityIndex, 'timeZone' | 'population' | 'eventsByIndex'>;
  grants: GrantHolders;
  now: () => number;
}

/** How many sampled events a refusal names before "…": enough to find them, short to read. */
const MISSING_SHOWN = 5;

const unknownCheck = <T>(): Outcome<T> =>
  refuse(
    404,
    'unknown-spot-check',
    'No spot check has this id. Take the checkId from the list: GET /admin/api/spot-checks.',
  );

const signedAlready = <T>(check: SpotCheck): Outcome<T> =>
  refuse(
    409,
    'spot-check-signed',
    `This spot check was signed by ${check.signedBy} at ${check.signedAt} (ledger entry ${check.ledgerIndex}); a signed check cannot change. Draw a new one if the quarter must be checked again.`,
  );

/** The check a path names, or a 404 (a malformed id is not echoed). */
function checkOf(deps: SpotCheckDeps, checkId: string): Outcome<SpotCheck> {
  const check = UuidSchema.safeParse(checkId).success ? deps.store.check(checkId) : undefined;
  return check ? done(check) : unknownCheck();
}

/**
 * The ledger indexes a check of `quarter` and `roles` samples from: what anyone redrawing the
 * sample needs besides the seed.
 *
 * @example
 *   spotCheckPopulation(deps, '2026-Q3', ['data-admin']); // [1203, 1877, …]
 */
export function spotCheckPopulation(
  deps: SpotCheckDeps,
  quarter: string,
  roles: readonly string[],
): number[] {
  const days = quarterDays(quarter);
  const { start, end } = daysAsInstants(days, deps.activity.timeZone);
  const staffIds = deps.grants.holders(roles, isoAt(start), isoAt(end));
  return deps.activity.population({ ...days, roles, staffIds });
}

/**
 * Draws a spot check (`POST /admin/api/spot-checks`): the quarter's population of the roles'
 * events, a sample of it from a fresh random seed, stored and recorded in the ledger.
 *
 * @example
 *   drawSpotCheck(deps, 'zhao.min', { quarter: '2026-Q3', roles: ['data-admin'], sampleSize: 25 });
 *   // { ok: true, value: { checkId, seed: '9f…', population: 4812, sample: [25 indexes], … } }
 */
export function drawSpotCheck(deps: SpotCheckDeps, by: string, input: unknown): Outcome<SpotCheck> {
  const body = SpotCheckCreateBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"quarter": "2026-Q3", "roles": ["data-admin"], "sampleSize": 25} (${issuesText(body.error.issues)}).`,
    );
  }
  const { quarter, sampleSize } = body.data;
  const roles = [...new Set(body.data.roles)].sort();
  const now = deps.now();
  const today = localTime(now, deps.activity.timeZone).date;
  if (quarterDays(quarter).from > today) {
    return refuse(
      400,
      'quarter-not-started',
      `${quarter} has not started yet (today is ${today}); pick this quarter or an earlier one.`,
    );
  }
  const population = spotCheckPopulation(deps, quarter, roles);
  const seed = randomBytes(16).toString('hex');
  const sample = sampleIndexes(population, sampleSize, seed);
  // The seed is 32 hex digits made just above: a refusal here is a bug, not a request to refuse.
  if (!sample.ok) throw new Error(`spot check sample: ${sample.error}`);
  const check: SpotCheck = {
    checkId: uuidv7(now, randomBytes(10)),
    quarter,
    roles,
    seed,
    population: population.length,
    sample: sample.value,
    findings: [],
    createdBy: by,
    createdAt: isoAt(now),
    status: 'open',
    signedBy: null,
    signedAt: null,
    ledgerIndex: null,
  };
  deps.store.transaction(() => {
    record(deps.ledger, {
      kind: 'spot-check-drawn',
      by,
      at: check.createdAt,
      checkId: check.checkId,
      quarter,
      roles,
      seed,
      population: check.population,
      sample: check.sample,
    });
    deps.store.insertCheck(check);
  });
  return done(check);
}

/**
 * A check and its sampled events (`GET /admin/api/spot-checks/:checkId`).
 *
 * @example
 *   spotCheckDetail(deps, checkId); // { ok: true, value: { check, events: [EventRow, …] } }
 */
export function spotCheckDetail(
  deps: SpotCheckDeps,
  checkId: string,
): Outcome<{ check: SpotCheck; events: EventRow[] }> {
  const check = checkOf(deps, checkId);
  if (!check.ok) return check;
  return done({ check: check.value, events: deps.activity.eventsByIndex(check.value.sample) });
}

/**
 * Records a reviewer's finding on one sampled event (`POST …/:checkId/findings`), replacing an
 * earlier finding on the same event while the check is open.
 *
 * @example
 *   addFinding(deps, 'zhao.min', checkId, { index: 1203, verdict: 'ok', note: 'ticket CS-88' });
 */
export function addFinding(
  deps: SpotCheckDeps,
  by: string,
  checkId: string,
  input: unknown,
): Outcome<SpotCheck> {
  if (!checkOf(deps, checkId).ok) return unknownCheck();
  const body = FindingBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"index": 1203, "verdict": "ok" | "concern" | "violation", "note": "why"} (${issuesText(body.error.issues)}).`,
    );
  }
  return deps.store.transaction(() => {
    // Read again inside the transaction, so two reviewers' findings never overwrite each other.
    const check = deps.store.check(checkId)!;
    if (check.status === 'signed') return signedAlready<SpotCheck>(check);
    const { index, verdict, note } = body.data;
    if (!check.sample.includes(index)) {
      return refuse<SpotCheck>(
        400,
        'not-in-sample',
        `Event ${index} is not in this check's sample; a finding is recorded only for a sampled event (see GET /admin/api/spot-checks/${checkId}).`,
      );
    }
    const finding: SpotFinding = { index, verdict, note, by, at: isoAt(deps.now()) };
    const findings = [...check.findings.filter((f) => f.index !== index), finding].sort(
      (a, b) => a.index - b.index,
    );
    const updated: SpotCheck = { ...check, findings };
    deps.store.updateCheck(updated);
    return done(updated);
  });
}

/**
 * Signs a finished check into the ledger (`POST …/:checkId/sign`): every sampled event must have
 * a finding; a check is signed once.
 *
 * @example
 *   signSpotCheck(deps, 'zhao.min', checkId); // { ok: true, value: { status: 'signed', ledgerIndex: 5120, … } }
 */
export function signSpotCheck(
  deps: SpotCheckDeps,
  by: string,
  checkId: string,
): Outcome<SpotCheck> {
  if (!checkOf(deps, checkId).ok) return unknownCheck();
  return deps.store.transaction(() => {
    const check = deps.store.check(checkId)!;
    if (check.status === 'signed') return signedAlready<SpotCheck>(check);
    const found = new Set(check.findings.map((f) => f.index));
    const missing = check.sample.filter((i) => !found.has(i));
    if (missing.length > 0) {
      const shown = missing.slice(0, MISSING_SHOWN).join(', ');
      return refuse<SpotCheck>(
        400,
        'findings-missing',
        `${missing.length} of the ${check.sample.length} sampled events have no finding yet (${shown}${missing.length > MISSING_SHOWN ? ', …' : ''}); record one for each, then sign.`,
      );
    }
    const at = isoAt(deps.now());
    const signed: SpotCheck = { ...check, status: 'signed', signedBy: by, signedAt: at };
    const ledgerIndex = record(deps.ledger, { kind: 'spot-check-signed', by, at, check: signed });
    const stored: SpotCheck = { ...signed, ledgerIndex };
    deps.store.updateCheck(stored);
    return done(stored);
  });
}
