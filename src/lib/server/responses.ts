/**
 * An expert's response to a round: the draft they build judgement by judgement and its submission.
 * Every write goes through one synchronous transaction and appends to judgment_history; nothing
 * submitted is ever overwritten. (The panel's feedback is in feedback.ts; the panel in panel.ts.)
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { methodSettings, pairKey, submissionProblems, type SubmitProblems } from '../survey/index';
import { settingsForRound } from '../schemas/study';
import type { DraftInput } from '../schemas/response';
import { studyText } from '../study-text';
import { m } from '../paraglide/messages';
import { appendAudit } from './audit';
import { DomainError } from './errors';
import { durably, prepared, type DB, type Tx } from './db';
import {
	comments,
	judgmentHistory,
	judgments,
	memberships,
	panelists,
	responses,
	rounds,
	studies,
	type Round
} from './db/schema';
import { previousRoundFeedback } from './feedback';
import {
	answerOf,
	answersOf,
	getResponse,
	previousRound,
	type ExpertContext
} from './response-rows';
import { studyNodes } from './studies';
import { generateId } from './tokens';

/** The round's deadline has passed: it accepts no more answers (whether or not it has closed yet). */
export function deadlinePassed(round: Pick<Round, 'closesAt'>, now = Date.now()): boolean {
	return round.closesAt !== null && round.closesAt.getTime() <= now;
}

export type { ExpertContext };

export class ResponseError extends DomainError {}

// Every draft save asks who is answering: these are built once per connection (see `prepared`).
const roundById = prepared((tx) =>
	tx
		.select()
		.from(rounds)
		.where(eq(rounds.id, sql.placeholder('roundId')))
		.prepare()
);
const expertMembership = prepared((tx) =>
	tx
		.select({ role: memberships.role })
		.from(memberships)
		.where(
			and(
				eq(memberships.studyId, sql.placeholder('studyId')),
				eq(memberships.userId, sql.placeholder('userId')),
				eq(memberships.role, 'expert')
			)
		)
		.prepare()
);
const seatOf = prepared((tx) =>
	tx
		.select()
		.from(panelists)
		.where(
			and(
				eq(panelists.studyId, sql.placeholder('studyId')),
				eq(panelists.userId, sql.placeholder('userId'))
			)
		)
		.prepare()
);
const studyTexts = prepared((tx) =>
	tx
		.select({ title: studies.title, titleZh: studies.titleZh, settings: studies.settings })
		.from(studies)
		.where(eq(studies.id, sql.placeholder('studyId')))
		.prepare()
);

/** Who may answer this round: an expert of the study with a panel seat; the round not a draft. */
export function expertContext(tx: Tx, userId: string, roundId: string): ExpertContext {
	const round = roundById(tx).get({ roundId });
	if (!round || round.state === 'draft') throw new ResponseError(404, m.err_no_round());
	const member = expertMembership(tx).get({ studyId: round.studyId, userId });
	const panelist = seatOf(tx).get({ studyId: round.studyId, userId });
	if (!member || !panelist) throw new ResponseError(403, m.err_not_on_panel());
	if (panelist.state === 'withdrawn') throw new ResponseError(403, m.err_withdrawn());
	const study = studyTexts(tx).get({ studyId: round.studyId })!;
	return {
		user: { id: userId },
		panelist,
		round,
		settings: settingsForRound(study.settings, round),
		studyTitle: study.title,
		studyTitleZh: study.titleZh,
		nodes: studyNodes(tx, round.studyId)
	};
}

/**
 * Starts a panelist's draft of a round from their own answers of the previous round (revision 0:
 * carried over, not yet touched). Nothing when they already have a response here or had none there.
 * Called for every panelist when a round opens, so that every page counts the same answers.
 */
