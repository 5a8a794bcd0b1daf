/**
 * `npm run backup [-- <file>]`: writes a consistent copy of the database while the server runs
 * (default ./data/backups/concord-<UTC timestamp>.db) and checks it with PRAGMA integrity_check.
 * Restore: stop the server, replace the database file with the copy (and delete any -wal and -shm
 * files beside the old one), start the server.
 */
import Database from 'better-sqlite3';
import { backupDatabase } from '../src/lib/server/backup';
import { getConfig } from '../src/lib/server/config';

const file = process.env.DATABASE_URL ?? getConfig().DATABASE_URL;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dest = process.argv[2] ?? `./data/backups/concord-${stamp}.db`;
const db = new Database(file.replace(/^file:/, ''), { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const result = await backupDatabase(db, dest);
db.close();
console.log(
	`Backed up ${file} to ${result.path} (${result.pages} pages); integrity: ${result.integrity}`
);
process.exit(result.integrity === 'ok' ? 0 : 1);
