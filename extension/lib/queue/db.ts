// The only module that opens the extension's IndexedDB: its stores, versions and named upgrades.
// Lives in the background service worker's origin (chrome-extension://…), out of pages' reach.
import {
  openDB,
  unwrap,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { StaffEvent } from '../../../shared/schema';

export const DB_NAME = 'custodian';

/** A queued event with the time it was queued (for the popup's "oldest unsent"). */
export interface QueuedEvent {
  event: StaffEvent;
  queuedAt: number;
}

/**
 * Events stored by one transaction, as one record: a record per event costs a request, a
 * clone and a round trip to the browser's storage each, which capped a burst near 3,000
 * events/s; a record per transaction is written ~10× faster (measured in Chromium, issue 4).
 * Contract: never empty (an emptied chunk is deleted); its events' `seq` rise strictly.
 */
export interface QueuedChunk {
  events: QueuedEvent[];
}

/** An event the server refused as invalid: kept, shown in the popup, never deleted silently. */
export interface DeadLetter {
  event: unknown;
  reason: string;
  at: number;
}

export interface CustodianDB extends DBSchema {
  /** Events waiting for the server, in chunks keyed by a key generator: key order is the order
   * they were queued in. */
  chunks: { key: number; value: QueuedChunk };
  'dead-letters': { key: string; value: DeadLetter & { id: string } };
  /** Device identity and counters: `device` → { id, nextSeq }. */
  meta: { key: string; value: DeviceMeta };
}

export interface DeviceMeta {
  key: 'device';
  id: string;
  nextSeq: number;
  /**
   * How many events the chunks hold, kept by every transaction that adds or removes events, so
   * the popup's queue length costs one read however long the backlog. Absent (a database from
   * before it, or one migrated from v2): unknown, counted once by `queueStatus`.
   */
  queued?: number;
}

/** The stores this version needs, with how to create each; creating is idempotent. */
const STORES: Readonly<Record<string, IDBObjectStoreParameters | undefined>> = {
  chunks: { autoIncrement: true },
  'dead-letters': { keyPath: 'id' },
  meta: { keyPath: 'key' },
};

type UpgradeTransaction = IDBPTransaction<CustodianDB, StoreNames<CustodianDB>[], 'versionchange'>;

/**
 * Upgrades by version, each named; a new version appends one and never edits an old one. Each
 * creates the stores this version needs (STORES) that are missing, then does its own work.
 * v1 `initial`: the stores.
 * v2 `repair`: creates any of them that is missing. A database of this name created by someone
 *   else (a test opening it first, a profile restored from elsewhere) may exist without them,
 *   and then no upgrade of v1 would ever run.
 * v3 `chunked`: events move from a record each (store `events`, by event id) to chunks (store
 *   `chunks`), one per event, in id order; the `events` store goes once it is empty.
 */
const UPGRADES: readonly {
  name: string;
  run: (db: IDBPDatabase<CustodianDB>, tx: UpgradeTransaction) => void;
}[] = [
  { name: 'initial', run: createMissingStores },
  { name: 'repair', run: createMissingStores },
  {
    name: 'chunked',
    run: (db, tx) => {
      createMissingStores(db);
      moveEventsToChunks(db, tx);
    },
  },
];

function createMissingStores(db: IDBPDatabase<CustodianDB>): void {
  const raw = unwrap(db);
  for (const [name, options] of Object.entries(STORES)) {
    if (!raw.objectStoreNames.contains(name)) raw.createObjectStore(name, options);
  }
}

/**
 * The v3 migration, in the upgrade's own transaction (so it is all or nothing). Contract:
 * - every record of the v2 `events` store becomes a chunk of one, in key (time) order;
 * - the `events` store is deleted only after its last record was copied.
 */
function moveEventsToChunks(db: IDBPDatabase<CustodianDB>, tx: UpgradeTransaction): void {
  const raw = unwrap(db);
  if (!raw.objectStoreNames.contains('events')) return;
  const from = unwrap(tx).objectStore('events');
  const to = unwrap(tx).objectStore('chunks');
  const cursor = from.openCursor();
  cursor.onsuccess = () => {
    const at = cursor.result;
    if (!at) return raw.deleteObjectStore('events');
    const queued: unknown = at.value;
    to.add({ events: [queued] });
    at.continue();
  };
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
      upgrade(db, oldVersion, _newVersion, tx) {
        for (const step of UPGRADES.slice(Math.min(oldVersion, UPGRADES.length - 1))) {
          step.run(db, tx);
        }
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
