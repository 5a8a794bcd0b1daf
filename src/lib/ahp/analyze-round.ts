import { aggregatePriorities, aggregateValidated } from './aggregate';
import { completeMatrix } from './completion';
import { consensus, type ConsensusResult } from './consensus';
import { consistencyOfComplete, DEFAULT_CR_THRESHOLD, type ConsistencyResult } from './consistency';
import { perron } from './eigen';
import { globalWeights } from './hierarchy';
import { rankInconsistent, type InconsistentJudgment } from './inconsistent';
import { kendallW, type KendallResult } from './kendall';
import {
	assertWeights,
	countJudgments,
	isComplete,
	normaliseMatrix,
	unreachableItems
} from './matrix';
import { geometricMeanVector } from './priorities';
import { DEFAULT_RANDOM_INDEX } from './random-index';
import { SCALE_MAX, valueToPosition } from './scale';
import { quartilesOfSorted, type Quartiles } from './stats';
import type { PairwiseMatrix, PriorityMethod, RandomIndexTable } from './types';

/** A node of the hierarchy: the items compared under it (pillar ids at the goal, indicator ids in a pillar). */
export type HierarchyNode = { id: string; items: readonly string[] };
/** Goal → pillars → indicators: `goal.items[k]` is the id of `pillars[k]`. */
export type Hierarchy = { goal: HierarchyNode; pillars: readonly HierarchyNode[] };

export type ExpertRoundInput = {
	expertId: string;
	/** Relative weight in the group (default 1). */
	weight?: number;
	/** Left out of every group figure (still analysed individually). */
	excluded?: boolean;
	/** One matrix per node id, ordered as the node's items; a node not answered at all is absent. */
	matrices: Readonly<Record<string, PairwiseMatrix>>;
};

export type RoundOptions = {
	randomIndex?: RandomIndexTable;
	threshold?: number;
	/** Group priorities from the aggregated judgements (AIJ, default) or aggregated priorities (AIP). */
	aggregation?: 'aij' | 'aip';
	priorityMethod?: PriorityMethod;
	scaleMax?: number;
	/** How many inconsistent judgements to report per expert and node (default 3). */
	inconsistentCount?: number;
	/**
	 * Which expert nodes get their inconsistent judgements ranked (each costs three more eigenproblems,
	 * or three λ-min completions when the matrix is incomplete): only those whose CR is above the
	 * threshold (default, the ones whose hints anyone reads), every node with CR > 0, or none.
	 */
	hints?: 'above-threshold' | 'all' | 'none';
	/** Fewest answers a pair needs before its quartiles are shown (default 5). */
	minAnswersForQuartiles?: number;
};

export type ExpertNodeAnalysis = {
	answered: number;
	/** False when the node's comparison graph is not connected: no priorities can be derived yet. */
	usable: boolean;
	priorities: number[] | null;
	consistency: ConsistencyResult | null;
	inconsistent: InconsistentJudgment[];
};

export type PairStatistics = {
	i: number;
	j: number;
	/** Scale positions (−8 … 8) of the experts who answered this pair. */
	positions: number[];
	quartiles: Quartiles | null;
	/** The group's (AIJ) judgement, or null when nobody answered. */
	group: number | null;
};

export type NodeAnalysis = {
	id: string;
	items: readonly string[];
	/** Included experts with a usable answer for this node. */
	respondents: number;
	groupMatrix: (number | null)[][];
	groupPriorities: number[] | null;
	groupConsistency: ConsistencyResult | null;
	consensus: ConsensusResult | null;
	pairs: PairStatistics[];
	/** Share of respondents whose CR is acceptable. */
	shareAcceptable: number | null;
};

export type RoundAnalysis = {
	options: Required<Omit<RoundOptions, 'inconsistentCount' | 'minAnswersForQuartiles' | 'hints'>>;
	experts: {
		expertId: string;
		included: boolean;
		nodes: Record<string, ExpertNodeAnalysis | null>;
		/** Global indicator weights when every node is usable, else null. */
		globalWeights: number[] | null;
	}[];
	nodes: Record<string, NodeAnalysis>;
	/** Indicator ids in global order (pillar by pillar). */
	indicators: string[];
	pillarWeights: number[] | null;
	globalWeights: number[] | null;
	/** Kendall's W over the included experts' rankings of the indicators by global weight. */
	kendall: KendallResult | null;
	/** Per indicator, the coefficient of variation of the included experts' global weights. */
	weightCV: (number | null)[] | null;
	stability: {
		meanAbsoluteChangePP: number;
		changesPP: number[];
		cvChange: (number | null)[];
	} | null;
};

