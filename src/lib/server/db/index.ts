import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AsyncResource } from 'node:async_hooks';
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
	immediateTransactions(client);
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
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting its turn under the
 * busy timeout. Every transaction in this app writes, and more than one connection writes — the main
 * thread's and a render thread's (render-pool.ts: a session refreshed, a draft carried over from
 * the previous round, an export's audit entry). A deferred transaction that read first and then
 * found another connection's commit in between would fail at its first write (SQLITE_BUSY_SNAPSHOT)
 * instead of waiting. Nested transactions are savepoints as before.
 */
function immediateTransactions(client: Database.Database): void {
	const make = client.transaction.bind(client);
	client.transaction = ((fn: (...args: unknown[]) => unknown) => {
		const tx = make(fn);
		const run = tx.immediate;
		// Drizzle asks for `.deferred` by name; calling the function itself is `.default`.
		return Object.assign((...args: unknown[]) => run(...args), {
			default: run,
			deferred: run,
			immediate: run,
			exclusive: tx.exclusive
		});
	}) as unknown as typeof client.transaction;
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

type Queued = {
	work: () => unknown;
	scope: AsyncResource;
	done: (value: unknown) => void;
	fail: (e: unknown) => void;
};
const batches = new WeakMap<DB, Queued[]>();

/**
 * Group commit for small, frequent writes (draft saves): writes that arrive in the same turn of the
 * event loop run one after another in one transaction, each inside its own savepoint — a write that
 * throws rolls back only itself and rejects only its own promise — and the batch commits once. Each
 * caller's promise settles after that commit, so an answer is never sent before its write is stored.
 * Under a full panel a commit (a WAL append) was a third of a save's database time; alone, a write
 * waits for nothing but the current turn to finish.
 */
export function inWriteBatch<T>(db: DB, work: () => T): Promise<T> {
	return new Promise<T>((done, fail) => {
		let queue = batches.get(db);
		if (!queue) {
			queue = [];
			batches.set(db, queue);
			setImmediate(() => commitBatch(db));
		}
		// The work runs later, in the batch, in the caller's async context (its request's language,
		// for the messages of a refusal). (AsyncResource.bind costs more: it defines a deprecated
		// property on every bound function.)
		const scope = new AsyncResource('concord.write');
		queue.push({ work, scope, done: done as (value: unknown) => void, fail });
	});
}

function commitBatch(db: DB): void {
	const queue = batches.get(db) ?? [];
	batches.delete(db);
	const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
	try {
		db.$client.transaction(() => {
			for (const q of queue) {
				try {
					const value = db.$client.transaction(() => q.scope.runInAsyncScope(q.work))();
					outcomes.push({ ok: true, value });
				} catch (error) {
					outcomes.push({ ok: false, error });
				}
			}
		})();
	} catch (error) {
		// The commit itself failed: nothing of the batch is stored.
		for (const q of queue) q.fail(error);
		return;
	}
	queue.forEach((q, i) => {
		const o = outcomes[i];
		if (o.ok) q.done(o.value);
		else q.fail(o.error);
	});
}

let instance: DB | null = null;

/** The app's database, opened on first use (never at import time: `vite build` imports this). */
export function getDb(): DB {
	instance ??= openDatabase(process.env.DATABASE_URL ?? './data/concord.db');
	return instance;
}

export { schema };
