import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { analyzeRound } from '../ahp/index';
import { cockpitData } from './cockpit';
import * as t from './db/schema';
import { seedDemo } from './demo/seed';
import { roundData, roundTables, toCsv, toXlsx } from './exports';
import { FrozenError, readFramework, replaceFramework } from './framework';
import { hierarchyOf, nodeMatrix, pairKey } from '../survey/index';
import {
	LifecycleError,
	closeRound,
	prepareRound,
	openRound,
	planReminder,
	reopenResponse,
	sendReminder,
	setCommentHidden,
	setPanelistWeighting
} from './rounds';
import { createTestDb, userByEmail } from './testing/db';

function setup() {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');
	const coordinator = userByEmail(db, 'coordinator@demo.test');
	const round1 = db.select().from(t.rounds).get()!;
	const seat = (n: number) =>
		db
			.select()
			.from(t.panelists)
			.where(eq(t.panelists.email, `expert${String(n).padStart(2, '0')}@demo.test`))
			.get()!;
	return { db, studyId, actor: coordinator.id, round1, seat };
}
const audit = (db: ReturnType<typeof createTestDb>, action: string) =>
	db.select().from(t.auditLog).where(eq(t.auditLog.action, action)).all();

describe('round lifecycle', () => {
	it('closes, then opens the next round; refuses out-of-order moves; audits each', () => {
		const { db, studyId, actor, round1 } = setup();
		expect(() =>
			openRound(db, { studyId, actorId: actor, closesAt: new Date(Date.now() + 864e5) })
		).toThrow(/still open/);
		expect(() => closeRound(db, { studyId, roundId: 'nope', actorId: actor })).toThrow(
			LifecycleError
		);
		closeRound(db, { studyId, roundId: round1.id, actorId: actor });
		expect(() => closeRound(db, { studyId, roundId: round1.id, actorId: actor })).toThrow(
			/not open/
		);
		expect(() =>
			openRound(db, { studyId, actorId: actor, closesAt: new Date(Date.now() - 1000) })
		).toThrow(/future/);
		const r2 = openRound(db, { studyId, actorId: actor, closesAt: new Date(Date.now() + 864e5) });
		expect(r2.number).toBe(2);
		expect(audit(db, 'round.close')).toHaveLength(1);
		expect(audit(db, 'round.open')).toHaveLength(1);
	});

	it('a round can be prepared as a draft, invisible to experts, then opened', () => {
		const { db, studyId, actor, round1 } = setup();
		closeRound(db, { studyId, roundId: round1.id, actorId: actor });
		const d = prepareRound(db, { studyId, actorId: actor, closesAt: new Date(Date.now() + 864e5) });
		expect(d.number).toBe(2);
		expect(() =>
			prepareRound(db, { studyId, actorId: actor, closesAt: new Date(Date.now() + 864e5) })
		).toThrow(/already prepared/);
		const opened = openRound(db, {
			studyId,
			actorId: actor,
			closesAt: new Date(Date.now() + 2 * 864e5)
		});
		expect(opened.number).toBe(2);
		expect(db.select().from(t.rounds).where(eq(t.rounds.number, 2)).get()!.state).toBe('open');
		expect(audit(db, 'round.draft')).toHaveLength(1);
	});

	it('reopens one submitted response while the round is open', () => {
		const { db, studyId, actor, round1, seat } = setup();
		reopenResponse(db, {
			studyId,
			panelistId: seat(9).id,
			actorId: actor,
			reason: 'asked to revise'
		});
		const r = db
			.select()
			.from(t.responses)
			.where(and(eq(t.responses.roundId, round1.id), eq(t.responses.panelistId, seat(9).id)))
			.get()!;
		expect(r.state).toBe('draft');
		expect(
			db
				.select()
				.from(t.judgmentHistory)
				.where(and(eq(t.judgmentHistory.responseId, r.id), eq(t.judgmentHistory.event, 'reopen')))
				.all()
		).toHaveLength(38);
		expect(() =>
			reopenResponse(db, { studyId, panelistId: seat(1).id, actorId: actor, reason: 'x' })
		).toThrow(/not submitted/);
	});

	it('the framework is frozen once round 1 has opened', () => {
		const { db, studyId, actor } = setup();
		expect(() => replaceFramework(db, studyId, readFramework(db, studyId), actor, 'test')).toThrow(
			FrozenError
		);
	});
});

