// How the service opens each of its SQLite files: WAL, the tables created if missing, and a schema
// version in the file's `meta` table that this code must know (or know how to migrate from), so an
// older server never writes a newer file it does not understand.
import Database from 'better-sqlite3';

/** One step from a schema version to the next, run in one transaction with the others. */
export interface Migration {
  /** A name people can search for, e.g. "operator-console-credentials". */
  name: string;
  to: string;
  sql: string;
}

export interface OpenDatabaseOptions {
  /** What the file is, in messages: "consent", "governance", "console". */
  name: string;
  schemaVersion: string;
  /** `CREATE TABLE IF NOT EXISTS …` for every table, including `meta (key, value)`. */
  create: string;
  /** Steps from older versions, by the version they start from. */
  migrations?: Readonly<Record<string, Migration>>;
  foreignKeys?: boolean;
  /** How long a write waits for another process's (the CLI beside the server); 0 fails at once. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the database at `path`; throws with what to do when its schema is
 * one this code does not know.
 *
 * @example
 *   const db = openDatabase('data/console.db', { name: 'console', schemaVersion: '1', create: CREATE });
 */
export function openDatabase(path: string, options: OpenDatabaseOptions): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  if (options.foreignKeys) db.pragma('foreign_keys = ON');
  if (options.busyTimeoutMs) db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.exec(options.create);
  const { schemaVersion: current, migrations = {} } = options;
  const version = db
    .prepare<[], string>("SELECT value FROM meta WHERE key = 'schema'")
    .pluck()
    .get();
  if (version === undefined) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(current);
  } else if (version !== current && migrations[version]) {
    db.transaction(() => {
      for (let at = version; at !== current;) {
        const step = migrations[at];
        if (!step) throw new Error(`${path}: no migration from ${options.name} schema ${at}`);
        db.exec(step.sql);
        at = step.to;
      }
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(current);
    }).immediate();
  } else if (version !== current) {
    db.close();
    throw new Error(
      `${path} has ${options.name} schema ${version}, this server knows ${current}. Run the server version that wrote it.`,
    );
  }
  return db;
}
