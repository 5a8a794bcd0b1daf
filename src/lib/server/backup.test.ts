import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleSchema, verifyBundle } from '../edition/bundle';
import { backupDatabase } from './backup';
import { openDatabase } from './db';
import * as t from './db/schema';
import { seedDemo } from './demo/seed';
import { lockEdition } from './editions';
import { expertContext, saveDraft } from './responses';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('online backup', () => {
	it('a copy taken under write load is intact, holds every acknowledged save, and its lock verifies', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'concord-backup-'));
		dirs.push(dir);
		// The server's connection: a file database in WAL mode with the real migrations.
		const db = openDatabase(join(dir, 'live.db'));
		seedDemo(db, 'hash');
		const author = db.select().from(t.users).where(eq(t.users.email, 'author@demo.test')).get()!;
		const asia = db.select().from(t.editions).where(eq(t.editions.slug, '2023-asia')).get()!;
		lockEdition(db, { editionId: asia.id, actorId: author.id, acceptWarnings: true });
		const expert = db.select().from(t.users).where(eq(t.users.email, 'expert01@demo.test')).get()!;
		const round = db.select().from(t.rounds).get()!;
		const ctx = expertContext(db, expert.id, round.id);
		const goal = ctx.nodes[0];
		const [a, b] = [goal.items[0].id, goal.items[1].id];
		let acknowledged = 0;
		let writing = true;
		const writer = (async () => {
			for (let i = 0; writing && i < 5_000; i++) {
				acknowledged = saveDraft(db, ctx, {
					node: goal.key,
					judgments: [{ a, b, position: (i % 17) - 8 }]
				}).revision;
				await new Promise((r) => setImmediate(r));
			}
		})();
		// Let the writer get going, then back up from a second connection (as `npm run backup` does).
		await new Promise((r) => setTimeout(r, 30));
		const ackBefore = acknowledged;
		const source = new Database(join(dir, 'live.db'));
		const result = await backupDatabase(source, join(dir, 'copy.db'), { pagesPerStep: 16 });
		source.close();
		writing = false;
		await writer;
		expect(ackBefore).toBeGreaterThan(0);
		expect(result.integrity).toBe('ok');

		// Restore: open the copy as the server would.
		const restored = openDatabase(join(dir, 'copy.db'));
		const response = restored
			.select()
			.from(t.responses)
			.where(eq(t.responses.panelistId, ctx.panelist.id))
			.get()!;
		expect(response.revision).toBeGreaterThanOrEqual(ackBefore);
		const history = restored
			.select()
			.from(t.judgmentHistory)
			.where(eq(t.judgmentHistory.responseId, response.id))
			.all();
		// One consistent state: the response's revision and its history agree.
		expect(history.filter((h) => h.event === 'draft').length).toBe(response.revision);
		const locked = restored.select().from(t.weightSets).get()!;
		expect(verifyBundle(bundleSchema.parse(JSON.parse(locked.bundle)))).toMatchObject({
			ok: true
		});
		restored.$client.close();
		db.$client.close();
	}, 60_000);
});
