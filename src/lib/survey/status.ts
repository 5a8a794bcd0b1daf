/**
 * A node's status as an expert sees it and as the server decides it — answered, connected, CR,
 * acceptable — and the submission rule. One function each: the questionnaire shows exactly what the
 * server will accept.
 */
import {
	consistency,
	inconsistentJudgments,
	roundPriorities,
	unreachableItems,
	type InconsistentJudgment
} from '../ahp/index';
import { answerOf, isAnswered, nodeMatrix, type Answers } from './matrices';
import { consistencyOptions, isAcceptableCR, type MethodSettings } from './method';
import { pairKey, type SurveyNode } from './nodes';

export type NodeStatus = {
	key: string;
	total: number;
	answered: number;
	/** Every item linked by judgements (the weights are then determined). */
	connected: boolean;
	/** CR when connected (0 for one or two items), else null. */
	cr: number | null;
	acceptable: boolean | null;
	/** Some pairs were filled in for CR: "no opinion" or not yet answered. */
	completed: { noOpinion: number; unanswered: number } | null;
	weights: number[] | null;
};

/** Status of one node from the answers; `hints` adds the three most inconsistent judgements. */
export function nodeStatus(
	node: SurveyNode,
	answers: Answers,
	settings: MethodSettings
): NodeStatus {
	const answered = node.pairs.filter(([a, b]) => isAnswered(answers, pairKey(node.key, a, b)));
	const noOpinion = answered.filter(
		([a, b]) => answerOf(answers, pairKey(node.key, a, b)) === null
	).length;
	const m = nodeMatrix(node, answers);
	const connected = node.items.length < 2 || unreachableItems(m).length === 0;
	const base = { key: node.key, total: node.pairs.length, answered: answered.length, connected };
	if (!connected) return { ...base, cr: null, acceptable: null, completed: null, weights: null };
	const unanswered = node.pairs.length - answered.length;
	const completed = noOpinion + unanswered > 0 ? { noOpinion, unanswered } : null;
	const weights = roundPriorities(m, settings.priorityMethod);
	if (node.items.length <= 2) return { ...base, cr: 0, acceptable: true, completed, weights };
	const c = consistency(m, consistencyOptions(settings));
	return { ...base, cr: c.cr, acceptable: isAcceptableCR(c.cr, settings), completed, weights };
}

/** The three judgements that most raise the CR, with the value that would be consistent. */
export function nodeHints(
	node: SurveyNode,
	answers: Answers,
	settings: Pick<MethodSettings, 'randomIndex'>
): InconsistentJudgment[] {
	return inconsistentJudgments(nodeMatrix(node, answers), {
		count: 3,
		randomIndex: settings.randomIndex
	});
}

export type SubmitProblems = {
	incomplete: string[];
	disconnected: string[];
	highCr: string[];
	missingNodeRationale: string[];
	missingPairRationale: string[];
};

export type SubmissionInput = {
	nodes: readonly SurveyNode[];
	answers: Answers;
	settings: MethodSettings & { rationaleAboveThreshold: boolean; rationaleOutsideBand: boolean };
	/** Whether the expert wrote a rationale for a node / for a pair (by pairKey). */
	hasNodeRationale: (node: string) => boolean;
	hasPairRationale: (key: string) => boolean;
	/** The previous round's panel band per pair (type-7 quartiles on scale positions), where shown. */
	bands: Readonly<Record<string, { q1: number | null; q3: number | null }>>;
};

/**
 * The submission rule: every pair answered ("no opinion" counts while the node stays connected); a
 * node above the CR threshold needs the expert's confirmation — and a rationale when the study asks;
 * from round 2, an answer outside the panel's middle half needs a rationale when the study asks.
 */
export function submissionProblems(o: SubmissionInput): {
	problems: SubmitProblems;
	statuses: NodeStatus[];
	/** Problems that block submission outright (all but high CR, which the expert may confirm). */
	blocking: number;
} {
	const statuses = o.nodes.map((n) => nodeStatus(n, o.answers, o.settings));
	const problems: SubmitProblems = {
		incomplete: statuses.filter((s) => s.answered < s.total).map((s) => s.key),
		disconnected: statuses.filter((s) => s.answered === s.total && !s.connected).map((s) => s.key),
		highCr: statuses.filter((s) => s.acceptable === false).map((s) => s.key),
		missingNodeRationale: [],
		missingPairRationale: []
	};
	if (o.settings.rationaleAboveThreshold)
		problems.missingNodeRationale = problems.highCr.filter((k) => !o.hasNodeRationale(k));
	if (o.settings.rationaleOutsideBand)
		problems.missingPairRationale = outsideBand(o.answers, o.bands).filter(
			(k) => !o.hasPairRationale(k)
		);
	const blocking =
		problems.incomplete.length +
		problems.disconnected.length +
		problems.missingNodeRationale.length +
		problems.missingPairRationale.length;
	return { problems, statuses, blocking };
}

/** Pairs whose answer lies outside the previous round's band (strictly below q1 or above q3). */
export function outsideBand(
	answers: Answers,
	bands: Readonly<Record<string, { q1: number | null; q3: number | null }>>
): string[] {
	return Object.entries(bands)
		.filter(([key, b]) => {
			const p = answerOf(answers, key);
			return b.q1 !== null && b.q3 !== null && typeof p === 'number' && (p < b.q1 || p > b.q3);
		})
		.map(([key]) => key);
}
