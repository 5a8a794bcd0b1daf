/**
 * What the coordinator's cockpit shows for a round — every figure from analyzeRound (src/lib/ahp):
 * progress, consistency, consensus, group weights with each expert's spread, the stopping rule, the
 * experts table and the rationales. Group figures use submitted, included experts; drafts are
 * analysed individually so the coordinator can see who is struggling before they submit.
 */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { analyzeRound, type RoundAnalysis } from '../ahp/index';
import { studySettingsSchema, type StudySettings } from '../schemas/study';
import type { Tx } from './db';
import {
	comments,
	judgments,
	panelists,
	responses,
	roundPanel,
	rounds,
	studies,
	type Round
} from './db/schema';
import {
	hierarchyOf,
	nodeMatrix,
	pairKey,
	roundOptions,
	panelSpread,
	type SurveyNode
} from '../survey/index';
import { studyNodes } from './studies';
import { stoppingReason, type StoppingFacts } from '../words';

export type StoppingStatus = StoppingFacts & {
	stop: boolean;
	/** Which clause holds, in English words (recorded with an edition; pages say it with `stoppingReason`). */
	reason: string;
};

export function evaluateStoppingRule(
	settings: StudySettings,
	analysis: RoundAnalysis,
	roundNumber: number
): StoppingStatus {
	const rule = settings.stoppingRule;
	const sStars = Object.values(analysis.nodes).map((n) => n.consensus?.sStar ?? null);
	const minSStar = sStars.some((s) => s === null) ? null : Math.min(...(sStars as number[]));
	const consensusMet = minSStar !== null && minSStar >= rule.minSStar;
	const changePP = analysis.stability?.meanAbsoluteChangePP ?? null;
	const stabilityMet = changePP === null ? null : changePP < rule.maxStabilityPP;
	const roundCapMet = roundNumber >= rule.maxRounds;
	const facts: StoppingFacts = {
		consensusMet,
		stabilityMet,
		roundCapMet,
		minSStar,
		changePP,
		unmeasurable:
			stabilityMet !== null
				? null
				: roundNumber === 1
					? 'first-round'
					: analysis.globalWeights
						? 'previous-round'
						: 'this-round',
		roundNumber
	};
	const stop = (consensusMet && stabilityMet === true) || roundCapMet;
	return { ...facts, stop, reason: stoppingReason(facts, rule, 'en') };
}

type ResponseRow = {
	id: string;
	panelistId: string;
	state: 'draft' | 'submitted';
	revision: number;
	updatedAt: Date;
	submittedAt: Date | null;
};

/** A round's responses in pseudonym order, with how many pairs each has answered (one grouped query). */
function roundResponses(tx: Tx, roundId: string) {
	// In pseudonym order, as panel.ts loads the panel: the same experts in the same order give
	// bit-identical group figures everywhere (a geometric mean's rounding depends on the order).
	const rs = tx
		.select({
			id: responses.id,
			panelistId: responses.panelistId,
			state: responses.state,
			revision: responses.revision,
			updatedAt: responses.updatedAt,
			submittedAt: responses.submittedAt
		})
		.from(responses)
		.innerJoin(panelists, eq(panelists.id, responses.panelistId))
		.where(eq(responses.roundId, roundId))
		.orderBy(asc(panelists.pseudonym))
		.all() as ResponseRow[];
	const answered = new Map(
		tx
			.select({ id: judgments.responseId, n: count() })
			.from(judgments)
			.innerJoin(responses, eq(responses.id, judgments.responseId))
			.where(eq(responses.roundId, roundId))
			.groupBy(judgments.responseId)
			.all()
			.map((r) => [r.id, r.n])
	);
	return { responses: rs, answered };
}

/** Each response's answers (pair key → position), for the responses named. */
function answersOf(tx: Tx, ids: string[]) {
	const answers = new Map(ids.map((id) => [id, new Map<string, number | null>()]));
	if (!ids.length) return answers;
	for (const j of tx.select().from(judgments).where(inArray(judgments.responseId, ids)).all())
		answers.get(j.responseId)!.set(pairKey(j.node, j.itemA, j.itemB), j.position);
	return answers;
}

