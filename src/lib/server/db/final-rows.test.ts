import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../audit';
import { seedDemo } from '../demo/seed';
import { lockEdition } from '../editions';
import { closeRound, reopenResponse } from '../rounds';
import { createTestDb } from '../testing/db';
import * as t from './schema';

/**
 * What is final stays final in the database itself, by every statement form — UPDATE, DELETE,
 * INSERT OR REPLACE, REPLACE, UPDATE OR REPLACE and cascading deletes — whoever connects.
 */
function setup() {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');
	const sql = db.$client;
	const one = <T>(q: string, ...p: unknown[]) => sql.prepare(q).get(...p) as T;
	const submitted = one<{ id: string; round_id: string; panelist_id: string }>(
		"SELECT id, round_id, panelist_id FROM responses WHERE state = 'submitted' LIMIT 1"
	);
	const author = db.select().from(t.users).where(eq(t.users.email, 'author@demo.test')).get()!;
	const coordinator = db
		.select()
		.from(t.users)
		.where(eq(t.users.email, 'coordinator@demo.test'))
		.get()!;
	const asia = db.select().from(t.editions).where(eq(t.editions.slug, '2023-asia')).get()!;
	/** Every row of a table, to show a refused statement changed nothing. */
	const snapshot = (table: string) => JSON.stringify(sql.prepare(`SELECT * FROM ${table}`).all());
	return { db, sql, one, studyId, submitted, author, coordinator, asia, snapshot };
}

const refuses = (run: () => unknown, pattern: RegExp) => expect(run).toThrow(pattern);

