// The incident register (R21): an incident opened with its level and the moment it was
// discovered, each step recorded with who did it and when, the level's deadlines counted down
// from discovery (shared/review incidentClock).
//
// - discoveredAt may not be later than now (beyond a little clock skew): the clock runs from it.
// - Steps are stamped with the server's time, not the handler's: the deadline is judged by it.
// - `closed` closes the incident; a closed incident takes no further step (409).
// - Opening and every step are ledger entries (`incident-opened`, `incident-step`).
import { randomBytes } from 'node:crypto';
import { uuidv7 } from '../../../shared/ids';
import { incidentClock } from '../../../shared/review';
import type { IncidentView } from '../../../shared/schema/console-records';
import { UuidSchema } from '../../../shared/schema/events';
import {
  IncidentCreateBodySchema,
  IncidentStepBodySchema,
  type Incident,
  type IncidentStep,
} from '../../../shared/schema/review';
import { done, issuesText, refuse, type Outcome } from '../../consent/problems';
import type { Ledger } from '../../ledger';
import { DISCOVERY_CLOCK_SKEW_MS } from '../config';
import type { ConsoleStore } from '../console-store';
import { isoAt } from '../http';
import { record } from '../record';

export interface IncidentDeps {
  store: ConsoleStore;
  ledger: Ledger;
  now: () => number;
}

/** The incident with its deadlines at `now`. */
export const incidentView = (incident: Incident, now: number): IncidentView => ({
  ...incident,
  clock: incidentClock(incident, now),
});

const unknownIncident = <T>(): Outcome<T> =>
  refuse(
    404,
    'unknown-incident',
    'No incident has this id. Take the incidentId from the register: GET /admin/api/incidents.',
  );

/**
 * One incident (`GET /admin/api/incidents/:incidentId`); a malformed id is a 404, not echoed.
 *
 * @example
 *   incidentOf(deps, incidentId); // { ok: true, value: { incidentId, level: 1, steps: [], … } }
 */
export function incidentOf(deps: IncidentDeps, incidentId: string): Outcome<Incident> {
  const incident = UuidSchema.safeParse(incidentId).success
    ? deps.store.incident(incidentId)
    : undefined;
  return incident ? done(incident) : unknownIncident();
}

/**
 * Opens an incident (`POST /admin/api/incidents`) and records it in the ledger.
 *
 * @example
 *   openIncident(deps, 'zhao.min', { level: 1, title: 'Order sent to the wrong address',
 *     discoveredAt: '2026-11-22T08:00:00+08:00' });
 *   // { ok: true, value: { incidentId: '0190…', level: 1, steps: [], closedAt: null, … } }
 */
export function openIncident(deps: IncidentDeps, by: string, input: unknown): Outcome<Incident> {
  const body = IncidentCreateBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"level": 1-4, "title": "what happened", "description": "…", "discoveredAt": "2026-11-22T08:00:00+08:00"} (${issuesText(body.error.issues)}).`,
    );
  }
  const now = deps.now();
  const discovered = Date.parse(body.data.discoveredAt);
  if (discovered > now + DISCOVERY_CLOCK_SKEW_MS) {
    return refuse(
      400,
      'discovered-in-future',
      `discoveredAt (${body.data.discoveredAt}) is later than now (${isoAt(now)}); give the moment the incident was discovered, with its time zone.`,
    );
  }
  const incident: Incident = {
    incidentId: uuidv7(now, randomBytes(10)),
    level: body.data.level,
    title: body.data.title,
    description: body.data.description,
    discoveredAt: isoAt(discovered),
    openedBy: by,
    openedAt: isoAt(now),
    steps: [],
    closedAt: null,
  };
  deps.store.transaction(() => {
    record(deps.ledger, { kind: 'incident-opened', by, at: incident.openedAt, incident });
    deps.store.insertIncident(incident);
  });
  return done(incident);
}

/**
 * Records a step (`POST /admin/api/incidents/:incidentId/steps`); `closed` closes the incident.
 *
 * @example
 *   addIncidentStep(deps, 'zhao.min', incidentId, { action: 'customer-notified', note: 'phoned her' });
 *   // { ok: true, value: { steps: [{ action: 'customer-notified', by: 'zhao.min', at: '…' }], … } }
 */
export function addIncidentStep(
  deps: IncidentDeps,
  by: string,
  incidentId: string,
  input: unknown,
): Outcome<Incident> {
  if (!incidentOf(deps, incidentId).ok) return unknownIncident();
  const body = IncidentStepBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"action": "customer-notified" | "regulator-reported" | "contained" | "note" | "closed", "note": "what was done"} (${issuesText(body.error.issues)}).`,
    );
  }
  return deps.store.transaction(() => {
    // Read again inside the transaction, so two handlers' steps never overwrite each other.
    const incident = deps.store.incident(incidentId)!;
    if (incident.closedAt !== null) {
      return refuse<Incident>(
        409,
        'incident-closed',
        `This incident was closed at ${incident.closedAt}; a closed incident takes no further step. Open a new incident if something new happened.`,
      );
    }
    const at = isoAt(deps.now());
    const step: IncidentStep = { action: body.data.action, note: body.data.note, by, at };
    const updated: Incident = {
      ...incident,
      steps: [...incident.steps, step],
      closedAt: step.action === 'closed' ? at : null,
    };
    record(deps.ledger, { kind: 'incident-step', by, at, incidentId, step });
    deps.store.updateIncident(updated);
    return done(updated);
  });
}
