import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedDemo } from './demo/seed';
import * as t from './db/schema';
import { GOAL, pairKey } from '../survey/index';
import {
	ResponseError,
	ensureDraftFromPrevious,
	expertContext,
	expertRoundView,
	saveDraft,
	submitResponse,
	type ExpertContext
} from './responses';
import { createTestDb } from './testing/db';
import { studySettingsSchema } from '../schemas/study';
import { generateId } from './tokens';

function setup() {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');
	const round = db.select().from(t.rounds).get()!;
	const userOf = (email: string) =>
		db.select().from(t.users).where(eq(t.users.email, email)).get()!;
	const ctxFor = (email: string, roundId = round.id) =>
		expertContext(db, userOf(email).id, roundId);
	return { db, studyId, round, userOf, ctxFor };
}

/** Answers every pair of every node of a context with the given position. */
function answerAll(ctx: ExpertContext, position: number | null = 1) {
	return ctx.nodes.map((n) => ({
		node: n.key,
		judgments: n.pairs.map(([a, b]) => ({ a, b, position }))
	}));
}

const historyCount = (db: ReturnType<typeof createTestDb>) =>
	db.select({ n: count() }).from(t.judgmentHistory).get()!.n;

describe('expert context', () => {
	it('admits a panel member and refuses others', () => {
		const { db, round, ctxFor, userOf } = setup();
		expect(ctxFor('expert01@demo.test').nodes.map((n) => n.pairs.length)).toEqual([3, 10, 15, 10]);
		expect(() => expertContext(db, userOf('author@demo.test').id, round.id)).toThrow(ResponseError);
		expect(() => ctxFor('expert01@demo.test', 'nope')).toThrow(/No such round/);
	});
});

describe('saveDraft', () => {
	it('saves, appends to the history and bumps the revision', () => {
		const { db, ctxFor } = setup();
		const ctx = ctxFor('expert01@demo.test');
		const before = historyCount(db);
		const [T, D] = ctx.nodes[0].items.map((i) => i.id);
		const r1 = saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: D, position: 3 }] });
		const r2 = saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: D, position: -2 }] });
		expect(r2.revision).toBe(r1.revision + 1);
		expect(historyCount(db)).toBe(before + 2);
		expect(expertRoundView(db, ctx).answers[pairKey(GOAL, T, D)]).toBe(-2);
		// unchanged values write nothing
		saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: D, position: -2 }] });
		expect(historyCount(db)).toBe(before + 2);
	});

	it('accepts a reversed pair by flipping it, and "no opinion" and clearing', () => {
		const { db, ctxFor } = setup();
		const ctx = ctxFor('expert01@demo.test');
		const [T, D, I] = ctx.nodes[0].items.map((i) => i.id);
		saveDraft(db, ctx, {
			node: GOAL,
			judgments: [
				{ a: D, b: T, position: 4 },
				{ a: T, b: I, position: null }
			]
		});
		let view = expertRoundView(db, ctx);
		expect(view.answers[pairKey(GOAL, T, D)]).toBe(-4);
		expect(view.answers[pairKey(GOAL, T, I)]).toBeNull();
		saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: I, clear: true }] });
		view = expertRoundView(db, ctx);
		expect(pairKey(GOAL, T, I) in view.answers).toBe(false);
	});

	it('refuses items from another node, and changes nothing when one entry of a save is bad', () => {
		const { db, ctxFor } = setup();
		const ctx = ctxFor('expert01@demo.test');
		const [T, D] = ctx.nodes[0].items.map((i) => i.id);
		const indicator = ctx.nodes[1].items[0].id;
		const before = historyCount(db);
		expect(() =>
			saveDraft(db, ctx, {
				node: GOAL,
				judgments: [
					{ a: T, b: D, position: 2 },
					{ a: T, b: indicator, position: 1 }
				]
			})
		).toThrow(/not compared under this node/);
		expect(() => saveDraft(db, ctx, { node: 'elsewhere', judgments: [] })).toThrow(
			/does not exist/
		);
		expect(historyCount(db)).toBe(before);
		expect(expertRoundView(db, ctx).answers).toEqual({});
	});

	it('two tabs saving different pairs both keep their changes; the later save of the same pair wins', () => {
		const { db, ctxFor } = setup();
		const tab1 = ctxFor('expert01@demo.test');
		const tab2 = ctxFor('expert01@demo.test');
		const [T, D, I] = tab1.nodes[0].items.map((i) => i.id);
		saveDraft(db, tab1, { node: GOAL, judgments: [{ a: T, b: D, position: 2 }] });
		saveDraft(db, tab2, { node: GOAL, judgments: [{ a: D, b: I, position: 5 }] });
		saveDraft(db, tab1, { node: GOAL, judgments: [{ a: D, b: I, position: -1 }] });
		const view = expertRoundView(db, tab1);
		expect(view.answers[pairKey(GOAL, T, D)]).toBe(2);
		expect(view.answers[pairKey(GOAL, D, I)]).toBe(-1);
	});

	it('refuses changes after submission or when the round is closed, and changes nothing', () => {
		const { db, ctxFor, round } = setup();
		const submitted = ctxFor('expert09@demo.test');
		const [T, D] = submitted.nodes[0].items.map((i) => i.id);
		const before = expertRoundView(db, submitted).answers;
		expect(() =>
			saveDraft(db, submitted, { node: GOAL, judgments: [{ a: T, b: D, position: 8 }] })
		).toThrow(/read-only/);
		expect(expertRoundView(db, submitted).answers).toEqual(before);
		db.update(t.rounds).set({ state: 'closed' }).where(eq(t.rounds.id, round.id)).run();
		expect(() =>
			saveDraft(db, ctxFor('expert01@demo.test'), {
				node: GOAL,
				judgments: [{ a: T, b: D, position: 1 }]
			})
		).toThrow(/closed/);
	});
});