describe('reminders', () => {
	it('go only to signed-up experts who have not submitted, and not twice within the interval', () => {
		const { db, studyId, actor } = setup();
		const plan = planReminder(db, { studyId, origin: 'http://x', intervalHours: 24 });
		expect(plan.recipients.map((r) => r.email).sort()).toEqual([
			'expert01@demo.test',
			'expert02@demo.test',
			'expert03@demo.test',
			'expert04@demo.test',
			'expert05@demo.test',
			'expert06@demo.test',
			'expert07@demo.test',
			'expert08@demo.test'
		]);
		const now = Date.now();
		sendReminder(db, { studyId, origin: 'http://x', intervalHours: 24, actorId: actor }, now);
		const mail = db.select().from(t.outbox).where(eq(t.outbox.kind, 'reminder')).all();
		expect(mail).toHaveLength(8);
		expect(mail.every((m) => m.body.includes('/expert/rounds/'))).toBe(true);
		expect(() =>
			sendReminder(
				db,
				{ studyId, origin: 'http://x', intervalHours: 24, actorId: actor },
				now + 3600_000
			)
		).toThrow(/less than 24 hours ago/);
		sendReminder(
			db,
			{ studyId, origin: 'http://x', intervalHours: 24, actorId: actor },
			now + 25 * 3600_000
		);
		expect(db.select().from(t.outbox).where(eq(t.outbox.kind, 'reminder')).all()).toHaveLength(16);
	});
	it('each reminder is written in its recipient’s language, the deadline with Western digits', () => {
		const { db, studyId, actor } = setup();
		const seat = db
			.select()
			.from(t.panelists)
			.where(eq(t.panelists.email, 'expert03@demo.test'))
			.get()!;
		db.update(t.users).set({ locale: 'ar' }).where(eq(t.users.id, seat.userId!)).run();
		sendReminder(db, { studyId, origin: 'http://x', intervalHours: 24, actorId: actor });
		const mail = db.select().from(t.outbox).where(eq(t.outbox.kind, 'reminder')).all();
		const arabic = mail.find((x) => x.toEmail === 'expert03@demo.test')!;
		expect(arabic.subject).toMatch(/^تذكير: الجولة 1 من «/);
		expect(arabic.body).toContain(`عزيزي/عزيزتي ${seat.name}،`);
		expect(arabic.body).toMatch(/\d{4}/);
		expect(arabic.body).not.toMatch(/[٠-٩]/);
		const english = mail.find((x) => x.toEmail === 'expert01@demo.test')!;
		expect(english.body).toMatch(/^Dear .+,\n\nThis is a friendly reminder that round 1 of/);
	});
});

describe('weights, exclusions and moderation', () => {
	it('an exclusion changes the group weights and is audited with before and after', () => {
		const { db, studyId, actor, seat } = setup();
		const before = cockpitData(db, studyId)!;
		setPanelistWeighting(db, {
			studyId,
			panelistId: seat(9).id,
			actorId: actor,
			weight: 1,
			excluded: true,
			reason: 'outlier'
		});
		const after = cockpitData(db, studyId)!;
		expect(after.analysis!.nodes.goal.respondents).toBe(23);
		expect(after.analysis!.globalWeights).not.toEqual(before.analysis!.globalWeights);
		const a = audit(db, 'panel.exclude')[0];
		expect(a.before).toEqual({ weight: 1, excluded: false });
		expect(a.after).toMatchObject({ excluded: true, reason: 'outlier' });
		expect(() =>
			setPanelistWeighting(db, {
				studyId,
				panelistId: seat(9).id,
				actorId: actor,
				weight: -1,
				excluded: false,
				reason: ''
			})
		).toThrow(/0 to 100/);
	});

	it('hiding a rationale needs a reason, removes it from the feedback and is logged', () => {
		const { db, studyId, actor } = setup();
		const c = db.select().from(t.comments).get()!;
		expect(() =>
			setCommentHidden(db, { studyId, commentId: c.id, actorId: actor, hidden: true, reason: ' ' })
		).toThrow(/Say why/);
		setCommentHidden(db, {
			studyId,
			commentId: c.id,
			actorId: actor,
			hidden: true,
			reason: 'names a colleague'
		});
		expect(
			db.select().from(t.comments).where(eq(t.comments.id, c.id)).get()!.hiddenAt
		).not.toBeNull();
		expect(audit(db, 'comment.hide')).toHaveLength(1);
	});
});

