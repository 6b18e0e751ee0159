// The ledger's SQLite file: tables, the triggers that make it append-only, and the durability
// settings. Only this module writes SQL that changes the schema.
import Database from 'better-sqlite3';
import { LedgerConfigError, RETENTION_FLOOR_YEARS, TILE_LEVEL } from './config';

/** Bumped when the tables change; a newer file is refused rather than misread, an older one is
 * migrated (MIGRATIONS). Format 2: payloads past retention may be removed (pruned). Format 3:
 * tile_nodes, the level-4 hashes of each complete tile, for fast proofs. */
export const LEDGER_FORMAT = '3';

/** The meta key naming the first tile that must have a tile_nodes row: 0 for a ledger created
 * as format 3, the tile open at the upgrade for an older one (its earlier tiles have none, and
 * proofs of their entries read all 256 leaves, as before). */
export const TILE_ROWS_FROM = 'tile_rows_from';

/** The one UPDATE the ledger allows: removing the payload of an entry older than its retention.
 * - only `canonical` changes, from text to '' (no canonical text is empty: it starts {"index":);
 * - the entry's recorded_at is at least the retention before the database's own clock, and that
 *   retention is never below the floor, whatever the meta row says;
 * - the condition is wrapped in CASE so that anything unknown (NULL) refuses. */
const PRUNE_GUARD = `
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
  WHEN CASE WHEN NEW.idx IS OLD.idx AND NEW.kind IS OLD.kind
      AND NEW.recorded_at IS OLD.recorded_at AND NEW.leaf_hash IS OLD.leaf_hash
      AND OLD.canonical <> '' AND NEW.canonical IS ''
      AND OLD.recorded_at <= 1000 * MIN(
        unixepoch('now', '-${RETENTION_FLOOR_YEARS} years'),
        unixepoch('now', '-' || (SELECT value FROM meta WHERE key = 'retention_years') || ' years'))
    THEN 0 ELSE 1 END
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE on entries is refused, except removing a payload past its retention (R17)'); END;`;

/**
 * - entries: one row per leaf, `idx` 0..n-1; `canonical` (TEXT, stored as UTF-8) is exactly the
 *   bytes `leaf_hash` covers.
 * - tree_nodes: perfect subtrees of 2^TILE_LEVEL leaves and up, for fast proofs.
 * - tile_nodes: per complete tile (2^TILE_LEVEL leaves), its 2^(TILE_LEVEL - GROUP_LEVEL)
 *   subtree hashes of level GROUP_LEVEL, concatenated (32 bytes each), so a proof reads one group
 *   of 2^GROUP_LEVEL leaves, not the whole tile; tiles from meta's TILE_ROWS_FROM on have one.
 * - checkpoints: every signed checkpoint, the note verbatim.
 * - entry_keys: the idempotency key of each keyed entry (an event id), so a resent record is
 *   found, not stored twice.
 * Triggers refuse UPDATE and DELETE on all five (but removing a payload past retention, see
 * PRUNE_GUARD), and an INSERT anywhere but the end of entries (which also stops INSERT OR REPLACE
 * from overwriting an entry).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  idx INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  canonical TEXT NOT NULL,
  leaf_hash BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS tree_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tile_nodes (
  tile INTEGER PRIMARY KEY,
  hashes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoints (
  size INTEGER PRIMARY KEY,
  root BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entry_keys (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  idx INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS entries_append_only BEFORE INSERT ON entries
  WHEN NEW.idx IS NOT (SELECT COALESCE(MAX(idx), -1) + 1 FROM entries)
  BEGIN SELECT RAISE(ABORT, 'ledger entries are appended at the end only (R17)'); END;
${PRUNE_GUARD}
${['entries', 'tree_nodes', 'tile_nodes', 'checkpoints', 'entry_keys']
  .flatMap((table) =>
    (table === 'entries' ? ['DELETE'] : ['UPDATE', 'DELETE']).map(
      (op) =>
        `CREATE TRIGGER IF NOT EXISTS ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: ${op} on ${table} is refused (R17)'); END;`,
    ),
  )
  .join('\n')}
`;

/** How a file of an older format becomes the next one, by the format it has; they run in turn
 * after SCHEMA, which has already created any table the file lacked. */
const MIGRATIONS: Record<string, { to: string; sql: string }> = {
  // Format 1 refused every UPDATE; format 2 allows only removing a payload past retention.
  '1': { to: '2', sql: `DROP TRIGGER entries_no_update; ${PRUNE_GUARD}` },
  // Format 2 had no tile_nodes: the tiles complete before now have no row (proofs of their
  // entries read the whole tile); the open one gets its row when it completes.
  '2': {
    to: '3',
    sql: `INSERT OR REPLACE INTO meta (key, value)
      SELECT '${TILE_ROWS_FROM}', (COALESCE(MAX(idx), -1) + 1) / ${2 ** TILE_LEVEL} FROM entries;`,
  },
};

/**
 * Opens (creating if needed) the ledger file; `retentionYears` (checked by resolveOptions) is
 * stored for the prune guard.
 * Durability: WAL with synchronous=FULL, so a commit is fsynced before `append` returns: an
 * acknowledged event survives a power cut, not only a crash of the process (NORMAL would lose the
 * last commits on power loss, and the extension deletes what the server acknowledged).
 *
 * @example
 *   const db = openDatabase('data/ledger.db', 'custodian.local/ledger', 3);
 */
export function openDatabase(
  path: string,
  origin: string,
  retentionYears: number,
): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // REPLACE and similar conflict resolution then fire the DELETE triggers too.
    db.pragma('recursive_triggers = ON');
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);');
    const meta = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
    const setMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      let format = meta.get('format') ?? LEDGER_FORMAT;
      db.exec(SCHEMA);
      for (let step = MIGRATIONS[format]; step; step = MIGRATIONS[format]) {
        db.exec(step.sql);
        format = step.to;
        db.prepare("UPDATE meta SET value = ? WHERE key = 'format'").run(format);
      }
      setMeta.run('format', LEDGER_FORMAT);
      setMeta.run(TILE_ROWS_FROM, '0');
      setMeta.run('origin', origin);
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('retention_years', ?)").run(
        String(retentionYears),
      );
    }).immediate();
    if (meta.get('format') !== LEDGER_FORMAT) {
      throw new LedgerConfigError(
        `${path} is a ledger of format ${meta.get('format')}; this version reads format ${LEDGER_FORMAT}. Use a matching Custodian version.`,
      );
    }
    if (meta.get('origin') !== origin) {
      throw new LedgerConfigError(
        `${path} was created as the ledger ${meta.get('origin')}, but the origin configured is ${origin}. ` +
          'A log keeps its origin for life: configure the original one, or use a new file.',
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