const matricesOf = (nodes: SurveyNode[], a: ReadonlyMap<string, number | null>) =>
	Object.fromEntries(
		nodes
			.filter((n) => n.pairs.some(([x, y]) => a.has(pairKey(n.key, x, y))))
			.map((n) => [n.key, nodeMatrix(n, a)])
	);

/**
 * Computed figures, kept by what they depend on. The group's figures depend only on the round's
 * submitted responses (final: the database refuses to change them), the seats' weights and
 * exclusions, the method settings and the previous round's figures — so a draft save, which changes
 * none of these, reuses them, and a submission, exclusion, weight, setting or round change (all part
 * of the key) computes them afresh. A draft is analysed alone, kept by its response and revision.
 */
const groupCache = new Map<string, RoundAnalysis>();
const draftCache = new Map<string, RoundAnalysis['experts'][number]>();
/** Forgets every computed figure (tests compare cached figures with fresh ones). */
export function clearFigureCaches(): void {
	groupCache.clear();
	draftCache.clear();
}
function remember<V>(cache: Map<string, V>, key: string, value: V, limit = 256): V {
	if (cache.size >= limit) cache.delete(cache.keys().next().value!);
	cache.set(key, deepFreeze(value)); // shared by every later view: nobody may change it
	return value;
}
function deepFreeze<V>(v: V): V {
	if (v && typeof v === 'object' && !Object.isFrozen(v)) {
		Object.freeze(v);
		for (const x of Object.values(v)) deepFreeze(x);
	}
	return v;
}

/** analyzeRound over one round: submitted and included experts make the group, drafts are analysed alone. */
export function analyseStudyRound(
	tx: Tx,
	opts: {
		studyId: string;
		round: Round;
		nodes: SurveyNode[];
		settings: StudySettings;
		previous?: { key: string; analysis: RoundAnalysis } | null;
	}
) {
	const seats = tx.select().from(panelists).where(eq(panelists.studyId, opts.studyId)).all();
	const { responses: rs, answered } = roundResponses(tx, opts.round.id);
	const seatOf = new Map(seats.map((s) => [s.id, s]));
	const hierarchy = hierarchyOf(opts.nodes);
	// No page shows an expert's hints from here (the questionnaire computes its own): skip them.
	const options = { ...roundOptions(opts.settings), hints: 'none' as const };
	const submitted = rs.filter((r) => r.state === 'submitted');
	const method = JSON.stringify([
		opts.nodes.map((n) => [n.key, n.items.map((i) => i.id)]),
		options
	]);
	const key = JSON.stringify([
		opts.round.id,
		method,
		submitted.map((r) => {
			const seat = seatOf.get(r.panelistId)!;
			return [r.id, r.revision, seat.weight, seat.excluded];
		}),
		opts.previous?.key ?? null
	]);
	let group = groupCache.get(key);
	if (!group) {
		const answers = answersOf(
			tx,
			submitted.map((r) => r.id)
		);
		group = remember(
			groupCache,
			key,
			analyzeRound(
				{
					hierarchy,
					experts: submitted.map((r) => {
						const seat = seatOf.get(r.panelistId)!;
						return {
							expertId: r.panelistId,
							weight: seat.weight,
							// The group is the round's panel as panel.ts defines it: submitted, included, weight > 0.
							excluded: seat.excluded || !(seat.weight > 0),
							matrices: matricesOf(opts.nodes, answers.get(r.id)!)
						};
					}),
					options
				},
				opts.previous?.analysis ?? null
			)
		);
	}
	// Drafts: each analysed alone (never part of the group), kept by response and revision.
	const draftKey = (r: ResponseRow) => JSON.stringify([r.id, r.revision, method]);
	const missing = rs.filter((r) => r.state !== 'submitted' && !draftCache.has(draftKey(r)));
	const draftAnswers = answersOf(
		tx,
		missing.map((r) => r.id)
	);
	for (const r of missing) {
		const alone = analyzeRound({
			hierarchy,
			experts: [
				{
					expertId: r.panelistId,
					excluded: true,
					matrices: matricesOf(opts.nodes, draftAnswers.get(r.id)!)
				}
			],
			options
		}).experts[0];
		remember(draftCache, draftKey(r), alone, 4096);
	}
	const fromGroup = new Map(group.experts.map((e) => [e.expertId, e]));
	const analysis: RoundAnalysis = {
		...group,
		experts: rs.map((r) =>
			r.state === 'submitted' ? fromGroup.get(r.panelistId)! : draftCache.get(draftKey(r))!
		)
	};
	return { analysis, key, responses: rs, answered, seats };
}

