import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle or the database: query modules accept either. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0] | DB;

export const MIGRATIONS_DIR = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

/**
 * Opens (creating if needed) a SQLite database, applies the committed migrations and returns the
 * drizzle handle. `':memory:'` gives a private in-memory database (what the unit tests use).
 */
export function openDatabase(url: string): DB {
	const file = url.replace(/^file:/, '');
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const client = new Database(file);
	client.pragma('journal_mode = WAL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	client.pragma('synchronous = NORMAL');
	cacheStatements(client);
	const db = drizzle(client, { schema }) as DB;
	migrate(db, { migrationsFolder: MIGRATIONS_DIR });
	return db;
}

/**
 * Drizzle compiles every query's SQL into a fresh better-sqlite3 statement on each call; under a full
 * panel that compilation was the largest single cost of a draft save. The same SQL text gets the same
 * compiled statement back (a bounded cache per connection). Safe because every use is synchronous
 * (no statement is iterated across another call) and the modes drizzle toggles are reset on reuse:
 * drizzle calls `.raw()` itself whenever it wants rows as arrays.
 */
function cacheStatements(client: Database.Database, limit = 1000): void {
	const compile = client.prepare.bind(client);
	const cache = new Map<string, Database.Statement>();
	client.prepare = ((source: string) => {
		const hit = cache.get(source);
		if (hit) {
			if (hit.reader) hit.raw(false);
			return hit;
		}
		const stmt = compile(source);
		if (cache.size >= limit) cache.delete(cache.keys().next().value!);
		cache.set(source, stmt);
		return stmt;
	}) as typeof client.prepare;
}

/**
 * A query built once per database handle and reused with new values (drizzle's `.prepare()` with
 * `sql.placeholder`s): for the paths every request or every draft save takes, where building the query
 * cost more than running it (~70 µs against ~10 µs). `build` receives the handle; the result is kept
 * per handle, so the app's long-lived connection builds each query once, and a transaction handle
 * (which lives for one transaction) builds its own.
 */
export function prepared<T>(build: (tx: Tx) => T): (tx: Tx) => T {
	const byHandle = new WeakMap<Tx, T>();
	return (tx) => {
		let query = byHandle.get(tx);
		if (query === undefined) {
			query = build(tx);
			byHandle.set(tx, query);
		}
		return query;
	};
}

/**
 * Runs a write whose commit must survive a power loss, not only a crash of the process. The
 * connection runs WAL with `synchronous = NORMAL` (a commit survives the app or the OS crashing, but
 * the last commits before a power cut may roll back); for the commits that matter — a submission, a
 * round closing, a lock — this switches to FULL, which syncs the WAL at that commit (and with it
 * everything committed before). Pragmas cannot change inside a transaction: wrap the whole of it.
 */
export function durably<T>(db: DB, run: () => T): T {
	db.$client.pragma('synchronous = FULL');
	try {
		return run();
	} finally {
		db.$client.pragma('synchronous = NORMAL');
	}
}

let instance: DB | null = null;

/** The app's database, opened on first use (never at import time: `vite build` imports this). */
export function getDb(): DB {
	instance ??= openDatabase(process.env.DATABASE_URL ?? './data/concord.db');
	return instance;
}

export { schema };
