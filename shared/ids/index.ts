// Identifiers: time-ordered UUIDs for events and records.
export { uuidv7 } from './uuidv7';