/** Everything the cockpit page needs for one round (the current one unless another is named). */
export function cockpitData(tx: Tx, studyId: string, roundNumber?: number) {
	const study = tx.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!study) return null;
	const settings = studySettingsSchema.parse(study.settings);
	const nodes = studyNodes(tx, studyId);
	const allRounds = tx
		.select()
		.from(rounds)
		.where(eq(rounds.studyId, studyId))
		.orderBy(asc(rounds.number))
		.all();
	const shown = allRounds.filter((r) => r.state !== 'draft');
	const round = roundNumber
		? (shown.find((r) => r.number === roundNumber) ?? null)
		: (shown.at(-1) ?? null);
	// Pseudonyms in their natural order: A … Z, AA, AB … (not A, AA … AF, B).
	const allSeats = tx
		.select()
		.from(panelists)
		.where(eq(panelists.studyId, studyId))
		.all()
		.sort(
			(a, b) => a.pseudonym.length - b.pseudonym.length || a.pseudonym.localeCompare(b.pseudonym)
		);
	if (!round)
		return { study, settings, nodes, rounds: allRounds, round: null, seats: allSeats } as const;
	// A closed round's panel is the one recorded when it closed: its counts never change afterwards.
	const recorded =
		round.state === 'closed'
			? new Set(
					tx
						.select({ p: roundPanel.panelistId })
						.from(roundPanel)
						.where(eq(roundPanel.roundId, round.id))
						.all()
						.map((r) => r.p)
				)
			: null;
	// (A round closed outside the app, with nothing recorded, falls back to the current seats.)
	const seats = recorded?.size ? allSeats.filter((s) => recorded.has(s.id)) : allSeats;

	// Analyse every earlier round in order, so that stability and the weights-over-rounds line exist.
	const history: { number: number; analysis: RoundAnalysis }[] = [];
	let previous: { key: string; analysis: RoundAnalysis } | null = null;
	let current: ReturnType<typeof analyseStudyRound> | null = null;
	for (const r of shown.filter((r) => r.number <= round.number)) {
		const result = analyseStudyRound(tx, { studyId, round: r, nodes, settings, previous });
		history.push({ number: r.number, analysis: result.analysis });
		previous = { key: result.key, analysis: result.analysis };
		current = result;
	}
	const { analysis, responses: rs, answered: answeredOf } = current!;
	const byPanelist = new Map(rs.map((r) => [r.panelistId, r]));
	const experts = seats.map((seat) => {
		const r = byPanelist.get(seat.id) ?? null;
		const ea = analysis.experts.find((e) => e.expertId === seat.id) ?? null;
		const answered = r ? (answeredOf.get(r.id) ?? 0) : 0;
		const distance =
			ea?.globalWeights && analysis.globalWeights
				? (100 *
						ea.globalWeights.reduce((s, w, i) => s + Math.abs(w - analysis.globalWeights![i]), 0)) /
					ea.globalWeights.length
				: null;
		return {
			id: seat.id,
			pseudonym: seat.pseudonym,
			name: seat.name,
			email: seat.email,
			region: seat.region || '—',
			expertise: seat.expertise || '—',
			weight: seat.weight,
			excluded: seat.excluded,
			seatState: seat.state,
			status:
				r?.state === 'submitted'
					? ('submitted' as const)
					: r && answered > 0 && r.revision === 0
						? ('carried over' as const)
						: r && answered > 0
							? ('started' as const)
							: seat.state === 'active'
								? ('not started' as const)
								: ('invited' as const),
			answered,
			lastActivity: r?.updatedAt ?? null,
			cr: Object.fromEntries(nodes.map((n) => [n.key, ea?.nodes[n.key]?.consistency?.cr ?? null])),
			distancePP: distance,
			globalWeights: ea?.globalWeights ?? null
		};
	});
	const total = nodes.reduce((s, n) => s + n.pairs.length, 0);
	const group = (key: (e: (typeof experts)[number]) => string) => {
		const out = new Map<string, { invited: number; started: number; submitted: number }>();
		for (const e of experts) {
			const k = key(e);
			const g = out.get(k) ?? { invited: 0, started: 0, submitted: 0 };
			g.invited++;
			if (e.status === 'started' || e.status === 'submitted') g.started++;
			if (e.status === 'submitted') g.submitted++;
			out.set(k, g);
		}
		return [...out]
			.map(([label, v]) => ({ label, ...v }))
			.sort((a, b) => a.label.localeCompare(b.label));
	};
	const commentRows = rs.length
		? tx
				.select()
				.from(comments)
				.where(
					inArray(
						comments.responseId,
						rs.map((r) => r.id)
					)
				)
				.orderBy(desc(comments.updatedAt))
				.all()
		: [];
	const pseudonymOfResponse = new Map(
		rs.map((r) => [r.id, seats.find((s) => s.id === r.panelistId)!.pseudonym])
	);
	return {
		study,
		settings,
		nodes,
		rounds: allRounds,
		round,
		seats,
		total,
		analysis,
		history,
		stopping: evaluateStoppingRule(settings, analysis, round.number),
		spread: panelSpread(
			analysis,
			experts,
			nodes.map((n) => n.key),
			settings
		),
		progress: {
			invited: experts.length,
			started: experts.filter((e) => e.status === 'started' || e.status === 'submitted').length,
			submitted: experts.filter((e) => e.status === 'submitted').length,
			byRegion: group((e) => e.region),
			byExpertise: group((e) => e.expertise)
		},
		experts,
		rationales: commentRows.map((c) => ({
			id: c.id,
			node: c.node,
			pair: c.itemA ? [c.itemA, c.itemB!] : null,
			pseudonym: pseudonymOfResponse.get(c.responseId) ?? '?',
			body: c.body,
			hidden: c.hiddenAt !== null,
			hiddenReason: c.hiddenReason
		}))
	} as const;
}
export type CockpitData = NonNullable<ReturnType<typeof cockpitData>>;

