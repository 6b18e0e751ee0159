// Catching the activity index up with the ledger at start-up (issue 7): staff events stored while
// the index was missing, deleted or behind (an older server, a crash between the ledger's commit
// and the fold) are read from the ledger's export, a page at a time, and folded in batches.
// The ledger is the record; this file only rebuilds what is derived from it.
//
// - Reading starts after the index's last event or where the last catch-up stopped, whichever is
//   later: a ledger of mostly consent and governance entries is not read again at every start.
// - An ingest fold that failed while later ones succeeded leaves a hole this does not see (the
//   index's last event is past it); deleting activity.db rebuilds it whole.
import { z } from 'zod';
import { StaffEventSchema } from '../../shared/schema';
import type { Ledger } from '../ledger';
import type { ActivityIndex, IndexedEvent } from './store';

/** The ledger kind of staff events (server/app/events-routes.ts writes them). */
const STAFF_EVENT_KIND = 'staff-event';

/** Events folded per transaction: large enough that commits are few, small enough to hold. */
export const CATCH_UP_BATCH = 5000;

const EntryLineSchema = z.object({
  type: z.literal('entry'),
  index: z.number(),
  canonical: z.string(),
});
const EntrySchema = z.object({ kind: z.string(), payload: z.unknown() });
/** What the ledger stores for a staff event: the event, and the enrolled staff member who sent it. */
const StoredStaffEventSchema = z.object({
  event: StaffEventSchema,
  sender: z.object({ staffId: z.string().optional() }),
});

export interface CatchUp {
  /** Ledger entries read (of every kind). */
  scanned: number;
  /** Staff events folded into the index. */
  folded: number;
  /** Staff-event entries whose payload did not parse (left out, and logged). */
  unreadable: number;
}

/**
 * Folds the ledger's staff events after the index's last one into the index. A no-op when the
 * index is current; an index ahead of the ledger (another ledger's) is reported, not changed.
 *
 * @example
 *   const { folded } = catchUpActivity(ledger, activity); // at start-up, before serving
 */
export function catchUpActivity(
  ledger: Pick<Ledger, 'exportRange' | 'size'>,
  activity: Pick<ActivityIndex, 'lastIndex' | 'record' | 'analyze' | 'scannedTo' | 'setScannedTo'>,
  batchSize = CATCH_UP_BATCH,
): CatchUp {
  const last = activity.lastIndex();
  const size = ledger.size();
  const result: CatchUp = { scanned: 0, folded: 0, unreadable: 0 };
  if (last >= size || activity.scannedTo() > size) {
    console.warn(
      `[activity] the activity index reaches past the ledger's ${size} entries: it was built from another ledger. Delete activity.db to rebuild it.`,
    );
    return result;
  }
  const from = Math.max(last + 1, activity.scannedTo());
  if (from === size) return result;
  const lines = ledger.exportRange(from, size);
  if (!lines.ok)
    throw new Error(`cannot read the ledger to catch up the activity index: ${lines.error}`);
  let batch: IndexedEvent[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    activity.record(batch);
    result.folded += batch.length;
    batch = [];
  };
  for (const line of lines.value) {
    const entryLine = EntryLineSchema.safeParse(JSON.parse(line));
    if (!entryLine.success) continue;
    result.scanned += 1;
    const entry = EntrySchema.parse(JSON.parse(entryLine.data.canonical));
    if (entry.kind !== STAFF_EVENT_KIND) continue;
    const stored = StoredStaffEventSchema.safeParse(entry.payload);
    if (!stored.success) {
      result.unreadable += 1;
      continue;
    }
    const { event, sender } = stored.data;
    batch.push({ index: entryLine.data.index, staffId: sender.staffId ?? event.staffId, event });
    if (batch.length >= batchSize) flush();
  }
  flush();
  activity.setScannedTo(size);
  if (result.unreadable > 0) {
    console.warn(
      `[activity] ${result.unreadable} staff-event entries of the ledger could not be read as events and are not in the activity index.`,
    );
  }
  // Many new rows change the planner's picture of the tables.
  if (result.folded >= batchSize) activity.analyze();
  return result;
}
