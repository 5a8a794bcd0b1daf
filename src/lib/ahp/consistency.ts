import { perron } from './eigen';
import { isComplete, normaliseMatrix } from './matrix';
import { completeMatrix } from './completion';
import { DEFAULT_RANDOM_INDEX, randomIndex } from './random-index';
import type { PairwiseMatrix, RandomIndexTable } from './types';

export const DEFAULT_CR_THRESHOLD = 0.1;

export type ConsistencyOptions = { randomIndex?: RandomIndexTable; threshold?: number };
export type ConsistencyResult = {
	n: number;
	lambdaMax: number;
	ci: number;
	cr: number;
	crAlonsoLamataLinear: number;
	gci: number;
	randomIndex: number;
	randomIndexTable: RandomIndexTable;
	acceptable: boolean;
	/** GCI threshold for this n (Aguarón & Moreno-Jiménez 2003): 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4). */
	gciThreshold: number;
	/** True when the matrix was incomplete and was completed (λ-min) before measuring. */
	completed: boolean;
	/** The threshold the verdict used. */
	threshold: number;
};

/** GCI thresholds equivalent to CR = 10 % (Aguarón & Moreno-Jiménez 2003). */
export function gciThreshold(n: number): number {
	if (n <= 2) return 0;
	return n === 3 ? 0.31 : n === 4 ? 0.35 : 0.37;
}

/**
 * Consistency of a pairwise matrix:
 * - CI = (λmax − n)/(n − 1) and CR = CI / RI(n) (Saaty 1980), RI from the chosen table (default
 *   Alonso & Lamata 2006); n ≤ 2 → CR = 0;
 * - CR_AL = (λmax − n)/(2.7699·n − 4.3513 − n), the Alonso–Lamata linear form AHP-OS shows;
 * - GCI = 2/((n−1)(n−2)) Σ_{i<j} ln²(a_ij·w_j/w_i) with w from the row geometric mean (Aguarón &
 *   Moreno-Jiménez 2003, "The geometric consistency index", EJOR 147).
 * An incomplete matrix is completed with λ-min first (`completed: true` says so).
 * @example consistency([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]]).cr // 0 (consistent)
 */
export function consistency(
	m: PairwiseMatrix,
	options: ConsistencyOptions = {}
): ConsistencyResult {
	const table = options.randomIndex ?? DEFAULT_RANDOM_INDEX;
	const threshold = options.threshold ?? DEFAULT_CR_THRESHOLD;
	if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) {
		throw new Error(`CR threshold must be a non-negative number, got ${String(threshold)}`);
	}
	const raw = normaliseMatrix(m);
	const wasIncomplete = !isComplete(raw);
	const a = wasIncomplete ? completeMatrix(raw) : (raw as number[][]);
	return consistencyOfComplete(a, table, threshold, wasIncomplete);
}

/** The same for a matrix already known to be complete and valid (no copying or checks). */
export function consistencyOfComplete(
	a: readonly (readonly number[])[],
	table: RandomIndexTable = DEFAULT_RANDOM_INDEX,
	threshold = DEFAULT_CR_THRESHOLD,
	wasIncomplete = false,
	lambdaMaxKnown?: number
): ConsistencyResult {
	const n = a.length;
	const ri = randomIndex(n, table);
	const lambdaMax = lambdaMaxKnown ?? perron(a).lambda;
	// λmax ≥ n for a positive reciprocal matrix; clamp rounding noise below n to 0.
	const excess = Math.max(0, lambdaMax - n);
	const ci = n <= 2 ? 0 : excess / (n - 1);
	const cr = crOfLambda(lambdaMax, n, table);
	const crAlonsoLamataLinear = n <= 2 ? 0 : excess / (2.7699 * n - 4.3513 - n);
	return {
		n,
		lambdaMax,
		ci,
		cr,
		crAlonsoLamataLinear,
		gci: geometricConsistencyIndex(a),
		randomIndex: ri,
		randomIndexTable: table,
		acceptable: cr <= threshold,
		gciThreshold: gciThreshold(n),
		completed: wasIncomplete,
		threshold
	};
}

/** CR = ((λmax − n)/(n − 1)) / RI(n), 0 for n ≤ 2; rounding noise below n counts as 0. */
export function crOfLambda(lambdaMax: number, n: number, table: RandomIndexTable): number {
	if (n <= 2) return 0;
	return Math.max(0, lambdaMax - n) / (n - 1) / randomIndex(n, table);
}

let gciScratch = new Float64Array(64);

/** GCI of a complete matrix (0 for n ≤ 2). */
export function geometricConsistencyIndex(a: readonly (readonly number[])[]): number {
	const n = a.length;
	if (n <= 2) return 0;
	// With w the row geometric mean, ln w_i = r_i − c, r_i the mean of row i's logs (c cancels), so
	// ln(a_ij·w_j/w_i) = ln a_ij + r_j − r_i. The matrices here are reciprocal (normaliseMatrix makes
	// a_ji = 1/a_ij exactly), so ln a_ji = −ln a_ij: one log per pair, no exponentials.
	if (gciScratch.length < n * n) gciScratch = new Float64Array(n * n);
	const r = gciScratch; // r in [0, n), the pair logs after it (this runs for every node of a round)
	r.fill(0, 0, n);
	const logs = r.subarray(n);
	for (let i = 0, p = 0; i < n; i++)
		for (let j = i + 1; j < n; j++, p++) {
			const l = Math.log(a[i][j]);
			logs[p] = l;
			r[i] += l;
			r[j] -= l;
		}
	let s = 0;
	for (let i = 0, p = 0; i < n; i++)
		for (let j = i + 1; j < n; j++, p++) {
			const e = logs[p] + (r[j] - r[i]) / n;
			s += e * e;
		}
	return (2 * s) / ((n - 1) * (n - 2));
}
