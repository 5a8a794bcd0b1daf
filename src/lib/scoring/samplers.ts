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

/**
 * The global weights of a multiset of the panel's experts: `counts[j]` = how often expert j is drawn
 * (0 leaves them out), each weighing (times drawn) × (their weight) — one derivation for the expert
 * bootstrap, the sensitivity analysis's expert-selection input and the leave-one-expert-out check.
 * Prepared once per panel (judgement logs, AIP's individual priorities), then cheap per call.
 */
export function panelWeigher(
	hierarchy: Hierarchy,
	experts: readonly BootstrapExpert[],
	method: GroupMethod = {}
): (counts: readonly number[]) => number[] {
	const k = experts.length;
	if (k === 0) throw new Error('the bootstrap needs at least one expert');
	const nodes = [hierarchy.goal, ...hierarchy.pillars];
	// AIP: each expert's own priorities, once.
	const individual =
		method.aggregation === 'aip'
			? experts.map((e) =>
					nodes.map((node) =>
						roundPriorities(e.matrices[node.id], method.priorityMethod ?? 'eigenvector')
					)
				)
			: null;
	// AIJ: each expert's judgements as logs, once (NaN where a pair is unanswered) — a draw then only
	// sums them with the draw's counts, instead of validating and logging every matrix again.
	const aij = individual ? null : nodes.map((node) => logJudgments(experts, node.id));
	return (counts) => {
		if (counts.length !== k)
			throw new Error(`counts has ${counts.length} entries for ${k} experts`);
		if (!counts.some((c) => c > 0)) throw new Error('at least one expert must be drawn');
		let priorities: number[][];
		if (aij) {
			priorities = aij.map((node) => {
				const g = groupMatrixOfDraw(node, counts, experts);
				const full = isComplete(g) ? (g as number[][]) : completeMatrix(g);
				return method.priorityMethod === 'geometric-mean'
					? geometricMeanVector(full)
					: perron(full).vector;
			});
		} else {
			const chosen = experts.flatMap((e, j) =>
				counts[j] > 0 ? [{ e, j, c: counts[j] * (e.weight ?? 1) }] : []
			);
			priorities = nodes.map((node, n) =>
				groupNodePriorities(
					chosen.map(({ e }) => e.matrices[node.id]),
					chosen.map(({ c }) => c),
					method,
					chosen.map(({ j }) => individual![j][n])
				)
			);
		}
		return globalWeights(priorities[0], priorities.slice(1));
	};
}

export function expertBootstrap(
	hierarchy: Hierarchy,
	experts: readonly BootstrapExpert[],
	options: { draws: number; seed: number; noise?: number } & GroupMethod
): number[][] {
	const k = experts.length;
	const weigh = panelWeigher(hierarchy, experts, {
		aggregation: options.aggregation,
		priorityMethod: options.priorityMethod
	});
	const random = mulberry32(options.seed);
	const out: number[][] = [];
	const counts = new Array<number>(k);
	for (let d = 0; d < options.draws; d++) {
		counts.fill(0);
		for (let j = 0; j < k; j++) counts[Math.floor(random() * k)]++;
		let w = weigh(counts);
		if (options.noise) w = perturb(w, options.noise, random);
		out.push(w);
	}
	return out;
}

type LogJudgments = { n: number; pi: Int32Array; pj: Int32Array; logs: Float64Array[] };

/** Per expert, the logs of a node's judgements above the diagonal (NaN = not answered). */
function logJudgments(experts: readonly BootstrapExpert[], nodeId: string): LogJudgments {
	const first = normaliseMatrix(experts[0].matrices[nodeId]);
	const n = first.length;
	const P = (n * (n - 1)) / 2;
	const pi = new Int32Array(P);
	const pj = new Int32Array(P);
	for (let i = 0, p = 0; i < n; i++)
		for (let j = i + 1; j < n; j++, p++) {
			pi[p] = i;
			pj[p] = j;
		}
	const logs = experts.map((e) => {
		const m = normaliseMatrix(e.matrices[nodeId]);
		if (m.length !== n)
			throw new Error(`every expert's matrix at node "${nodeId}" must be ${n}×${n}`);
		const l = new Float64Array(P);
		for (let p = 0; p < P; p++) {
			const v = m[pi[p]][pj[p]];
			l[p] = v === null ? NaN : Math.log(v);
		}
		return l;
	});
	return { n, pi, pj, logs };
}

/**
 * The AIJ matrix of one draw — the weighted geometric mean of the drawn experts' judgements, each
 * weighted by (times drawn) × (their weight), a pair nobody drawn answered left null — as
 * aggregateJudgments forms it (groupNodePriorities is the straightforward path; a test holds the two
 * to the same weight sets).
 */
function groupMatrixOfDraw(
	node: LogJudgments,
	counts: readonly number[],
	experts: readonly BootstrapExpert[]
): (number | null)[][] {
	const { n, pi, pj, logs } = node;
	const g: (number | null)[][] = [];
	for (let i = 0; i < n; i++) g.push(new Array<number>(n).fill(1));
	for (let p = 0; p < pi.length; p++) {
		let logSum = 0;
		let weight = 0;
		for (let j = 0; j < logs.length; j++) {
			if (counts[j] === 0) continue;
			const l = logs[j][p];
			if (l !== l) continue; // NaN: not answered
			const c = counts[j] * (experts[j].weight ?? 1);
			logSum += c * l;
			weight += c;
		}
		const i = pi[p];
		const jj = pj[p];
		if (weight > 0) {
			const v = Math.exp(logSum / weight);
			g[i][jj] = v;
			g[jj][i] = 1 / v;
		} else {
			g[i][jj] = null;
			g[jj][i] = null;
		}
	}
	return g;
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