export function carryOverDraft(
	tx: Tx,
	o: { roundId: string; prevRoundId: string; panelistId: string; actorId: string | null },
	now = Date.now()
): boolean {
	if (getResponse(tx, o.roundId, o.panelistId)) return false;
	const prevResponse = getResponse(tx, o.prevRoundId, o.panelistId);
	if (!prevResponse) return false;
	const responseId = generateId();
	tx.insert(responses)
		.values({
			id: responseId,
			roundId: o.roundId,
			panelistId: o.panelistId,
			state: 'draft',
			revision: 0,
			updatedAt: new Date(now),
			createdAt: new Date(now)
		})
		.run();
	for (const j of tx
		.select()
		.from(judgments)
		.where(eq(judgments.responseId, prevResponse.id))
		.all()) {
		const row = { responseId, node: j.node, itemA: j.itemA, itemB: j.itemB, position: j.position };
		tx.insert(judgments)
			.values({ ...row, updatedAt: new Date(now) })
			.run();
		tx.insert(judgmentHistory)
			.values({ ...row, event: 'carry-over', savedBy: o.actorId, savedAt: new Date(now) })
			.run();
	}
	return true;
}

/** The expert's draft of an open round starts from their previous answers (if the round's opening did not already). */
export function ensureDraftFromPrevious(db: DB, ctx: ExpertContext, now = Date.now()): void {
	const prev = previousRound(db, ctx.round);
	if (!prev || ctx.round.state !== 'open' || getResponse(db, ctx.round.id, ctx.panelist.id)) return;
	db.transaction((tx) => {
		carryOverDraft(
			tx,
			{
				roundId: ctx.round.id,
				prevRoundId: prev.id,
				panelistId: ctx.panelist.id,
				actorId: ctx.user.id
			},
			now
		);
	});
}

export type SaveResult = { revision: number; savedAt: number };

/**
 * Saves judgements (and rationales) of one node into the expert's draft. Each entry is applied on its
 * own, in arrival order, so two tabs saving different pairs both keep their changes and the later
 * save of the same pair wins. Refused (nothing written) when the round is not open, the response is
 * submitted, or a node, pair or value is not part of the framework.
 */
export function saveDraft(
	db: DB,
	ctx: ExpertContext,
	input: DraftInput,
	now = Date.now()
): SaveResult {
	if (ctx.round.state !== 'open') throw new ResponseError(409, m.err_round_closed_change());
	if (deadlinePassed(ctx.round, now)) throw new ResponseError(409, m.err_deadline_passed());
	const node = ctx.nodes.find((n) => n.key === input.node);
	if (!node) throw new ResponseError(400, m.err_unknown_part());
	const order = new Map(node.items.map((i, k) => [i.id, k]));
	const entries = input.judgments.map((j) => {
		const ia = order.get(j.a);
		const ib = order.get(j.b);
		if (ia === undefined || ib === undefined || ia === ib)
			throw new ResponseError(
				400,
				'A judgement names items that are not compared under this node.'
			);
		if (!j.clear && j.position === undefined)
			throw new ResponseError(400, 'A judgement needs a scale position, "no opinion", or clear.');
		const flip = ia > ib;
		const position = j.clear
			? undefined
			: j.position === null
				? null
				: flip
					? -(j.position as number)
					: (j.position as number);
		return { a: flip ? j.b : j.a, b: flip ? j.a : j.b, position, clear: Boolean(j.clear) };
	});
	for (const pc of input.pairComments ?? []) {
		if (!order.has(pc.a) || !order.has(pc.b) || pc.a === pc.b)
			throw new ResponseError(
				400,
				'A pair rationale names items that are not compared under this node.'
			);
	}
	// The statements run on `db` (one connection: the same transaction) so that they are built once.
	return db.transaction((tx) => {
		let response = getResponse(db, ctx.round.id, ctx.panelist.id);
		if (response?.state === 'submitted') throw new ResponseError(409, m.err_submitted_read_only());
		if (!response) {
			const id = generateId();
			tx.insert(responses)
				.values({
					id,
					roundId: ctx.round.id,
					panelistId: ctx.panelist.id,
					state: 'draft',
					revision: 0,
					updatedAt: new Date(now),
					createdAt: new Date(now)
				})
				.run();
			response = getResponse(db, ctx.round.id, ctx.panelist.id)!;
		}
		const at = new Date(now);
		const seen = new Map<string, number | null | undefined>();
		for (const e of entries) {
			const k = pairKey(node.key, e.a, e.b);
			const was = seen.has(k) ? seen.get(k) : answerOf(db, response.id, node.key, e.a, e.b);
			const value = e.clear ? undefined : (e.position ?? null);
			// Unchanged values (a no-JavaScript form posts every pair of the node) write nothing.
			if (was === value) continue;
			seen.set(k, value);
			const pair = { responseId: response.id, node: node.key, itemA: e.a, itemB: e.b };
			if (e.clear) clearJudgment(db).run(pair);
			else storeJudgment(db).run({ ...pair, position: value ?? null, at });
			recordJudgment(db).run({
				...pair,
				position: value ?? null,
				event: e.clear ? 'clear' : 'draft',
				savedBy: ctx.user.id,
				at
			});
		}
		if (input.comment !== undefined)
			upsertComment(tx, response.id, node.key, null, null, input.comment, at);
		for (const pc of input.pairComments ?? []) {
			const [a, b] = order.get(pc.a)! < order.get(pc.b)! ? [pc.a, pc.b] : [pc.b, pc.a];
			upsertComment(tx, response.id, node.key, a, b, pc.body, at);
		}
		const revision = response.revision + 1;
		bumpRevision(db).run({ id: response.id, revision, atMs: now });
		return { revision, savedAt: now };
	});
}

