import { describe, expect, it } from 'vitest';
import { appendAudit } from '../audit';
import { createTestDb } from '../testing/db';

describe('append-only tables (enforced by triggers)', () => {
	it('the audit log rejects UPDATE and DELETE', () => {
		const db = createTestDb();
		appendAudit(db, { actorId: null, action: 'test.event' });
		expect(() => db.$client.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(
			/append-only/
		);
		expect(() => db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
		expect(db.$client.prepare('SELECT action FROM audit_log').all()).toEqual([
			{ action: 'test.event' }
		]);
	});

	it('judgement history rejects UPDATE and DELETE', () => {
		const db = createTestDb();
		db.$client
			.prepare(
				"INSERT INTO judgment_history (response_id, node, item_a, item_b, position, event, saved_at) VALUES ('r', 'goal', 'a', 'b', 3, 'draft', 0)"
			)
			.run();
		expect(() => db.$client.prepare('UPDATE judgment_history SET position = 1').run()).toThrow(
			/append-only/
		);
		expect(() => db.$client.prepare('DELETE FROM judgment_history').run()).toThrow(/append-only/);
	});

	it('the database runs with foreign keys on', () => {
		const db = createTestDb();
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
	});
});
