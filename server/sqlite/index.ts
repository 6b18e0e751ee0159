// Opening the service's SQLite files, one way for all of them.
export { openDatabase, type Migration, type OpenDatabaseOptions } from './open-database';
