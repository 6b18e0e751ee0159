// Devices that may send events (issue 4): tokens issued by an administrator (`npm run device`) or
// by enrollment (issue 6, which binds the device to a staff member), kept as SHA-256 hashes, and
// each device's sequence state.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { receive, type Gap, type SequenceState } from './gaps';

/** A device as the routes see it. */
export interface Device {
  id: string;
  label: string;
  /** The staff member an enrollment bound this device to; null for `npm run device` tokens. */
  staffId: string | null;
}

export interface DeviceStore {
  /**
   * Issues a token for a new device, bound to `staffId` when given (enrollment); the token is
   * shown once and stored only as a hash.
   */
  issue(label: string, staffId?: string): { device: Device; token: string };
  /** The device a token belongs to, unless unknown or revoked. */
  authenticate(token: string): Device | undefined;
  /** Folds received sequence numbers in; returns the gaps now open for that event device id. */
  receiveSequences(eventDeviceId: string, seqs: readonly number[]): Gap[];
  close(): void;
}

const SequenceStateSchema = z.object({
  maxSeq: z.number().int().min(-1),
  gaps: z.array(
    z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
  ),
});

/**
 * A device's stored sequence state. Stored data is parsed, not trusted: an unreadable row (a
 * hand-edited file) starts the device afresh, which at worst reports a gap that is not there.
 */
function readState(stored: string | undefined): SequenceState {
  if (stored === undefined) return { maxSeq: -1, gaps: [] };
  try {
    const parsed = SequenceStateSchema.safeParse(JSON.parse(stored));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: handled as unreadable below.
  }
  console.warn('[devices] unreadable sequence state; starting that device afresh');
  return { maxSeq: -1, gaps: [] };
}

/** Token prefix: recognisable in a leaked-secret scan, and distinct from other credentials. */
const TOKEN_PREFIX = 'cdt_';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Migration `devices-staff-id` (issue 6): files written before enrollment existed lack the
 * `staff_id` column; their devices stay unbound (null), as `npm run device` tokens are.
 */
function addStaffColumn(db: Database.Database): void {
  const columns = db
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('devices')")
    .all();
  if (!columns.some((c) => c.name === 'staff_id')) {
    db.exec('ALTER TABLE devices ADD COLUMN staff_id TEXT');
  }
}

/**
 * Opens (creating if needed) the device store.
 *
 * @example
 *   const devices = openDeviceStore('data/devices.db');
 *   const { token } = devices.issue('CS-0420 laptop');
 *   devices.authenticate(token); // { id: '…', label: 'CS-0420 laptop', staffId: null }
 */
export function openDeviceStore(path: string): DeviceStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS devices (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      revoked_at TEXT,
      staff_id TEXT
    );
    CREATE TABLE IF NOT EXISTS sequences (
      event_device_id TEXT PRIMARY KEY,
      state TEXT NOT NULL
    );
  `);
  addStaffColumn(db);
  const insert = db.prepare(
    'INSERT INTO devices (id, label, token_hash, created_at, staff_id) VALUES (?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[string], Device>(
    'SELECT id, label, staff_id AS staffId FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
  );
  const getState = db
    .prepare<[string], string>('SELECT state FROM sequences WHERE event_device_id = ?')
    .pluck();
  const putState = db.prepare(
    'INSERT INTO sequences (event_device_id, state) VALUES (?, ?) ON CONFLICT(event_device_id) DO UPDATE SET state = excluded.state',
  );
  const receiveTx = db.transaction((id: string, seqs: readonly number[]) => {
    const next = receive(readState(getState.get(id)), seqs);
    putState.run(id, JSON.stringify(next));
    return next.gaps;
  });

  return {
    issue(label, staffId) {
      const clean = label.trim();
      if (!clean || clean.length > 100) {
        throw new Error('Give the device a label of 1 to 100 characters, e.g. "CS-0420 laptop".');
      }
      const device: Device = { id: randomUUID(), label: clean, staffId: staffId ?? null };
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      insert.run(
        device.id,
        device.label,
        hashToken(token),
        new Date().toISOString(),
        device.staffId,
      );
      return { device, token };
    },
    authenticate(token) {
      if (!token.startsWith(TOKEN_PREFIX)) return undefined;
      return byHash.get(hashToken(token));
    },
    receiveSequences: (id, seqs) => receiveTx(id, seqs),
    close: () => db.close(),
  };
}
