import { describe, expect, it } from 'vitest';
import { appendAudit } from './audit';
import { accountAudit, studyAudit } from './audit-view';
import { createTestDb, seedMinimal, userByEmail } from './testing/db';

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

describe('the audit trail reads as a record of what happened', () => {
	it('names the expert by pseudonym, the round by number, the edition by title; names only for coordinators', async () => {
		const { seedDemo } = await import('./demo/seed');
		const { closeRound, setPanelistWeighting } = await import('./rounds');
		const { readableAudit } = await import('./audit-view');
		const { eq } = await import('drizzle-orm');
		const t = await import('./db/schema');
		const db = createTestDb();
		const { studyId } = seedDemo(db, 'hash');
		const coordinator = userByEmail(db, 'coordinator@demo.test');
		const seat = db
			.select()
			.from(t.panelists)
			.where(eq(t.panelists.email, 'expert09@demo.test'))
			.get()!;
		setPanelistWeighting(db, {
			studyId,
			panelistId: seat.id,
			actorId: coordinator.id,
			weight: 1,
			excluded: true,
			reason: 'conflict of interest'
		});
		const round = db.select().from(t.rounds).get()!;
		closeRound(db, { studyId, roundId: round.id, actorId: coordinator.id });
		const forAuthor = readableAudit(db, studyId, studyAudit(db, studyId), {
			seesIdentities: false
		});
		const exclude = forAuthor.find((r) => r.action === 'panel.exclude')!;
		expect(exclude).toMatchObject({
			what: 'Left an expert out of the group',
			target: seat.pseudonym
		});
		expect(exclude.changes).toContainEqual({ field: 'excluded', before: 'false', after: 'true' });
		expect(forAuthor.find((r) => r.action === 'round.close')!.target).toBe('Round 1');
		expect(JSON.stringify(forAuthor)).not.toContain(seat.name);
		const forCoordinator = readableAudit(db, studyId, studyAudit(db, studyId), {
			seesIdentities: true
		});
		expect(forCoordinator.find((r) => r.action === 'panel.exclude')!.target).toBe(
			`${seat.pseudonym} (${seat.name})`
		);
	});
});

describe('every audited action has words', () => {
	it('each study action written anywhere in the server code is named on the audit page', async () => {
		const { readFileSync, readdirSync } = await import('node:fs');
		const { join } = await import('node:path');
		const { ACTION_WORDS } = await import('./audit-view');
		const files = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
				e.isDirectory()
					? files(join(dir, e.name))
					: e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
						? [join(dir, e.name)]
						: []
			);
		const actions = new Set(
			[...files('src/lib/server'), ...files('src/routes')].flatMap((f) =>
				[...readFileSync(f, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)].map((x) => x[1])
			)
		);
		// Account and sign-in events belong to no study: the study's audit page never shows them.
		const study = [...actions].filter((a) => !/^(account|auth)\./.test(a));
		expect(study.length).toBeGreaterThan(15);
		expect(study.filter((a) => !(a in ACTION_WORDS))).toEqual([]);
	});
});
