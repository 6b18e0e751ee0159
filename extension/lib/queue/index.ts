// The local event queue (R15): events are stored durably before the action they record, and
// leave only when the server acknowledges them (sync comes with the audit-trail issue).
export { enqueueEvent, onEnqueued, queueStatus, recentEvents, type NewEvent } from './enqueue';
export { database, DB_NAME, type QueuedEvent, type QueuedChunk, type DeadLetter } from './db';
export { readBatch, settleBatch, deadLetters, type QueueBatch } from './drain';