describe('submitResponse', () => {
	it('says which parts are unanswered', () => {
		const { db, ctxFor } = setup();
		const ctx = ctxFor('expert01@demo.test');
		const r = submitResponse(db, ctx, { confirmHighCr: false });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems.incomplete).toHaveLength(4);
	});

	it('submits a complete consistent response, appends "submit" history, audits, and locks it', () => {
		const { db, ctxFor } = setup();
		const ctx = ctxFor('expert01@demo.test');
		for (const d of answerAll(ctx, 0)) saveDraft(db, ctx, d);
		expect(submitResponse(db, ctx, { confirmHighCr: false })).toEqual({ ok: true });
		const resp = db
			.select()
			.from(t.responses)
			.where(
				and(eq(t.responses.roundId, ctx.round.id), eq(t.responses.panelistId, ctx.panelist.id))
			)
			.get()!;
		expect(resp.state).toBe('submitted');
		expect(
			db
				.select({ n: count() })
				.from(t.judgmentHistory)
				.where(
					and(eq(t.judgmentHistory.responseId, resp.id), eq(t.judgmentHistory.event, 'submit'))
				)
				.get()!.n
		).toBe(38);
		expect(
			db.select().from(t.auditLog).where(eq(t.auditLog.action, 'response.submit')).all()
		).toHaveLength(1);
		expect(() => submitResponse(db, ctx, { confirmHighCr: false })).toThrow(/already submitted/);
	});

	it('"no opinion" counts while the graph stays connected; too many make a node unusable', () => {
		const { db, ctxFor } = setup();
		const ctx = ctxFor('expert02@demo.test');
		for (const d of answerAll(ctx, 0)) saveDraft(db, ctx, d);
		const goal = ctx.nodes[0];
		// T–D and T–I "no opinion": item T is no longer linked
		saveDraft(db, ctx, {
			node: GOAL,
			judgments: [
				{ a: goal.items[0].id, b: goal.items[1].id, position: null },
				{ a: goal.items[0].id, b: goal.items[2].id, position: null }
			]
		});
		const r = submitResponse(db, ctx, { confirmHighCr: false });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems.disconnected).toEqual([GOAL]);
		saveDraft(db, ctx, {
			node: GOAL,
			judgments: [{ a: goal.items[0].id, b: goal.items[1].id, position: 2 }]
		});
		expect(submitResponse(db, ctx, { confirmHighCr: false }).ok).toBe(true);
	});

	it('a node above the CR threshold needs confirmation, and a rationale when the study asks', () => {
		const { db, ctxFor, studyId } = setup();
		const settings = studySettingsSchema.parse({ rationaleAboveThreshold: true });
		db.update(t.studies).set({ settings }).where(eq(t.studies.id, studyId)).run();
		const ctx = ctxFor('expert03@demo.test');
		for (const d of answerAll(ctx, 0)) saveDraft(db, ctx, d);
		const [T, D, I] = ctx.nodes[0].items.map((i) => i.id);
		// T ≫ D, D ≫ I, I ≫ T: a cycle
		saveDraft(db, ctx, {
			node: GOAL,
			judgments: [
				{ a: T, b: D, position: 6 },
				{ a: D, b: I, position: 6 },
				{ a: T, b: I, position: -6 }
			]
		});
		let r = submitResponse(db, ctx, { confirmHighCr: false });
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.problems.highCr).toEqual([GOAL]);
			expect(r.problems.missingNodeRationale).toEqual([GOAL]);
		}
		saveDraft(db, ctx, {
			node: GOAL,
			judgments: [],
			comment: 'The three pillars depend on one another.'
		});
		r = submitResponse(db, ctx, { confirmHighCr: false });
		expect(r.ok).toBe(false);
		expect(submitResponse(db, ctx, { confirmHighCr: true }).ok).toBe(true);
	});
});

