import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DB } from './db';

/**
 * A consistent online copy of the database while the server keeps writing: SQLite's backup API
 * (through better-sqlite3) copies the pages in steps and restarts a step when another connection
 * wrote in between, so the copy is one committed state — every save acknowledged before it finished
 * is in it. By default the whole file is copied in one step (a read of a consistent snapshot, which in WAL mode never blocks the writer, and cannot be restarted by writes in between); a smaller `pagesPerStep` copies in slices. The copy is then
 * checked with `PRAGMA integrity_check`.
 */
export async function backupDatabase(
	source: Database.Database | DB,
	destination: string,
	opts: { pagesPerStep?: number } = {}
): Promise<{ path: string; pages: number; integrity: string }> {
	const client = '$client' in source ? source.$client : source;
	const path = resolve(destination);
	mkdirSync(dirname(path), { recursive: true });
	const step = opts.pagesPerStep ?? 1_000_000;
	const { totalPages } = await client.backup(path, { progress: () => step });
	const copy = new Database(path, { readonly: true });
	try {
		const integrity = copy.pragma('integrity_check', { simple: true }) as string;
		return { path, pages: totalPages, integrity };
	} finally {
		copy.close();
	}
}
