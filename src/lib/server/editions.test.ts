import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bundleSchema, verifyBundle, type EditionBundle } from '../edition/bundle';
import { cockpitData } from './cockpit';
import * as t from './db/schema';
import { seedDemo } from './demo/seed';
import { EditionError, createEdition, listWeightSets, lockEdition } from './editions';
import { previewData } from './preview';
import { createTestDb, seedMinimal } from './testing/db';

function setup() {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');
	const author = db.select().from(t.users).where(eq(t.users.email, 'author@demo.test')).get()!;
	const asia = db.select().from(t.editions).where(eq(t.editions.slug, '2023-asia')).get()!;
	const g20 = db.select().from(t.editions).where(eq(t.editions.slug, '2023-g20')).get()!;
	return { db, studyId, author: author.id, asia, g20 };
}

describe('locking an edition’s weights', () => {
	it('stores the bundle and its hash; the weights are the cockpit’s group weights', () => {
		const { db, studyId, author, asia } = setup();
		const { version, hash } = lockEdition(db, {
			editionId: asia.id,
			actorId: author,
			acceptWarnings: true
		});
		expect(version).toBe(1);
		const ws = listWeightSets(db, asia.id)[0];
		expect(ws.hash).toBe(hash);
		const bundle = bundleSchema.parse(JSON.parse(ws.bundle));
		expect(bundle.experts).toHaveLength(24);
		expect(JSON.stringify(bundle)).not.toMatch(/@demo\.test/);
		const cockpit = cockpitData(db, studyId)!;
		const codes = bundle.framework.pillars.flatMap((p) => p.indicators.map((i) => i.code));
		codes.forEach((c, i) =>
			expect(bundle.weights.indicators[c]).toBeCloseTo(cockpit.analysis!.globalWeights![i], 11)
		);
		expect(verifyBundle(bundle)).toMatchObject({
			ok: true,
			hashMatches: true,
			weightsMatch: true,
			engineMatches: true
		});
		expect(
			db.select().from(t.auditLog).where(eq(t.auditLog.action, 'weights.lock')).all()
		).toHaveLength(1);
	});

	it('a locked set cannot be changed, even by SQL; a new version needs a reason and supersedes it', () => {
		const { db, author, asia } = setup();
		lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true });
		expect(() => db.$client.prepare("UPDATE weight_sets SET hash = 'x'").run()).toThrow(
			/cannot be changed/
		);
		expect(() => db.$client.prepare('DELETE FROM weight_sets').run()).toThrow(/cannot be deleted/);
		expect(() =>
			lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true })
		).toThrow(EditionError);
		const v2 = lockEdition(db, {
			editionId: asia.id,
			actorId: author,
			acceptWarnings: true,
			reason: 'Expert K asked to withdraw.'
		});
		const sets = listWeightSets(db, asia.id);
		expect(sets.map((s) => [s.version, s.reason])).toEqual([
			[1, null],
			[2, 'Expert K asked to withdraw.']
		]);
		expect(sets[1].supersedesId).toBe(sets[0].id);
		expect(v2.version).toBe(2);
	});

	it('the Asia and G20 editions can both lock from the same round', () => {
		const { db, author, asia, g20 } = setup();
		const a = lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true });
		const g = lockEdition(db, { editionId: g20.id, actorId: author, acceptWarnings: true });
		expect(a.hash).not.toBe(g.hash); // the edition's identity is part of what is hashed
		const wa = JSON.parse(listWeightSets(db, asia.id)[0].bundle) as EditionBundle;
		const wg = JSON.parse(listWeightSets(db, g20.id)[0].bundle) as EditionBundle;
		expect(wa.weights).toEqual(wg.weights);
	});
});

describe('locked weights in the preview', () => {
	it('a locked edition becomes a weight source with exactly the locked weights', () => {
		const { db, studyId, author, asia } = setup();
		expect(previewData(db, studyId).sources.some((x) => x.key.startsWith('locked-'))).toBe(false);
		lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true });
		const p = previewData(db, studyId);
		const src = p.sources.find((x) => x.key === `locked-${asia.id}`)!;
		const locked = bundleSchema.parse(JSON.parse(listWeightSets(db, asia.id)[0].bundle)).weights
			.indicators;
		expect(src.weights).toEqual(p.indicators.map((i) => locked[i.code]));
		expect(src.label).toBe('2023 Asia Smart City Ranking: locked weights v1');
	});
});

describe('verifying a bundle', () => {
	it('one altered judgement: the hash and the affected weights no longer match, and it says which', () => {
		const { db, author, asia } = setup();
		lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true });
		const bundle = bundleSchema.parse(JSON.parse(listWeightSets(db, asia.id)[0].bundle));
		const altered = structuredClone(bundle);
		const j = altered.experts[0].judgments.find((x) => x.node === 'goal')!;
		j.position = j.position === 8 ? -8 : 8;
		const v = verifyBundle(altered);
		expect(v.ok).toBe(false);
		expect(v.hashMatches).toBe(false);
		expect(v.differences.map((d) => d.level)).toContain('pillar');
		expect(v.differences.length).toBeGreaterThan(3);
		// stating different weights is caught too
		const forged = structuredClone(bundle);
		forged.weights.indicators.T1 += 0.01;
		expect(verifyBundle(forged).differences).toEqual([
			{
				level: 'indicator',
				code: 'T1',
				stated: forged.weights.indicators.T1,
				recomputed: bundle.weights.indicators.T1
			}
		]);
	});
});

describe('creating an edition checks every id it is given', () => {
	it('refuses a previous edition of another study, or one that does not exist, and writes nothing', () => {
		const { db, studyId, author } = setup();
		const other = seedMinimal(db, 'other@test.org');
		db.insert(t.editions)
			.values({
				id: 'foreign-ed',
				studyId: other.studyId,
				slug: 'foreign',
				title: 'Foreign',
				year: 2023
			})
			.run();
		const round = db.select().from(t.rounds).where(eq(t.rounds.studyId, studyId)).get()!;
		const before = db.select().from(t.editions).all().length;
		for (const previousEditionId of ['foreign-ed', 'nope'])
			expect(() =>
				createEdition(db, {
					studyId,
					actorId: author,
					title: 'Next edition',
					year: 2024,
					roundId: round.id,
					universeFrom: null,
					previousEditionId
				})
			).toThrow(EditionError);
		expect(db.select().from(t.editions).all()).toHaveLength(before);
	});
});

describe('locking while the Delphi is not finished', () => {
	it('needs the author to accept the warnings, and the bundle records where the Delphi stood', () => {
		const { db, asia, author } = setup();
		let message = '';
		try {
			lockEdition(db, { editionId: asia.id, actorId: author });
		} catch (e) {
			message = (e as Error).message;
		}
		expect(message).toMatch(/Round 1 is still open/);
		expect(message).toMatch(/stopping rule does not hold/);
		expect(listWeightSets(db, asia.id)).toHaveLength(0);
		lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true });
		const bundle = bundleSchema.parse(JSON.parse(listWeightSets(db, asia.id)[0].bundle));
		expect(bundle.delphi).toMatchObject({ roundState: 'open', stop: false });
		expect(bundle.delphi!.stoppingRule).toMatch(/S\* ≥ 0.75/);
		expect(verifyBundle(bundle).ok).toBe(true);
		const audit = db.select().from(t.auditLog).where(eq(t.auditLog.action, 'weights.lock')).get()!;
		expect((audit.after as { warningsAccepted: string[] }).warningsAccepted).toHaveLength(2);
	});
});