describe('round 2: carry-over and controlled feedback', () => {
	function openRoundTwo(db: ReturnType<typeof createTestDb>, studyId: string, roundOneId: string) {
		db.update(t.rounds).set({ state: 'closed' }).where(eq(t.rounds.id, roundOneId)).run();
		const id = generateId();
		db.insert(t.rounds)
			.values({ id, studyId, number: 2, state: 'open', closesAt: new Date(Date.now() + 864e5) })
			.run();
		return id;
	}

	it('starts the draft from the expert’s own round-1 answers and shows the panel anonymously', () => {
		const { db, studyId, round, ctxFor } = setup();
		const r2 = openRoundTwo(db, studyId, round.id);
		const ctx = ctxFor('expert09@demo.test', r2);
		ensureDraftFromPrevious(db, ctx);
		ensureDraftFromPrevious(db, ctx); // idempotent
		const view = expertRoundView(db, ctx);
		const r1 = expertRoundView(db, ctxFor('expert09@demo.test', round.id));
		expect(view.answers).toEqual(r1.answers);
		expect(view.response?.state).toBe('draft');
		const fb = view.feedback!;
		expect(fb.roundNumber).toBe(1);
		const [T, D] = ctx.nodes[0].items.map((i) => i.id);
		const pair = fb.pairs[pairKey(GOAL, T, D)];
		expect(pair.answers).toBe(24);
		expect(pair.q1).not.toBeNull();
		expect(pair.q1!).toBeLessThanOrEqual(pair.q3!);
		expect(pair.previous).toBe(r1.answers[pairKey(GOAL, T, D)]);
		expect(fb.nodes[GOAL].groupWeights!.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
		// rationales carry pseudonyms only, never names or emails
		const text = JSON.stringify(fb);
		expect(fb.nodes[GOAL].rationales.length).toBeGreaterThan(0);
		expect(fb.nodes[GOAL].rationales.every((r) => /^Expert [A-Z]+$/.test(r.pseudonym))).toBe(true);
		for (const p of db.select().from(t.panelists).all()) {
			expect(text).not.toContain(p.email);
			expect(text).not.toContain(p.name);
		}
	});

	it('an answer outside the panel band needs a rationale when the study asks', () => {
		const { db, studyId, round, ctxFor } = setup();
		db.update(t.studies)
			.set({ settings: studySettingsSchema.parse({ rationaleOutsideBand: true }) })
			.where(eq(t.studies.id, studyId))
			.run();
		const r2 = openRoundTwo(db, studyId, round.id);
		const ctx = ctxFor('expert10@demo.test', r2);
		ensureDraftFromPrevious(db, ctx);
		const fb = expertRoundView(db, ctx).feedback!;
		const [T, D] = ctx.nodes[0].items.map((i) => i.id);
		const band = fb.pairs[pairKey(GOAL, T, D)];
		const outside = band.q3! < 8 ? 8 : -8;
		saveDraft(db, ctx, { node: GOAL, judgments: [{ a: T, b: D, position: outside }] });
		let r = submitResponse(db, ctx, { confirmHighCr: true });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems.missingPairRationale).toContain(pairKey(GOAL, T, D));
		saveDraft(db, ctx, {
			node: GOAL,
			judgments: [],
			pairComments: [{ a: T, b: D, body: 'Rail matters more than the panel thinks.' }]
		});
		r = submitResponse(db, ctx, { confirmHighCr: true });
		if (!r.ok) expect(r.problems.missingPairRationale).not.toContain(pairKey(GOAL, T, D));
	});

	it('small panels: group figures need k answers to the pair, weights and rationales k submissions', () => {
		const { db, studyId, round, ctxFor } = setup();
		const setK = (k: number) =>
			db
				.update(t.studies)
				.set({ settings: studySettingsSchema.parse({ minGroupSize: k }) })
				.where(eq(t.studies.id, studyId))
				.run();
		const r2 = openRoundTwo(db, studyId, round.id);
		// 24 experts submitted round 1. With k = 25 nothing of the group reaches an expert.
		setK(25);
		let fb = expertRoundView(db, ctxFor('expert09@demo.test', r2)).feedback!;
		expect(fb.minGroupSize).toBe(25);
		for (const pair of Object.values(fb.pairs)) {
			expect(pair).toMatchObject({
				withheld: true,
				group: null,
				groupPosition: null,
				q1: null,
				q3: null
			});
		}
		for (const node of Object.values(fb.nodes)) {
			expect(node).toMatchObject({
				withheld: true,
				groupWeights: null,
				spread: null,
				rationales: []
			});
		}
		// With k = 24 the nodes are shown; a pair that someone left "no opinion" has < 24 answers.
		setK(24);
		fb = expertRoundView(db, ctxFor('expert09@demo.test', r2)).feedback!;
		expect(fb.nodes[GOAL].withheld).toBe(false);
		const pairs = Object.values(fb.pairs);
		const partial = pairs.filter((p) => p.answers < 24);
		expect(partial.length).toBeGreaterThan(0);
		for (const p of partial) expect(p).toMatchObject({ withheld: true, group: null, q1: null });
		for (const p of pairs.filter((p) => p.answers >= 24))
			expect(p.withheld || p.group === null).toBe(false);
	});
});
