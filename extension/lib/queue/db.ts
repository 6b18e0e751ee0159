// The only module that opens the extension's IndexedDB: its stores, versions and named upgrades.
// Lives in the background service worker's origin (chrome-extension://…), out of pages' reach.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StaffEvent } from '../../../shared/schema';

export const DB_NAME = 'custodian';

/** A queued event with the time it was queued (for the popup's "oldest unsent"). */
export interface QueuedEvent {
  event: StaffEvent;
  queuedAt: number;
}

/** An event the server refused as invalid: kept, shown in the popup, never deleted silently. */
export interface DeadLetter {
  event: unknown;
  reason: string;
  at: number;
}

export interface CustodianDB extends DBSchema {
  /** Events waiting for the server, by event id (UUIDv7, so key order is time order). */
  events: { key: string; value: QueuedEvent };
  'dead-letters': { key: string; value: DeadLetter & { id: string } };
  /** Device identity and counters: `device` → { id, nextSeq }. */
  meta: { key: string; value: DeviceMeta };
}

export interface DeviceMeta {
  key: 'device';
  id: string;
  nextSeq: number;
}

/**
 * Upgrades by version, each named; a new version appends one and never edits an old one.
 * v1 `initial`: events, dead-letters and meta stores.
 */
const UPGRADES: readonly { name: string; run: (db: IDBPDatabase<CustodianDB>) => void }[] = [
  {
    name: 'initial',
    run(db) {
      db.createObjectStore('events');
      db.createObjectStore('dead-letters', { keyPath: 'id' });
      db.createObjectStore('meta', { keyPath: 'key' });
    },
  },
];

let opening: Promise<IDBPDatabase<CustodianDB>> | undefined;

/** The database, opened once per service-worker life. */
export function database(): Promise<IDBPDatabase<CustodianDB>> {
  opening ??= openDB<CustodianDB>(DB_NAME, UPGRADES.length, {
    upgrade(db, oldVersion) {
      for (const step of UPGRADES.slice(oldVersion)) step.run(db);
    },
    terminated() {
      opening = undefined; // The browser closed it (storage cleared): open again on next use.
    },
  });
  return opening;
}
