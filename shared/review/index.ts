// The review console's pure core (issue 7): reproducible spot-check samples, quarters, incident
// clocks and spreadsheet-safe CSV.
export { sampleIndexes } from './sample';
export { quarterDays, quarterOf, type DayRange } from './quarter';
export { incidentClock, INCIDENT_DEADLINES, type DeadlineState } from './incident-clock';
export { csvLine, type CsvCell } from './csv';