describe('the cockpit’s figures are analyzeRound’s', () => {
	it('S*, group CR, Kendall’s W and global weights equal a direct analyzeRound on the submitted responses', () => {
		const { db, studyId, round1 } = setup();
		const d = cockpitData(db, studyId)!;
		const nodes = d.nodes;
		// In pseudonym order, as the cockpit takes them (the group's rounding depends on the order).
		const pseudonym = new Map(
			db
				.select()
				.from(t.panelists)
				.all()
				.map((p) => [p.id, p.pseudonym])
		);
		const submitted = db
			.select()
			.from(t.responses)
			.where(and(eq(t.responses.roundId, round1.id), eq(t.responses.state, 'submitted')))
			.all()
			.sort((a, b) => pseudonym.get(a.panelistId)!.localeCompare(pseudonym.get(b.panelistId)!));
		const experts = submitted.map((r) => {
			const answers = new Map(
				db
					.select()
					.from(t.judgments)
					.where(eq(t.judgments.responseId, r.id))
					.all()
					.map((j) => [pairKey(j.node, j.itemA, j.itemB), j.position])
			);
			return {
				expertId: r.panelistId,
				matrices: Object.fromEntries(nodes.map((n) => [n.key, nodeMatrix(n, answers)]))
			};
		});
		const direct = analyzeRound({ hierarchy: hierarchyOf(nodes), experts });
		expect(d.progress!.submitted).toBe(24);
		expect(d.progress!.started).toBe(28);
		expect(d.analysis!.globalWeights).toEqual(direct.globalWeights);
		expect(d.analysis!.kendall!.w).toBeCloseTo(direct.kendall!.w, 14);
		for (const n of nodes) {
			expect(d.analysis!.nodes[n.key].consensus!.sStar).toBeCloseTo(
				direct.nodes[n.key].consensus!.sStar,
				14
			);
			expect(d.analysis!.nodes[n.key].groupConsistency!.cr).toBeCloseTo(
				direct.nodes[n.key].groupConsistency!.cr,
				14
			);
		}
		expect(d.stopping!.stabilityMet).toBeNull();
	});
});

describe('exports', () => {
	it('CSV has a BOM and pseudonyms only; the workbook has the four sheets', async () => {
		const { db, studyId } = setup();
		const d = roundData(db, studyId, 1)!;
		const tables = roundTables(db, d);
		const csv = toCsv(tables[0]);
		expect(csv.startsWith('\uFEFFround,expert,status,node,item_a,item_b,position,a_ij')).toBe(true);
		expect(csv).toContain('Expert I,submitted,goal,T,D,');
		for (const p of db.select().from(t.panelists).all()) {
			for (const table of tables) expect(toCsv(table)).not.toContain(p.email);
			expect(toCsv(tables[1])).not.toContain(p.name);
		}
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await toXlsx(tables, { study: 'S', round: 1 })).buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Judgements',
			'Experts',
			'Group weights',
			'Consensus'
		]);
		expect(wb.getWorksheet('Group weights')!.rowCount).toBe(1 + 3 + 16);
	});
});

describe('a new round starts from each expert’s own answers, counted the same everywhere', () => {
	it('opening round 2 carries every round-1 response over; home, questionnaire and cockpit agree', async () => {
		const { db, studyId, actor, round1, seat } = setup();
		closeRound(db, { studyId, roundId: round1.id, actorId: actor });
		const r2 = openRound(db, { studyId, actorId: actor, closesAt: new Date(Date.now() + 864e5) });
		const expert = seat(9);
		const { expertOverview } = await import('./studies');
		const { expertContext, expertRoundView } = await import('./responses');
		const home = expertOverview(db, expert.userId!)[0].openRound!;
		const view = expertRoundView(db, expertContext(db, expert.userId!, r2.id));
		const cockpit = cockpitData(db, studyId)!;
		const row = cockpit.experts!.find((e) => e.id === expert.id)!;
		expect(home).toMatchObject({ answered: 38, carried: true, responseState: 'draft' });
		expect(Object.keys(view.answers)).toHaveLength(38);
		expect(row).toMatchObject({ answered: 38, status: 'carried over' });
		// an expert who had nothing in round 1 starts empty
		expect(expertOverview(db, seat(1).userId!)[0].openRound!).toMatchObject({ answered: 0 });
	});
});