function analyseExpertNode(
	raw: (number | null)[][],
	n: number,
	o: Required<RoundOptions>
): ExpertNodeAnalysis {
	if (raw.length !== n)
		throw new Error(`expected a ${n}×${n} matrix, got ${raw.length}×${raw.length}`);
	const answered = countJudgments(raw);
	// raw is reciprocal (normaliseMatrix), so every pair answered above the diagonal means complete.
	const wasIncomplete = answered < (n * (n - 1)) / 2;
	if (wasIncomplete && n > 1 && unreachableItems(raw).length > 0)
		return { answered, usable: false, priorities: null, consistency: null, inconsistent: [] };
	const a = wasIncomplete ? completeMatrix(raw) : (raw as number[][]);
	const eig = perron(a);
	const priorities = o.priorityMethod === 'eigenvector' ? eig.vector : geometricMeanVector(a);
	const c = consistencyOfComplete(a, o.randomIndex, o.threshold, wasIncomplete, eig.lambda);
	const wanted = o.hints === 'all' ? c.cr > 0 : o.hints === 'above-threshold' && !c.acceptable;
	const inconsistent = wanted
		? rankInconsistent(raw, eig.vector, o.inconsistentCount, o.randomIndex)
		: [];
	return { answered, usable: true, priorities, consistency: c, inconsistent };
}

function coefficientOfVariation(xs: readonly number[]): number | null {
	if (xs.length < 2) return null;
	const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
	if (mean === 0) return null;
	const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
	return sd / mean;
}

/**
 * Everything a Delphi round needs in one call: per expert and node the priorities, CR, GCI and the
 * most inconsistent judgements; per node the group (AIJ) matrix and priorities with expert weights and
 * exclusions, the group CR, S*, and each pair's quartiles on the scale positions; the global weights;
 * Kendall's W over the experts' indicator rankings; and, given the previous round's analysis, the
 * stability (mean absolute change of the global weights, percentage points).
 */