describe('append-only logs refuse being replaced', () => {
	it('INSERT OR REPLACE and REPLACE over an audit row are refused', () => {
		const { db, sql, snapshot } = setup();
		appendAudit(db, { actorId: null, action: 'test.event' });
		const id = (sql.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
		const before = snapshot('audit_log');
		refuses(
			() =>
				sql
					.prepare("INSERT OR REPLACE INTO audit_log (id, at, action) VALUES (?, 0, 'rewritten')")
					.run(id),
			/append-only/
		);
		refuses(
			() => sql.prepare("REPLACE INTO audit_log (id, at, action) VALUES (?, 0, 'x')").run(id),
			/append-only/
		);
		refuses(
			() => sql.prepare("UPDATE OR REPLACE audit_log SET action = 'x' WHERE id = ?").run(id),
			/append-only/
		);
		expect(snapshot('audit_log')).toBe(before);
		// New rows still append.
		appendAudit(db, { actorId: null, action: 'test.after' });
	});

	it('INSERT OR REPLACE over a judgement-history row is refused', () => {
		const { sql, snapshot } = setup();
		const id = (sql.prepare('SELECT min(id) AS id FROM judgment_history').get() as { id: number })
			.id;
		const before = snapshot('judgment_history');
		refuses(
			() =>
				sql
					.prepare(
						"INSERT OR REPLACE INTO judgment_history (id, response_id, node, item_a, item_b, position, event, saved_at) VALUES (?, 'r', 'goal', 'a', 'b', 8, 'draft', 0)"
					)
					.run(id),
			/append-only/
		);
		expect(snapshot('judgment_history')).toBe(before);
	});
});

describe('a locked edition is final', () => {
	it('its weight set, the edition row and its cities refuse every form of change', () => {
		const { db, sql, asia, author, snapshot } = setup();
		lockEdition(db, { editionId: asia.id, actorId: author.id, acceptWarnings: true });
		const ws = sql.prepare('SELECT * FROM weight_sets').get() as Record<string, unknown>;
		const before = ['weight_sets', 'editions', 'edition_cities'].map(snapshot);
		refuses(
			() =>
				sql
					.prepare(
						`INSERT OR REPLACE INTO weight_sets (id, edition_id, version, weights, settings, engine_version, hash, bundle, locked_by, locked_at)
						 VALUES (@id, @edition_id, @version, '{}', '{}', 'x', 'forged', '{}', @locked_by, 0)`
					)
					.run(ws),
			/cannot be replaced/
		);
		refuses(
			() => sql.prepare("UPDATE editions SET title = 'x' WHERE id = ?").run(asia.id),
			/locked/
		);
		refuses(
			() =>
				sql
					.prepare(
						'INSERT OR REPLACE INTO editions (id, study_id, slug, title, year) VALUES (?, ?, ?, ?, 2023)'
					)
					.run(asia.id, asia.studyId, asia.slug, 'forged'),
			/locked edition/
		);
		refuses(() => sql.prepare('DELETE FROM editions WHERE id = ?').run(asia.id), /locked/);
		refuses(
			() => sql.prepare('DELETE FROM edition_cities WHERE edition_id = ?').run(asia.id),
			/final/
		);
		refuses(
			() =>
				sql
					.prepare(
						'INSERT INTO edition_cities (edition_id, city_id) SELECT ?, id FROM cities LIMIT 1'
					)
					.run(asia.id),
			/final/
		);
		refuses(() => sql.prepare('DELETE FROM studies').run(), /final|cannot/);
		expect(['weight_sets', 'editions', 'edition_cities'].map(snapshot)).toEqual(before);
	});
});

describe('a submission is final', () => {
	it('its row, judgements and rationales refuse UPDATE, DELETE, REPLACE and un-submitting', () => {
		const { sql, submitted, snapshot } = setup();
		const tables = ['responses', 'judgments', 'comments'];
		const before = tables.map(snapshot);
		refuses(
			() =>
				sql
					.prepare("UPDATE responses SET state = 'draft', submitted_at = NULL WHERE id = ?")
					.run(submitted.id),
			/final/
		);
		refuses(
			() => sql.prepare('UPDATE responses SET updated_at = 1 WHERE id = ?').run(submitted.id),
			/final/
		);
		refuses(() => sql.prepare('DELETE FROM responses WHERE id = ?').run(submitted.id), /deleted/);
		refuses(
			() =>
				sql
					.prepare(
						"INSERT OR REPLACE INTO responses (id, round_id, panelist_id, state, revision, updated_at) VALUES (?, ?, ?, 'draft', 0, 0)"
					)
					.run(submitted.id, submitted.round_id, submitted.panelist_id),
			/replaced/
		);
		refuses(
			() =>
				sql.prepare('UPDATE judgments SET position = 8 WHERE response_id = ?').run(submitted.id),
			/final/
		);
		refuses(
			() => sql.prepare('DELETE FROM judgments WHERE response_id = ?').run(submitted.id),
			/final/
		);
		const j = sql
			.prepare('SELECT * FROM judgments WHERE response_id = ? LIMIT 1')
			.get(submitted.id) as Record<string, unknown>;
		refuses(
			() =>
				sql
					.prepare(
						'INSERT OR REPLACE INTO judgments (response_id, node, item_a, item_b, position, updated_at) VALUES (@response_id, @node, @item_a, @item_b, 8, 0)'
					)
					.run(j),
			/final/
		);
		refuses(
			() =>
				sql
					.prepare(
						"INSERT INTO comments (id, response_id, node, body, updated_at) VALUES ('c-new', ?, 'goal', 'late', 0)"
					)
					.run(submitted.id),
			/final/
		);
		// Moving a draft onto the submitted seat (UPDATE OR REPLACE) would delete the submission silently.
		const draft = sql.prepare("SELECT id FROM responses WHERE state = 'draft' LIMIT 1").get() as
			{ id: string } | undefined;
		if (draft)
			refuses(
				() =>
					sql
						.prepare('UPDATE OR REPLACE responses SET panelist_id = ? WHERE id = ?')
						.run(submitted.panelist_id, draft.id),
				/identity/
			);
		// Cascades: deleting the round, the seat or the study would take the submission with it.
		refuses(() => sql.prepare('DELETE FROM rounds WHERE id = ?').run(submitted.round_id), /./);
		refuses(
			() => sql.prepare('DELETE FROM panelists WHERE id = ?').run(submitted.panelist_id),
			/deleted/
		);
		expect(tables.map(snapshot)).toEqual(before);
	});

	it('the coordinator’s audited reopen (open round, history first) is the one way back', () => {
		const { db, sql, one, studyId, submitted, coordinator } = setup();
		reopenResponse(db, {
			studyId,
			panelistId: submitted.panelist_id,
			actorId: coordinator.id,
			reason: 'asked to revise'
		});
		expect(
			one<{ state: string }>('SELECT state FROM responses WHERE id = ?', submitted.id)
		).toEqual({ state: 'draft' });
		expect(
			sql
				.prepare(
					"SELECT count(*) AS n FROM judgment_history WHERE response_id = ? AND event = 'reopen'"
				)
				.get(submitted.id)
		).toMatchObject({ n: expect.any(Number) });
	});

	it('a closed round and its responses (drafts too) do not change afterwards', () => {
		const { db, sql, studyId, submitted, coordinator, snapshot } = setup();
		closeRound(db, { studyId, roundId: submitted.round_id, actorId: coordinator.id });
		const before = ['rounds', 'responses', 'judgments'].map(snapshot);
		refuses(
			() => sql.prepare("UPDATE rounds SET state = 'open' WHERE id = ?").run(submitted.round_id),
			/closed round/
		);
		refuses(
			() =>
				sql
					.prepare('UPDATE responses SET revision = revision + 1 WHERE round_id = ?')
					.run(submitted.round_id),
			/closed round|final/
		);
		refuses(
			() =>
				sql
					.prepare(
						"INSERT INTO responses (id, round_id, panelist_id, state, revision, updated_at) SELECT 'late', ?, id, 'draft', 0, 0 FROM panelists WHERE id NOT IN (SELECT panelist_id FROM responses WHERE round_id = ?) LIMIT 1"
					)
					.run(submitted.round_id, submitted.round_id),
			/closed round/
		);
		expect(['rounds', 'responses', 'judgments'].map(snapshot)).toEqual(before);
		expect(
			db
				.select()
				.from(t.rounds)
				.where(and(eq(t.rounds.id, submitted.round_id)))
				.get()!.state
		).toBe('closed');
	});
});

describe('dataset versions are final', () => {
	it('values cannot be updated, deleted or replaced', () => {
		const { sql, snapshot } = setup();
		const before = snapshot('dataset_values');
		const v = sql.prepare('SELECT * FROM dataset_values LIMIT 1').get() as Record<string, unknown>;
		refuses(() => sql.prepare('UPDATE dataset_values SET value = 0').run(), /new version/);
		refuses(() => sql.prepare('DELETE FROM dataset_values').run(), /new version/);
		refuses(
			() =>
				sql
					.prepare(
						'INSERT OR REPLACE INTO dataset_values (dataset_id, city_id, indicator_code, value) VALUES (@dataset_id, @city_id, @indicator_code, 0)'
					)
					.run(v),
			/new version/
		);
		refuses(() => sql.prepare('DELETE FROM datasets').run(), /edition|new version/);
		expect(snapshot('dataset_values')).toBe(before);
	});
});