export function listRoundsWithState(tx: Tx, studyId: string) {
	return tx
		.select()
		.from(rounds)
		.where(and(eq(rounds.studyId, studyId)))
		.orderBy(asc(rounds.number))
		.all();
}

/**
 * What the monitor page needs of a round's figures, and nothing more: the page is re-read every 10 s
 * by each coordinator, so every field sent is serialised, sent and parsed again (the full analysis —
 * each expert's matrices' figures, every answer's position — was four fifths of the page).
 */
export function cockpitView(d: CockpitData) {
	if (!('analysis' in d) || !d.round) return null;
	const a = d.analysis;
	return {
		settings: d.settings,
		nodes: d.nodes,
		rounds: d.rounds,
		round: d.round,
		total: d.total,
		stopping: d.stopping,
		progress: d.progress,
		spread: d.spread,
		rationales: d.rationales,
		experts: d.experts.map(({ globalWeights: _w, ...e }) => e),
		analysis: {
			indicators: a.indicators,
			globalWeights: a.globalWeights,
			pillarWeights: a.pillarWeights,
			kendall: a.kendall,
			/** The included experts' global weights (the chart's dots). */
			expertWeights: a.experts
				.filter((e) => e.included && e.globalWeights)
				.map((e) => e.globalWeights!),
			nodes: Object.fromEntries(
				Object.entries(a.nodes).map(([key, n]) => [
					key,
					{
						respondents: n.respondents,
						sStar: n.consensus?.sStar ?? null,
						consensusLabel: n.consensus?.label ?? null,
						groupCr: n.groupConsistency?.cr ?? null,
						shareAcceptable: n.shareAcceptable,
						pairs: n.pairs.map((p) => ({
							i: p.i,
							j: p.j,
							answers: p.positions.length,
							quartiles: p.quartiles,
							group: p.group
						}))
					}
				])
			)
		},
		history: d.history.map((h) => ({ number: h.number, globalWeights: h.analysis.globalWeights }))
	};
}