describe('a closed round’s panel is recorded when it closes', () => {
	it('someone invited later does not change the closed round’s counts; the record cannot change', async () => {
		const { db, studyId, actor, round1 } = setup();
		const before = cockpitData(db, studyId, 1)!.progress!;
		closeRound(db, { studyId, roundId: round1.id, actorId: actor });
		const atClose = cockpitData(db, studyId, 1)!.progress!;
		expect(atClose.invited).toBe(before.invited);
		const { createInvitation } = await import('./invitations');
		createInvitation(db, {
			studyId,
			email: 'late@demo.test',
			name: 'Late Expert',
			role: 'expert',
			invitedBy: actor,
			origin: 'http://localhost'
		});
		const after = cockpitData(db, studyId, 1)!.progress!;
		expect(after).toMatchObject({ invited: atClose.invited, submitted: atClose.submitted });
		expect(() => db.$client.prepare('DELETE FROM round_panel').run()).toThrow(/recorded panel/);
		expect(() =>
			db.$client
				.prepare(
					"INSERT INTO round_panel (round_id, panelist_id) SELECT ?, id FROM panelists WHERE email = 'late@demo.test'"
				)
				.run(round1.id)
		).toThrow(/recorded once/);
	});
});

describe('the deadline is enforced', () => {
	it('after the deadline a round accepts no answers; it closes by itself only where the study says so', async () => {
		const { db, studyId, round1 } = setup();
		const { GOAL } = await import('../survey/index');
		const { ResponseError, expertContext, saveDraft, submitResponse } = await import('./responses');
		const { closeDueRounds } = await import('./rounds');
		const deadline = round1.closesAt!.getTime();
		const user = db.select().from(t.users).where(eq(t.users.email, 'expert01@demo.test')).get()!;
		const ctx = expertContext(db, user.id, round1.id);
		const [a, b] = ctx.nodes[0].items.map((i) => i.id);
		const save = (now: number) =>
			saveDraft(db, ctx, { node: GOAL, judgments: [{ a, b, position: 2 }] }, now);
		expect(save(deadline - 1000).revision).toBeGreaterThan(0);
		expect(() => save(deadline + 1)).toThrow(ResponseError);
		expect(() => submitResponse(db, ctx, { confirmHighCr: true }, deadline + 1)).toThrow(
			/deadline/
		);
		// Waits for the coordinator by default …
		expect(closeDueRounds(db, deadline + 1)).toHaveLength(0);
		// … or closes by itself, audited as the deadline's doing.
		const settings = db.select().from(t.studies).where(eq(t.studies.id, studyId)).get()!.settings;
		db.update(t.studies)
			.set({ settings: { ...(settings as object), closeAtDeadline: true } })
			.where(eq(t.studies.id, studyId))
			.run();
		expect(closeDueRounds(db, deadline + 1).map((r) => r.id)).toEqual([round1.id]);
		expect(db.select().from(t.rounds).where(eq(t.rounds.id, round1.id)).get()!.state).toBe(
			'closed'
		);
		expect(audit(db, 'round.close').at(-1)!.actorId).toBeNull();
	});
});

describe('feedback options per round', () => {
	it('are chosen when a round opens, recorded with it, and used by that round only', async () => {
		const { db, studyId, actor, round1, seat } = setup();
		const { expertContext } = await import('./responses');
		closeRound(db, { studyId, roundId: round1.id, actorId: actor });
		const r2 = openRound(db, {
			studyId,
			actorId: actor,
			closesAt: new Date(Date.now() + 864e5),
			options: { rationaleOutsideBand: true, reminderIntervalHours: 48 }
		});
		const stored = db.select().from(t.rounds).where(eq(t.rounds.id, r2.id)).get()!;
		expect(stored.options).toMatchObject({ rationaleOutsideBand: true, reminderIntervalHours: 48 });
		const user = seat(9).userId!;
		expect(expertContext(db, user, r2.id).settings.rationaleOutsideBand).toBe(true);
		expect(expertContext(db, user, round1.id).settings.rationaleOutsideBand).toBe(false);
		expect(audit(db, 'round.open').at(-1)!.after).toMatchObject({
			options: { rationaleOutsideBand: true }
		});
	});
});
