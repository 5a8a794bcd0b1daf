import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GOAL } from '../../survey/index';
import { seedDemo } from '../demo/seed';
import { expertContext, saveDraft } from '../responses';
import { inWriteBatch, openDatabase, type DB } from './index';
import * as t from './schema';
import { eq } from 'drizzle-orm';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The demo on a file database (so that a second connection can look at what is committed). */
function setup() {
	const dir = mkdtempSync(join(tmpdir(), 'concord-batch-'));
	dirs.push(dir);
	const file = join(dir, 'batch.db');
	const db = openDatabase(file);
	seedDemo(db, 'hash');
	const round = db.select().from(t.rounds).get()!;
	const userId = (email: string) =>
		db.select().from(t.users).where(eq(t.users.email, email)).get()!.id;
	return { db, file, round, userId };
}

const history = (db: DB) =>
	(db.$client.prepare('SELECT count(*) AS n FROM judgment_history').get() as { n: number }).n;

describe('inWriteBatch (group commit of draft saves)', () => {
	it('runs writes of one turn in one transaction; a refused write rolls back only itself', async () => {
		const { db, file, round, userId } = setup();
		const ctx = expertContext(db, userId('expert01@demo.test'), round.id);
		const [T, D, I] = ctx.nodes[0].items.map((i) => i.id);
		const before = history(db);
		const outside = new Database(file, { readonly: true });
		const seenOutside: number[] = [];
		const first = inWriteBatch(db, () =>
			saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: D, position: 3 }] })
		);
		const refused = inWriteBatch(db, () =>
			saveDraft(db, ctx, { node: 'no-such-node', judgments: [{ a: T, b: D, position: 1 }] })
		);
		const third = inWriteBatch(db, () => {
			// Still one open transaction: another connection does not see the first save yet.
			seenOutside.push(
				(outside.prepare('SELECT count(*) AS n FROM judgment_history').get() as { n: number }).n
			);
			expect(db.$client.inTransaction).toBe(true);
			return saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: I, position: -4 }] });
		});
		const [r1, r3] = await Promise.all([first, third]);
		await expect(refused).rejects.toThrow(/part/i);
		expect(r3.revision).toBe(r1.revision + 1);
		expect(seenOutside).toEqual([before]);
		// Settled only after the commit: the other connection sees both saves, and nothing of the refusal.
		expect(
			(outside.prepare('SELECT count(*) AS n FROM judgment_history').get() as { n: number }).n
		).toBe(before + 2);
		expect(db.$client.inTransaction).toBe(false);
		outside.close();
	});

	it("runs each write in its caller's async context (the request's language)", async () => {
		const { db } = setup();
		const store = new AsyncLocalStorage<string>();
		const seen = await Promise.all(
			['en', 'zh', 'ar'].map((locale) =>
				store.run(locale, () => inWriteBatch(db, () => store.getStore()))
			)
		);
		expect(seen).toEqual(['en', 'zh', 'ar']);
	});

	it('a later turn starts a new batch', async () => {
		const { db } = setup();
		await inWriteBatch(db, () => 1);
		expect(db.$client.inTransaction).toBe(false);
		expect(await inWriteBatch(db, () => 2)).toBe(2);
	});
});

describe('two connections writing (the main thread and a render thread)', () => {
	it("a transaction holds the write lock from its start: another connection's commit cannot slip in between its read and its write", () => {
		const { db: one, file } = setup();
		const two = openDatabase(file);
		two.$client.pragma('busy_timeout = 50'); // it waits for `one` (here: the same thread, so in vain)
		const row = (key: string) => ({ key, count: 1, windowStart: new Date(), blockedUntil: null });
		one.transaction((tx) => {
			tx.select().from(t.rateLimits).all();
			// Deferred, `two` would commit here, and `one`'s write below would fail (SQLITE_BUSY_SNAPSHOT).
			expect(() => two.insert(t.rateLimits).values(row('two')).run()).toThrow(/locked|busy/i);
			tx.insert(t.rateLimits).values(row('one')).run();
		});
		expect(two.select({ key: t.rateLimits.key }).from(t.rateLimits).all()).toEqual([
			{ key: 'one' }
		]);
		two.$client.close();
	});
});
