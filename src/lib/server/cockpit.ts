/**
 * What the coordinator's cockpit shows for a round — every figure from analyzeRound (src/lib/ahp):
 * progress, consistency, consensus, group weights with each expert's spread, the stopping rule, the
 * experts table and the rationales. Group figures use submitted, included experts; drafts are
 * analysed individually so the coordinator can see who is struggling before they submit.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
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
	surveyNodes,
	panelSpread,
	type SurveyNode
} from '../survey/index';
import { getFramework } from './studies';

export type StoppingStatus = {
	consensusMet: boolean;
	stabilityMet: boolean | null;
	roundCapMet: boolean;
	stop: boolean;
	/** Which clause holds, in words. */
	reason: string;
	/** The stability clause in words (why it cannot be measured, when it cannot). */
	stabilityText: string;
	minSStar: number | null;
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
	const stabilityMet = analysis.stability
		? analysis.stability.meanAbsoluteChangePP < rule.maxStabilityPP
		: null;
	const roundCapMet = roundNumber >= rule.maxRounds;
	const unmeasurable =
		roundNumber === 1
			? 'not measurable in round 1'
			: analysis.globalWeights
				? `not measurable: round ${roundNumber - 1} has no group weights`
				: `not measurable yet: round ${roundNumber} has no group weights until experts submit`;
	const stabilityText =
		stabilityMet === null
			? unmeasurable
			: `${stabilityMet ? 'yes' : 'no'} (${analysis.stability!.meanAbsoluteChangePP.toFixed(2)} pp)`;
	const stop = (consensusMet && stabilityMet === true) || roundCapMet;
	const reason =
		consensusMet && stabilityMet
			? `Consensus and stability reached: S* ≥ ${rule.minSStar} on every node and the weights moved less than ${rule.maxStabilityPP} pp.`
			: roundCapMet
				? `Round cap reached: this is round ${roundNumber} of at most ${rule.maxRounds}.`
				: consensusMet
					? stabilityMet === null
						? `S* ≥ ${rule.minSStar} on every node; stability is ${unmeasurable}.`
						: `S* ≥ ${rule.minSStar} on every node, but the weights still moved ${analysis.stability!.meanAbsoluteChangePP.toFixed(2)} pp (≥ ${rule.maxStabilityPP}).`
					: `Not yet: the lowest S* is ${minSStar === null ? 'not available' : minSStar.toFixed(3)} (needs ≥ ${rule.minSStar}).`;
	return { consensusMet, stabilityMet, roundCapMet, stop, reason, stabilityText, minSStar };
}

type ResponseRow = {
	id: string;
	panelistId: string;
	state: 'draft' | 'submitted';
	revision: number;
	updatedAt: Date;
	submittedAt: Date | null;
};

function roundInputs(tx: Tx, nodes: SurveyNode[], roundId: string) {
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
	const js = rs.length
		? tx
				.select()
				.from(judgments)
				.where(
					inArray(
						judgments.responseId,
						rs.map((r) => r.id)
					)
				)
				.all()
		: [];
	const answers = new Map(rs.map((r) => [r.id, new Map<string, number | null>()]));
	for (const j of js) answers.get(j.responseId)!.set(pairKey(j.node, j.itemA, j.itemB), j.position);
	return { responses: rs, answers };
}

/** analyzeRound over one round: submitted and included experts make the group, drafts are analysed alone. */
export function analyseStudyRound(
	tx: Tx,
	opts: {
		studyId: string;
		round: Round;
		nodes: SurveyNode[];
		settings: StudySettings;
		previous?: RoundAnalysis | null;
	}
) {
	const seats = tx.select().from(panelists).where(eq(panelists.studyId, opts.studyId)).all();
	const { responses: rs, answers } = roundInputs(tx, opts.nodes, opts.round.id);
	const seatOf = new Map(seats.map((s) => [s.id, s]));
	const analysis = analyzeRound(
		{
			hierarchy: hierarchyOf(opts.nodes),
			experts: rs.map((r) => {
				const seat = seatOf.get(r.panelistId)!;
				const a = answers.get(r.id)!;
				return {
					expertId: r.panelistId,
					weight: seat.weight,
					// The group is the round's panel as panel.ts defines it: submitted, included, weight > 0.
					excluded: seat.excluded || r.state !== 'submitted' || !(seat.weight > 0),
					matrices: Object.fromEntries(
						opts.nodes
							.filter((n) => n.pairs.some(([x, y]) => a.has(pairKey(n.key, x, y))))
							.map((n) => [n.key, nodeMatrix(n, a)])
					)
				};
			}),
			// No page shows an expert's hints from here (the questionnaire computes its own): skip them.
			options: { ...roundOptions(opts.settings), hints: 'none' }
		},
		opts.previous ?? null
	);
	return { analysis, responses: rs, answers, seats };
}

/** Everything the cockpit page needs for one round (the current one unless another is named). */
export function cockpitData(tx: Tx, studyId: string, roundNumber?: number) {
	const study = tx.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!study) return null;
	const settings = studySettingsSchema.parse(study.settings);
	const nodes = surveyNodes(getFramework(tx, studyId));
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
	let previous: RoundAnalysis | null = null;
	let current: ReturnType<typeof analyseStudyRound> | null = null;
	for (const r of shown.filter((r) => r.number <= round.number)) {
		const result = analyseStudyRound(tx, { studyId, round: r, nodes, settings, previous });
		history.push({ number: r.number, analysis: result.analysis });
		previous = result.analysis;
		current = result;
	}
	const { analysis, responses: rs, answers } = current!;
	const byPanelist = new Map(rs.map((r) => [r.panelistId, r]));
	const experts = seats.map((seat) => {
		const r = byPanelist.get(seat.id) ?? null;
		const ea = analysis.experts.find((e) => e.expertId === seat.id) ?? null;
		const answered = r ? answers.get(r.id)!.size : 0;
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