export function analyzeRound(
	input: { hierarchy: Hierarchy; experts: readonly ExpertRoundInput[]; options?: RoundOptions },
	previous?: RoundAnalysis | null
): RoundAnalysis {
	const { hierarchy, experts } = input;
	const o: Required<RoundOptions> = {
		randomIndex: input.options?.randomIndex ?? DEFAULT_RANDOM_INDEX,
		threshold: input.options?.threshold ?? DEFAULT_CR_THRESHOLD,
		aggregation: input.options?.aggregation ?? 'aij',
		priorityMethod: input.options?.priorityMethod ?? 'eigenvector',
		scaleMax: input.options?.scaleMax ?? SCALE_MAX,
		inconsistentCount: input.options?.inconsistentCount ?? 3,
		hints: input.options?.hints ?? 'above-threshold',
		minAnswersForQuartiles: input.options?.minAnswersForQuartiles ?? 5
	};
	if (hierarchy.goal.items.length !== hierarchy.pillars.length) {
		throw new Error(
			`the goal compares ${hierarchy.goal.items.length} items but the hierarchy has ${hierarchy.pillars.length} pillars`
		);
	}
	hierarchy.pillars.forEach((p, k) => {
		if (hierarchy.goal.items[k] !== p.id)
			throw new Error(
				`goal item ${k} is "${hierarchy.goal.items[k]}" but pillar ${k} is "${p.id}"`
			);
	});
	const nodes: HierarchyNode[] = [hierarchy.goal, ...hierarchy.pillars];
	const ids = new Set<string>();
	for (const e of experts) {
		if (ids.has(e.expertId)) throw new Error(`expert "${e.expertId}" appears twice`);
		ids.add(e.expertId);
	}

	const expertResults = experts.map((e) => {
		const perNode: Record<string, ExpertNodeAnalysis | null> = {};
		// Each matrix validated and copied once; the node figures below reuse it.
		const raw: Record<string, (number | null)[][]> = {};
		for (const node of nodes) {
			const m = e.matrices[node.id];
			if (m) raw[node.id] = normaliseMatrix(m);
			perNode[node.id] = m ? analyseExpertNode(raw[node.id], node.items.length, o) : null;
		}
		const all = nodes.every((nd) => perNode[nd.id]?.priorities);
		const gw = all
			? globalWeights(
					perNode[hierarchy.goal.id]!.priorities!,
					hierarchy.pillars.map((p) => perNode[p.id]!.priorities!)
				)
			: null;
		return {
			expertId: e.expertId,
			included: !e.excluded && (e.weight ?? 1) > 0,
			nodes: perNode,
			globalWeights: gw,
			weight: e.weight ?? 1,
			raw
		};
	});

	const nodeResults: Record<string, NodeAnalysis> = {};
	for (const node of nodes) {
		const n = node.items.length;
		const members = expertResults
			.map((r) => ({ r, m: r.raw[node.id] }))
			.filter(({ r, m }) => r.included && m && r.nodes[node.id]?.usable);
		const pairs: PairStatistics[] = [];
		let groupMatrix: (number | null)[][] = Array.from({ length: n }, (_, i) =>
			Array.from({ length: n }, (_, j) => (i === j ? 1 : null))
		);
		let groupPriorities: number[] | null = null;
		let groupConsistency: ConsistencyResult | null = null;
		let cons: ConsensusResult | null = null;
		if (members.length > 0) {
			const mats = members.map(({ m }) => m!);
			const weights = members.map(({ r }) => r.weight);
			groupMatrix = aggregateValidated(mats, assertWeights(weights, mats.length, 'expert weights'));
			if (unreachableItems(groupMatrix).length === 0) {
				const full = isComplete(groupMatrix)
					? (groupMatrix as number[][])
					: completeMatrix(groupMatrix);
				const eig = perron(full);
				groupConsistency = consistencyOfComplete(
					full,
					o.randomIndex,
					o.threshold,
					!isComplete(groupMatrix),
					eig.lambda
				);
				groupPriorities =
					o.aggregation === 'aip'
						? aggregatePriorities(
								members.map(({ r }) => r.nodes[node.id]!.priorities!),
								{ mean: 'geometric', expertWeights: weights }
							)
						: o.priorityMethod === 'eigenvector'
							? eig.vector
							: geometricMeanVector(full);
			}
			if (n >= 2)
				cons = consensus(
					members.map(({ r }) => r.nodes[node.id]!.priorities!),
					{ scaleMax: o.scaleMax }
				);
			for (let i = 0; i < n; i++) {
				for (let j = i + 1; j < n; j++) {
					const positions: number[] = [];
					for (const a of mats) {
						const v = a[i][j];
						if (v !== null) positions.push(valueToPosition(v));
					}
					// Scale positions are small integers: an insertion-sorted copy is the cheapest order.
					const sorted = positions.slice();
					for (let q = 1; q < sorted.length; q++) {
						const x = sorted[q];
						let r = q - 1;
						while (r >= 0 && sorted[r] > x) sorted[r + 1] = sorted[r--];
						sorted[r + 1] = x;
					}
					pairs.push({
						i,
						j,
						positions,
						quartiles:
							positions.length >= o.minAnswersForQuartiles ? quartilesOfSorted(sorted) : null,
						group: groupMatrix[i][j]
					});
				}
			}
		}
		const crs = members.map(({ r }) => r.nodes[node.id]!.consistency!);
		nodeResults[node.id] = {
			id: node.id,
			items: node.items,
			respondents: members.length,
			groupMatrix,
			groupPriorities,
			groupConsistency,
			consensus: cons,
			pairs,
			shareAcceptable: crs.length ? crs.filter((c) => c.acceptable).length / crs.length : null
		};
	}

	const indicators = hierarchy.pillars.flatMap((p) => [...p.items]);
	const pillarWeights = nodeResults[hierarchy.goal.id].groupPriorities;
	const locals = hierarchy.pillars.map((p) => nodeResults[p.id].groupPriorities);
	const gw =
		pillarWeights && locals.every((l) => l)
			? globalWeights(pillarWeights, locals as number[][])
			: null;

	const complete = expertResults.filter((r) => r.included && r.globalWeights);
	let kendall: KendallResult | null = null;
	if (complete.length >= 2 && indicators.length >= 2) {
		const ratings = indicators.map((_, i) => complete.map((r) => r.globalWeights![i]));
		try {
			kendall = kendallW(ratings);
		} catch {
			kendall = null; // every expert tied every indicator: no ranking to agree on
		}
	}
	const weightCV =
		complete.length >= 2
			? indicators.map((_, i) => coefficientOfVariation(complete.map((r) => r.globalWeights![i])))
			: null;

	let stability: RoundAnalysis['stability'] = null;
	if (previous?.globalWeights && gw) {
		if (previous.indicators.join('\u0000') !== indicators.join('\u0000'))
			throw new Error('the previous round has a different set of indicators');
		const changesPP = gw.map((w, i) => 100 * Math.abs(w - previous.globalWeights![i]));
		stability = {
			meanAbsoluteChangePP: changesPP.reduce((s, x) => s + x, 0) / changesPP.length,
			changesPP,
			cvChange: indicators.map((_, i) => {
				const now = weightCV?.[i];
				const before = previous.weightCV?.[i];
				return now === null || now === undefined || before === null || before === undefined
					? null
					: now - before;
			})
		};
	}

	return {
		options: {
			randomIndex: o.randomIndex,
			threshold: o.threshold,
			aggregation: o.aggregation,
			priorityMethod: o.priorityMethod,
			scaleMax: o.scaleMax
		},
		experts: expertResults.map(({ expertId, included, nodes: ns, globalWeights: g }) => ({
			expertId,
			included,
			nodes: ns,
			globalWeights: g
		})),
		nodes: nodeResults,
		indicators,
		pillarWeights,
		globalWeights: gw,
		kendall,
		weightCV,
		stability
	};
}
