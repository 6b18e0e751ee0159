// The HTTP contract between the extension's queue and the audit service (issue 4):
// `POST /v1/events` with a device token, a batch of staff events in, one verdict per event out.
import { z } from 'zod';
import { UuidSchema } from './events';

/** Most events in one batch: big enough to drain a backlog fast, small enough for one commit. */
export const MAX_BATCH_EVENTS = 500;

/**
 * The request body. Events are checked one by one on the server, so one malformed event is
 * rejected alone and never blocks the rest of its batch.
 *
 * @example
 *   { events: [{ schema: 1, id: '019a…', kind: 'page-view', … }] }
 */
export const EventBatchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS),
});
export type EventBatch = z.infer<typeof EventBatchSchema>;

/** An event stored (now or by an earlier send of the same batch) at this ledger index. */
export const EventAckSchema = z.strictObject({
  id: UuidSchema,
  index: z.number().int().nonnegative(),
  /** True when the event had been stored before: a resent batch is acknowledged the same way. */
  duplicate: z.boolean(),
});

/** An event the server will never accept as it is: it goes to the dead-letter store. */
export const EventRejectionSchema = z.strictObject({
  /** The event's id when it has a readable one, else its position in the batch. */
  id: z.string().nullable(),
  position: z.number().int().nonnegative(),
  reason: z.string(),
});

/** A hole in a device's sequence numbers the server noticed (events lost or not yet sent). */
export const SequenceGapSchema = z.strictObject({
  deviceId: UuidSchema,
  /** Missing sequence numbers from `from` to `to`, inclusive. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
});

/** The response body of `POST /v1/events` (HTTP 200). */
export const EventBatchResultSchema = z.strictObject({
  acks: z.array(EventAckSchema),
  rejected: z.array(EventRejectionSchema),
  gaps: z.array(SequenceGapSchema),
  /** Server time when the batch was committed (R19: when each transfer happened). */
  receivedAt: z.iso.datetime(),
});
export type EventBatchResult = z.infer<typeof EventBatchResultSchema>;
