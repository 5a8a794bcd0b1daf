import { describe, expect, it } from 'vitest';
import { appendAudit } from './audit';
import { accountAudit, studyAudit } from './audit-view';
import { createTestDb, seedMinimal } from './testing/db';

describe('whose audit trail shows what', () => {
	it('a study’s trail holds its own events only; account events go to the person and the operator', () => {
		const db = createTestDb();
		const a = seedMinimal(db, 'a@test.org');
		const b = seedMinimal(db, 'b@test.org');
		appendAudit(db, { actorId: a.coordinatorId, action: 'round.open', studyId: a.studyId });
		appendAudit(db, { actorId: b.coordinatorId, action: 'round.open', studyId: b.studyId });
		appendAudit(db, {
			actorId: null,
			action: 'auth.signin_blocked',
			targetType: 'account',
			targetId: 'b@test.org',
			after: { email: 'b@test.org', ip: '10.1.1.1' },
			ip: '10.1.1.1'
		});
		appendAudit(db, {
			actorId: a.coordinatorId,
			action: 'account.locale',
			targetType: 'user',
			targetId: a.coordinatorId
		});
		const trailA = studyAudit(db, a.studyId);
		expect(trailA.map((r) => r.action)).toEqual(['round.open']);
		expect(JSON.stringify(trailA)).not.toMatch(/b@test\.org|10\.1\.1\.1/);
		expect(
			accountAudit(db, { user: { id: b.coordinatorId, email: 'b@test.org' } }).map((r) => r.action)
		).toEqual(['auth.signin_blocked']);
		expect(
			accountAudit(db, { user: { id: a.coordinatorId, email: 'a@test.org' } }).map((r) => r.action)
		).toEqual(['account.locale']);
		expect(accountAudit(db).map((r) => r.action)).toEqual([
			'account.locale',
			'auth.signin_blocked'
		]);
	});
});
