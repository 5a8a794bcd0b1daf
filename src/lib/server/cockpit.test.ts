/**
 * The cockpit keeps computed figures by what they depend on. Whatever happens — a draft save, a
 * submission, a reopening, a weight, an exclusion, a round closing — the figures it shows must equal
 * a fresh computation with every cache emptied.
 */
import { and, eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clearFigureCaches, cockpitData } from './cockpit';
import * as t from './db/schema';
import { seedDemo } from './demo/seed';
import { expertContext, saveDraft, submitResponse } from './responses';
import { closeRound, reopenResponse, setPanelistWeighting } from './rounds';
import { createTestDb, userByEmail } from './testing/db';

function figures(d: NonNullable<ReturnType<typeof cockpitData>>) {
	// Everything the page shows, without the timestamps of the moment.
	const { study: _s, seats: _seats, ...rest } = d;
	return JSON.parse(JSON.stringify(rest));
}

describe('cockpit figures are cached by what they depend on, and never stale', () => {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');
	const coordinator = userByEmail(db, 'coordinator@demo.test').id;
	const round = db.select().from(t.rounds).where(eq(t.rounds.studyId, studyId)).get()!;
	const draftSeat = () =>
		db
			.select({ p: t.panelists })
			.from(t.panelists)
			.leftJoin(
				t.responses,
				and(eq(t.responses.panelistId, t.panelists.id), eq(t.responses.roundId, round.id))
			)
			.where(and(eq(t.panelists.studyId, studyId), ne(t.panelists.state, 'invited')))
			.all()
			.map((r) => r.p)
			.find(
				(p) =>
					p.userId &&
					!db
						.select()
						.from(t.responses)
						.where(
							and(
								eq(t.responses.panelistId, p.id),
								eq(t.responses.roundId, round.id),
								eq(t.responses.state, 'submitted')
							)
						)
						.get()
			)!;
	const expectFresh = () => {
		const cached = figures(cockpitData(db, studyId)!);
		clearFigureCaches();
		expect(cached).toEqual(figures(cockpitData(db, studyId)!));
		return cached;
	};

	it('after draft saves, a submission, a reopening, weights, exclusions and the close', () => {
		const before = expectFresh();
		const seat = draftSeat();
		const ctx = () => expertContext(db, seat.userId!, round.id);
		// Draft saves: the group's figures stay the same object of knowledge, the draft's own change.
		for (const node of ctx().nodes)
			saveDraft(db, ctx(), {
				node: node.key,
				judgments: node.pairs.map(([a, b]) => ({ a, b, position: 0 }))
			});
		const afterDrafts = expectFresh();
		expect(afterDrafts.analysis.globalWeights).toEqual(before.analysis.globalWeights);
		// A submission changes the group.
		expect(submitResponse(db, ctx(), { confirmHighCr: true }).ok).toBe(true);
		const afterSubmit = expectFresh();
		expect(afterSubmit.progress.submitted).toBe(before.progress.submitted + 1);
		expect(afterSubmit.analysis.globalWeights).not.toEqual(before.analysis.globalWeights);
		// Weights, exclusions and a reopening change it again.
		setPanelistWeighting(db, {
			studyId,
			panelistId: seat.id,
			actorId: coordinator,
			weight: 3,
			excluded: false,
			reason: 'test'
		});
		expect(expectFresh().analysis.globalWeights).not.toEqual(afterSubmit.analysis.globalWeights);
		setPanelistWeighting(db, {
			studyId,
			panelistId: seat.id,
			actorId: coordinator,
			weight: 3,
			excluded: true,
			reason: 'test'
		});
		expect(expectFresh().analysis.globalWeights).toEqual(before.analysis.globalWeights);
		setPanelistWeighting(db, {
			studyId,
			panelistId: seat.id,
			actorId: coordinator,
			weight: 1,
			excluded: false,
			reason: 'test'
		});
		expectFresh();
		reopenResponse(db, { studyId, panelistId: seat.id, actorId: coordinator, reason: 'test' });
		expect(expectFresh().progress.submitted).toBe(before.progress.submitted);
		closeRound(db, { studyId, roundId: round.id, actorId: coordinator });
		expect(expectFresh().round.state).toBe('closed');
	});
});
