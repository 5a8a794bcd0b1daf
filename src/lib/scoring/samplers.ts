/**
 * The weight sets a Monte Carlo draws from, both seeded so that a figure in a report can be
 * reproduced (OECD/JRC Handbook 2008, §7: "which expert" as an uncertain input):
 * - expert bootstrap: resample the experts with replacement, aggregate their judgements (AIJ, weights
 *   = how often each was drawn), derive the global weights;
 * - weight noise: multiply each weight by (1 + U(−f, f)) and renormalise.
 */
import {
	aggregateJudgments,
	aggregatePriorities,
	completeMatrix,
	geometricMeanVector,
	globalWeights,
	isComplete,
	normaliseMatrix,
	perron,
	roundPriorities,
	type Hierarchy,
	type PairwiseMatrix,
	type PriorityMethod
} from '../ahp/index';
import { mulberry32 } from '../random';

export type BootstrapExpert = {
	matrices: Readonly<Record<string, PairwiseMatrix>>;
	weight?: number;
};

/** How the group's priorities are formed: the study's settings, as `analyzeRound` applies them. */
export type GroupMethod = { aggregation?: 'aij' | 'aip'; priorityMethod?: PriorityMethod };

/**
 * A node's group priorities from the chosen experts, exactly as `analyzeRound` forms them: AIJ — the
 * weighted geometric mean of the judgements, completed (λ-min) where cells are empty, then the
 * eigenvector or the row geometric mean; AIP — the weighted geometric mean of the individual
 * priority vectors.
 */
export function groupNodePriorities(
	matrices: readonly PairwiseMatrix[],
	weights: readonly number[],
	method: GroupMethod = {},
	individual?: readonly (readonly number[])[]
): number[] {
	const priorityMethod = method.priorityMethod ?? 'eigenvector';
	if (method.aggregation === 'aip')
		return aggregatePriorities(
			individual ?? matrices.map((m) => roundPriorities(m, priorityMethod)),
			{ mean: 'geometric', expertWeights: weights }
		);
	const g = aggregateJudgments(
		matrices.map((m) => normaliseMatrix(m)),
		{ expertWeights: weights }
	);
	const full = isComplete(g) ? (g as number[][]) : completeMatrix(g);
	return priorityMethod === 'eigenvector' ? perron(full).vector : geometricMeanVector(full);
}

export function expertBootstrap(
	hierarchy: Hierarchy,
	experts: readonly BootstrapExpert[],
	options: { draws: number; seed: number; noise?: number } & GroupMethod
): number[][] {
	const k = experts.length;
	if (k === 0) throw new Error('the bootstrap needs at least one expert');
	const random = mulberry32(options.seed);
	const nodes = [hierarchy.goal, ...hierarchy.pillars];
	const out: number[][] = [];
	const counts = new Array<number>(k);
	const method: GroupMethod = {
		aggregation: options.aggregation,
		priorityMethod: options.priorityMethod
	};
	// AIP: each expert's own priorities, once.
	const individual =
		options.aggregation === 'aip'
			? experts.map((e) =>
					nodes.map((node) =>
						roundPriorities(e.matrices[node.id], options.priorityMethod ?? 'eigenvector')
					)
				)
			: null;
	for (let d = 0; d < options.draws; d++) {
		counts.fill(0);
		for (let j = 0; j < k; j++) counts[Math.floor(random() * k)]++;
		const chosen = experts.flatMap((e, j) =>
			counts[j] > 0 ? [{ e, j, c: counts[j] * (e.weight ?? 1) }] : []
		);
		const priorities = nodes.map((node, n) =>
			groupNodePriorities(
				chosen.map(({ e }) => e.matrices[node.id]),
				chosen.map(({ c }) => c),
				method,
				individual ? chosen.map(({ j }) => individual[j][n]) : undefined
			)
		);
		let w = globalWeights(priorities[0], priorities.slice(1));
		if (options.noise) w = perturb(w, options.noise, random);
		out.push(w);
	}
	return out;
}

export function weightNoise(
	weights: readonly number[],
	options: { draws: number; seed: number; f: number }
): number[][] {
	if (!(options.f >= 0 && options.f < 1))
		throw new Error(`the noise factor f must be in [0, 1), got ${options.f}`);
	const random = mulberry32(options.seed);
	return Array.from({ length: options.draws }, () => perturb(weights, options.f, random));
}

function perturb(weights: readonly number[], f: number, random: () => number): number[] {
	const w = weights.map((x) => x * (1 + (2 * random() - 1) * f));
	const s = w.reduce((a, b) => a + b, 0);
	return w.map((x) => x / s);
}

/** A round's panel for the expert bootstrap: its hierarchy, its experts' matrices and weights, its method. */
export type BootstrapPanel = {
	hierarchy: Hierarchy;
	experts: { matrices: Record<string, PairwiseMatrix>; weight: number }[];
	method: GroupMethod;
};

/**
 * The Monte Carlo's weight sets, one derivation for the preview's worker and the edition review:
 * the expert bootstrap of the given panel (with weight noise f on top when f > 0), or — without a
 * panel — weight noise around the nominal weights. Chunked, so progress can be reported.
 */
export function monteCarloWeights(o: {
	nominal: readonly number[];
	draws: number;
	seed: number;
	noise: number;
	bootstrap: BootstrapPanel | null;
	onProgress?: (done: number, total: number) => void;
}): number[][] {
	if (!o.bootstrap || o.bootstrap.experts.length === 0) {
		const sets = weightNoise(o.nominal, { draws: o.draws, seed: o.seed, f: o.noise });
		o.onProgress?.(o.draws, o.draws);
		return sets;
	}
	const sets: number[][] = [];
	const chunk = Math.max(50, Math.ceil(o.draws / 20));
	for (let d = 0; d < o.draws; d += chunk) {
		sets.push(
			...expertBootstrap(o.bootstrap.hierarchy, o.bootstrap.experts, {
				draws: Math.min(chunk, o.draws - d),
				seed: o.seed + d,
				noise: o.noise,
				...o.bootstrap.method
			})
		);
		o.onProgress?.(Math.min(d + chunk, o.draws), o.draws);
	}
	return sets;
}
