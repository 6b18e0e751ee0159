// The activity index (issue 7): what the review console's activity pages read instead of the ledger.
export {
  openActivityIndex,
  parseDays,
  type ActivityIndex,
  type DayCounts,
  type EventPage,
  type EventQuery,
  type EventRow,
  type IndexedEvent,
  type StaffDay,
  type StaffSeries,
} from './store';
