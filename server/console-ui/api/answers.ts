// The schemas every answer of the console API is parsed with: the shared ones (shared/schema
// review.ts, staff.ts, console-records.ts), gathered here with the few list wrappers they lack.
import { z } from 'zod';
import {
  ConsentStatsSchema,
  DataRequestQueueSchema,
  IncidentViewSchema,
  IntegrityResponseSchema,
  QueuedDataRequestSchema,
  RetentionDestroyedSchema,
  RetentionResponseSchema,
  SampledEventSchema,
  SpotCheckDetailSchema,
  type ConsentStatRow,
  type ConsentStats,
  type IncidentView,
  type IntegrityResponse,
  type QueuedDataRequest,
  type RetentionDue,
  type SpotCheckDetail,
} from '../../../shared/schema/console-records';
import {
  ChartResponseSchema,
  ConsoleSessionSchema,
  SpotCheckSchema,
} from '../../../shared/schema/review';
import { ReviewCaseSchema } from '../../../shared/schema/staff';

export {
  ChartResponseSchema,
  ConsentStatsSchema,
  ConsoleSessionSchema,
  DataRequestQueueSchema,
  IncidentViewSchema,
  IntegrityResponseSchema,
  RetentionDestroyedSchema,
  RetentionResponseSchema,
  ReviewCaseSchema,
  SpotCheckDetailSchema,
  SpotCheckSchema,
};
export type {
  ConsentStatRow,
  ConsentStats,
  IncidentView,
  IntegrityResponse,
  QueuedDataRequest,
  RetentionDue,
  SpotCheckDetail,
};

/** The server's error body: `{ error: { code, message } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** One event of the activity index: the same row the spot checks sample. */
export const EventRowSchema = SampledEventSchema;
export type EventRow = z.infer<typeof EventRowSchema>;

/** A page of events, oldest first; `next` goes into `after` for the next page. */
export const EventPageSchema = z.strictObject({
  rows: z.array(EventRowSchema),
  next: z.number().int().nullable(),
});
export type EventPage = z.infer<typeof EventPageSchema>;

export const ReviewListSchema = z.strictObject({ cases: z.array(ReviewCaseSchema) });
export const ReviewDetailSchema = z.strictObject({
  case: ReviewCaseSchema,
  events: EventPageSchema,
});
export type ReviewDetail = z.infer<typeof ReviewDetailSchema>;

export const SpotCheckListSchema = z.strictObject({ checks: z.array(SpotCheckSchema) });
export const IncidentListSchema = z.strictObject({ incidents: z.array(IncidentViewSchema) });

/** A data request's status, as an administrator sets it. */
export const DataRequestStatusSchema = QueuedDataRequestSchema.shape.status;
export type DataRequestStatus = z.infer<typeof DataRequestStatusSchema>;

/** Answers the console does not read beyond "it worked" (sign-out's 204). */
export const AnySchema = z.unknown();
