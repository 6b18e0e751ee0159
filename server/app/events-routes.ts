// `POST /v1/events` (issue 4, R15, R19): a device sends a batch of staff events; each valid one
// is stored once in the ledger (keyed by event id), each invalid one is rejected alone, and the
// answer says where each event is, so the device can delete exactly what is safe. New events are
// also folded into the activity index the review console reads (issue 7).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  EventBatchSchema,
  StaffEventSchema,
  type EventBatchResult,
  type StaffEvent,
} from '../../shared/schema';
import type { ActivityIndex } from '../activity';
import type { DeviceStore } from '../devices';
import type { Ledger } from '../ledger';
import type { GovernanceService } from '../staff';
import { AppError, readJson } from './errors';

/** Largest request body: 500 events of about 1 KB, with room to spare. */
export const MAX_EVENTS_BODY_BYTES = 1024 * 1024;

/** The ledger kind of staff events. */
export const STAFF_EVENT_KIND = 'staff-event';

/** What the ledger stores for one event: the event, and which device sent it when (R19). */
interface StoredStaffEvent {
  event: StaffEvent;
  receivedAt: string;
  /** `staffId`: the staff member the device is enrolled for, when it is (the event's own claim
   * is whatever the browser wrote). */
  sender: { deviceId: string; label: string; staffId?: string };
}

/**
 * Counts an enrolled device's events towards its staff member's behaviour rules (issue 6, R16).
 * Never fails the batch: the events are in the ledger already, and the device must not resend
 * them because the rules could not be evaluated.
 */
function countForRules(
  governance: GovernanceService | undefined,
  staffId: string | null,
  events: readonly StaffEvent[],
): void {
  if (!governance || staffId === null || events.length === 0) return;
  try {
    governance.recordEvents(staffId, events);
  } catch (error) {
    console.error(
      '[events] stored, but not counted for the behaviour rules:',
      error instanceof Error ? error.message : 'unknown error',
    );
  }
}

/**
 * Folds events new to the ledger into the activity index (one transaction for the batch), under
 * the staff member the device is enrolled for, else the event's own claim. Never fails the batch:
 * the ledger holds them, and the index is caught up from it at the next start (server/activity).
 */
function foldIntoActivity(
  activity: ActivityIndex | undefined,
  staffId: string | null,
  stored: readonly { index: number; event: StaffEvent }[],
): void {
  if (!activity || stored.length === 0) return;
  try {
    activity.record(
      stored.map(({ index, event }) => ({ index, staffId: staffId ?? event.staffId, event })),
    );
  } catch (error) {
    console.error(
      '[events] stored, but not folded into the activity index:',
      error instanceof Error ? error.message : 'unknown error',
    );
  }
}

/** A readable reason for a rejected event: field paths and messages, never the values. */
function reasonOf(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(event)'}: ${i.message}`)
    .join('; ');
}

const idOf = (value: unknown): string | null =>
  typeof value === 'object' &&
  value !== null &&
  'id' in value &&
  typeof value.id === 'string' &&
  value.id.length <= 64
    ? value.id
    : null;

/**
 * @example
 *   app.route('/', eventsRoutes({ ledger, devices }));
 *   // POST /v1/events  Authorization: Bearer cdt_…  { "events": [ … ] }
 *   // 200 { acks: [{ id, index, duplicate }], rejected: [], gaps: [], receivedAt }
 */
export function eventsRoutes(deps: {
  ledger: Ledger;
  devices: DeviceStore;
  /** With it, an enrolled device's views and offline reveals count towards the rules. */
  governance?: GovernanceService | undefined;
  /** With it, new events are folded into the console's activity index. */
  activity?: ActivityIndex | undefined;
}): Hono {
  const app = new Hono();
  // The extension's service worker calls from a chrome-extension:// origin; the token, not
  // cookies, authenticates, so any origin may call (no host permission needed in the extension).
  app.use(
    '/v1/events',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['authorization', 'content-type'] }),
  );
  app.post(
    '/v1/events',
    bodyLimit({
      maxSize: MAX_EVENTS_BODY_BYTES,
      onError: () => {
        throw new AppError(
          413,
          'payload_too_large',
          `A batch may be at most ${MAX_EVENTS_BODY_BYTES} bytes; send fewer events per request.`,
        );
      },
    }),
    async (c) => {
      const auth = c.req.header('authorization') ?? '';
      const token = /^Bearer (\S+)$/.exec(auth)?.[1];
      const device = token ? deps.devices.authenticate(token) : undefined;
      if (!device) {
        throw new AppError(
          401,
          'unauthorized',
          token
            ? 'The device token is unknown or revoked. Enrol this browser again to get a new one.'
            : 'Send the device token as "Authorization: Bearer <token>".',
        );
      }
      const body = EventBatchSchema.safeParse(await readJson(c));
      if (!body.success) {
        throw new AppError(
          400,
          'bad_request',
          `The body must be {"events": [...]} with 1 to 500 events (${reasonOf(body.error.issues)}).`,
        );
      }
      const receivedAt = new Date().toISOString();
      const valid: { at: number; event: StaffEvent }[] = [];
      const rejected: EventBatchResult['rejected'] = [];
      body.data.events.forEach((raw, position) => {
        const parsed = StaffEventSchema.safeParse(raw);
        if (parsed.success) valid.push({ at: position, event: parsed.data });
        else rejected.push({ id: idOf(raw), position, reason: reasonOf(parsed.error.issues) });
      });
      const stored = deps.ledger.appendKeyed(
        STAFF_EVENT_KIND,
        valid.map(({ event }) => ({
          key: event.id,
          payload: {
            event,
            receivedAt,
            sender: {
              deviceId: device.id,
              label: device.label,
              ...(device.staffId === null ? {} : { staffId: device.staffId }),
            },
          } satisfies StoredStaffEvent,
        })),
      );
      // Only events new to the ledger: a resent batch was counted the first time.
      const fresh = valid.flatMap(({ event }, i) =>
        stored[i]!.duplicate ? [] : [{ index: stored[i]!.index, event }],
      );
      countForRules(
        deps.governance,
        device.staffId,
        fresh.map(({ event }) => event),
      );
      foldIntoActivity(deps.activity, device.staffId, fresh);
      const byDevice = new Map<string, number[]>();
      for (const { event } of valid) {
        const seqs = byDevice.get(event.deviceId) ?? [];
        seqs.push(event.seq);
        byDevice.set(event.deviceId, seqs);
      }
      const gaps = [...byDevice].flatMap(([deviceId, seqs]) =>
        deps.devices.receiveSequences(deviceId, seqs).map((g) => ({ deviceId, ...g })),
      );
      return c.json<EventBatchResult>({
        acks: valid.map(({ event }, i) => ({ id: event.id, ...stored[i]! })),
        rejected,
        gaps,
        receivedAt,
      });
    },
  );
  return app;
}