// A draft save's writes, built once per connection (see `prepared`).
const pairIs = {
	responseId: sql.placeholder('responseId'),
	node: sql.placeholder('node'),
	itemA: sql.placeholder('itemA'),
	itemB: sql.placeholder('itemB')
};
const clearJudgment = prepared((tx) =>
	tx
		.delete(judgments)
		.where(
			and(
				eq(judgments.responseId, pairIs.responseId),
				eq(judgments.node, pairIs.node),
				eq(judgments.itemA, pairIs.itemA),
				eq(judgments.itemB, pairIs.itemB)
			)
		)
		.prepare()
);
const storeJudgment = prepared((tx) =>
	tx
		.insert(judgments)
		.values({ ...pairIs, position: sql.placeholder('position'), updatedAt: sql.placeholder('at') })
		.onConflictDoUpdate({
			target: [judgments.responseId, judgments.node, judgments.itemA, judgments.itemB],
			set: { position: sql`excluded.position`, updatedAt: sql`excluded.updated_at` }
		})
		.prepare()
);
const recordJudgment = prepared((tx) =>
	tx
		.insert(judgmentHistory)
		.values({
			...pairIs,
			position: sql.placeholder('position'),
			event: sql.placeholder('event'),
			savedBy: sql.placeholder('savedBy'),
			savedAt: sql.placeholder('at')
		})
		.prepare()
);
const bumpRevision = prepared((tx) =>
	tx
		.update(responses)
		// (set() takes SQL, not a bare placeholder; this one is passed epoch milliseconds)
		.set({
			revision: sql`${sql.placeholder('revision')}`,
			updatedAt: sql`${sql.placeholder('atMs')}`
		})
		.where(eq(responses.id, sql.placeholder('id')))
		.prepare()
);

function upsertComment(
	tx: Tx,
	responseId: string,
	node: string,
	a: string | null,
	b: string | null,
	body: string,
	at: Date
) {
	const text = body.trim();
	const where = and(
		eq(comments.responseId, responseId),
		eq(comments.node, node),
		a ? eq(comments.itemA, a) : isNull(comments.itemA),
		b ? eq(comments.itemB, b) : isNull(comments.itemB)
	);
	const existing = tx.select().from(comments).where(where).get();
	if (existing) {
		if (!text) tx.delete(comments).where(eq(comments.id, existing.id)).run();
		else
			tx.update(comments)
				.set({ body: text, updatedAt: at })
				.where(eq(comments.id, existing.id))
				.run();
	} else if (text) {
		tx.insert(comments)
			.values({
				id: generateId(),
				responseId,
				node,
				itemA: a,
				itemB: b,
				body: text,
				updatedAt: at,
				createdAt: at
			})
			.run();
	}
}

export type { SubmitProblems };

/**
 * Submits the draft: every pair answered ("no opinion" counts while the node stays connected); a node
 * above the CR threshold needs the expert's confirmation and, if the study asks, a rationale; from
 * round 2, an answer outside the panel's interquartile band needs a rationale if the study asks.
 */
