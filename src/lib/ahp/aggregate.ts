import { assertWeights, normaliseMatrix } from './matrix';
import type { PairwiseMatrix } from './types';

/**
 * Aggregation of individual judgements (AIJ; Aczél & Saaty 1983; Forman & Peniwati 1998): the
 * element-wise weighted geometric mean a^G_ij = Π_k (a^k_ij)^{λ_k}, Σλ = 1, which keeps the matrix
 * reciprocal. A cell some experts left empty uses the experts who answered, their weights renormalised;
 * a cell nobody answered stays null (the group matrix is then incomplete and is completed like any
 * other). Expert weights default to equal.
 * @example aggregateJudgments([[[1, 2], [1/2, 1]], [[1, 8], [1/8, 1]]]) // [[1, 4], [1/4, 1]]
 */
export function aggregateJudgments(
	ms: readonly PairwiseMatrix[],
	options: { expertWeights?: readonly number[] } = {}
): number[][] {
	if (ms.length === 0) throw new Error('aggregateJudgments needs at least one matrix');
	const mats = ms.map((m) => normaliseMatrix(m));
	const n = mats[0].length;
	mats.forEach((m, k) => {
		if (m.length !== n)
			throw new Error(
				`all matrices must have the same order: matrix 0 is ${n}×${n}, matrix ${k} is ${m.length}×${m.length}`
			);
	});
	const lambda = assertWeights(
		options.expertWeights ?? mats.map(() => 1),
		mats.length,
		'expertWeights'
	);
	return aggregateValidated(mats, lambda);
}

/**
 * AIJ over matrices already validated by normaliseMatrix, all n×n, with valid weights (analyzeRound
 * holds them so: it validates each expert's matrix once per round).
 */
export function aggregateValidated(
	mats: readonly (readonly (readonly (number | null)[])[])[],
	lambda: readonly number[]
): number[][] {
	const n = mats[0].length;
	// Rows start as plain numbers (a double array, which perron reads fastest); a cell nobody
	// answered becomes null below.
	const out: (number | null)[][] = [];
	for (let i = 0; i < n; i++) out.push(new Array<number>(n).fill(1));
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			let logSum = 0;
			let weight = 0;
			for (let k = 0; k < mats.length; k++) {
				const v = mats[k][i][j];
				if (v === null || lambda[k] === 0) continue;
				logSum += lambda[k] * Math.log(v);
				weight += lambda[k];
			}
			if (weight > 0) {
				const g = Math.exp(logSum / weight);
				out[i][j] = g;
				out[j][i] = 1 / g;
			} else {
				out[i][j] = null;
				out[j][i] = null;
			}
		}
	}
	// Typed number[][] for the public API; a cell no expert answered is null (see above).
	return out as number[][];
}

/**
 * Aggregation of individual priorities (AIP; Forman & Peniwati 1998): the weighted geometric
 * (default) or arithmetic mean of the experts' priority vectors, renormalised to Σ = 1.
 */
export function aggregatePriorities(
	vs: readonly (readonly number[])[],
	options: { mean?: 'geometric' | 'arithmetic'; expertWeights?: readonly number[] } = {}
): number[] {
	if (vs.length === 0) throw new Error('aggregatePriorities needs at least one priority vector');
	const n = vs[0].length;
	if (n === 0) throw new Error('priority vectors must not be empty');
	vs.forEach((v, k) => {
		if (v.length !== n)
			throw new Error(
				`all priority vectors must have the same length: vector 0 has ${n}, vector ${k} has ${v.length}`
			);
		v.forEach((x, i) => {
			if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
				throw new Error(
					`priorities must be finite and non-negative, got ${String(x)} at vector ${k}, item ${i}`
				);
		});
	});
	const lambda = assertWeights(
		options.expertWeights ?? vs.map(() => 1),
		vs.length,
		'expertWeights'
	);
	const mean = options.mean ?? 'geometric';
	let out: number[];
	if (mean === 'geometric') {
		out = Array.from({ length: n }, (_, i) =>
			Math.exp(vs.reduce((s, v, k) => (lambda[k] === 0 ? s : s + lambda[k] * Math.log(v[i])), 0))
		);
	} else if (mean === 'arithmetic') {
		out = Array.from({ length: n }, (_, i) => vs.reduce((s, v, k) => s + lambda[k] * v[i], 0));
	} else throw new Error(`unknown mean "${String(mean)}"; use geometric or arithmetic`);
	const sum = out.reduce((s, x) => s + x, 0);
	if (!(sum > 0))
		throw new Error(
			'aggregated priorities are all zero (an item with zero priority in every vector?)'
		);
	return out.map((x) => x / sum);
}
