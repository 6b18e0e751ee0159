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
/** The stores this version needs, with how to create each; creating is idempotent. */
const STORES: Readonly<Record<string, IDBObjectStoreParameters | undefined>> = {
  events: undefined,
  'dead-letters': { keyPath: 'id' },
  meta: { keyPath: 'key' },
};

/**
 * Upgrades by version, each named; a new version appends one and never edits an old one.
 * v1 `initial`: events, dead-letters and meta stores.
 * v2 `repair`: creates any of them that is missing. A database of this name created by someone
 *   else (a test opening it first, a profile restored from elsewhere) may exist without them,
 *   and then no upgrade of v1 would ever run.
 */
const UPGRADES: readonly { name: string; run: (db: IDBPDatabase<CustodianDB>) => void }[] = [
  { name: 'initial', run: createMissingStores },
  { name: 'repair', run: createMissingStores },
];

function createMissingStores(db: IDBPDatabase<CustodianDB>): void {
  const raw = db as unknown as IDBDatabase;
  for (const [name, options] of Object.entries(STORES)) {
    if (!raw.objectStoreNames.contains(name)) raw.createObjectStore(name, options);
  }
}

let opening: Promise<IDBPDatabase<CustodianDB>> | undefined;

/** The database, opened once per service-worker life; repaired when a store is missing. */
export function database(): Promise<IDBPDatabase<CustodianDB>> {
  opening ??= open();
  return opening;
}

async function open(version?: number): Promise<IDBPDatabase<CustodianDB>> {
  let db: IDBPDatabase<CustodianDB>;
  try {
    db = await openDB<CustodianDB>(DB_NAME, version ?? UPGRADES.length, {
      upgrade(db, oldVersion) {
        for (const step of UPGRADES.slice(Math.min(oldVersion, UPGRADES.length - 1))) step.run(db);
      },
      terminated() {
        opening = undefined; // The browser closed it (storage cleared): open again on next use.
      },
    });
  } catch (error) {
    // A repair left the database at a version above UPGRADES.length: open it as it is.
    if (version === undefined && error instanceof DOMException && error.name === 'VersionError') {
      db = await openDB<CustodianDB>(DB_NAME);
    } else throw error;
  }
  const missing = Object.keys(STORES).some((name) => !db.objectStoreNames.contains(name as never));
  if (!missing) return db;
  // At the current version already, yet stores are missing: a version bump runs the repair.
  const next = db.version + 1;
  db.close();
  return open(next);
}