export function submitResponse(
	db: DB,
	ctx: ExpertContext,
	opts: { confirmHighCr: boolean },
	now = Date.now()
): { ok: true } | { ok: false; problems: SubmitProblems } {
	if (ctx.round.state !== 'open') throw new ResponseError(409, m.err_round_closed());
	if (deadlinePassed(ctx.round, now)) throw new ResponseError(409, m.err_deadline_passed());
	return durably(db, () =>
		db.transaction((tx) => {
			const response = getResponse(tx, ctx.round.id, ctx.panelist.id);
			if (!response)
				return {
					ok: false as const,
					problems: {
						incomplete: ctx.nodes.map((n) => n.key),
						disconnected: [],
						highCr: [],
						missingNodeRationale: [],
						missingPairRationale: []
					}
				};
			if (response.state === 'submitted') throw new ResponseError(409, m.err_already_submitted());
			const answers = answersOf(tx, response.id);
			const nodeComments = tx
				.select()
				.from(comments)
				.where(eq(comments.responseId, response.id))
				.all()
				.filter((c) => c.body.trim());
			const { problems, blocking } = submissionProblems({
				nodes: ctx.nodes,
				answers,
				settings: ctx.settings,
				hasNodeRationale: (node) => nodeComments.some((c) => c.node === node && c.itemA === null),
				hasPairRationale: (key) =>
					nodeComments.some((c) => c.itemA !== null && pairKey(c.node, c.itemA, c.itemB!) === key),
				bands: ctx.settings.rationaleOutsideBand
					? (previousRoundFeedback(tx, ctx)?.pairs ?? {})
					: {}
			});
			if (blocking > 0 || (problems.highCr.length > 0 && !opts.confirmHighCr))
				return { ok: false as const, problems };
			const at = new Date(now);
			tx.update(responses)
				.set({
					state: 'submitted',
					submittedAt: at,
					updatedAt: at,
					revision: response.revision + 1
				})
				.where(eq(responses.id, response.id))
				.run();
			for (const [key, position] of answers) {
				const [node, a, b] = key.split('|');
				tx.insert(judgmentHistory)
					.values({
						responseId: response.id,
						node,
						itemA: a,
						itemB: b,
						position,
						event: 'submit',
						savedBy: ctx.user.id,
						savedAt: at
					})
					.run();
			}
			appendAudit(
				tx,
				{
					actorId: ctx.user.id,
					action: 'response.submit',
					studyId: ctx.round.studyId,
					targetType: 'response',
					targetId: response.id,
					after: {
						round: ctx.round.number,
						pseudonym: ctx.panelist.pseudonym,
						highCrConfirmed: problems.highCr
					}
				},
				now
			);
			return { ok: true as const };
		})
	);
}

/** Everything the survey page shows the expert. */
export function expertRoundView(db: DB, ctx: ExpertContext) {
	const response = getResponse(db, ctx.round.id, ctx.panelist.id);
	const answers = response ? answersOf(db, response.id) : new Map<string, number | null>();
	const commentRows = response
		? db.select().from(comments).where(eq(comments.responseId, response.id)).all()
		: [];
	return {
		round: {
			id: ctx.round.id,
			number: ctx.round.number,
			state: ctx.round.state,
			closesAt: ctx.round.closesAt,
			deadlinePassed: deadlinePassed(ctx.round)
		},
		studyTitle: studyText(ctx.studyTitle, ctx.studyTitleZh).text,
		pseudonym: ctx.panelist.pseudonym,
		settings: {
			...methodSettings(ctx.settings),
			rationaleAboveThreshold: ctx.settings.rationaleAboveThreshold,
			rationaleOutsideBand: ctx.settings.rationaleOutsideBand
		},
		nodes: ctx.nodes,
		response: response
			? { state: response.state, revision: response.revision, submittedAt: response.submittedAt }
			: null,
		answers: Object.fromEntries(answers),
		comments: Object.fromEntries(
			commentRows.filter((c) => c.itemA === null).map((c) => [c.node, c.body])
		),
		pairComments: Object.fromEntries(
			commentRows
				.filter((c) => c.itemA !== null)
				.map((c) => [pairKey(c.node, c.itemA!, c.itemB!), c.body])
		),
		feedback: previousRoundFeedback(db, ctx)
	};
}
export type ExpertRoundView = ReturnType<typeof expertRoundView>;
