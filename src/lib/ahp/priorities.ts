import { completeMatrix } from './completion';
import { perron } from './eigen';
import { isComplete, normaliseMatrix } from './matrix';
import type { CompletionMethod, PairwiseMatrix, PriorityMethod } from './types';

export type PriorityOptions = { method?: PriorityMethod; completion?: CompletionMethod };

/**
 * The priority vector of a pairwise matrix (Σ = 1).
 * - 'eigenvector' (default; Saaty 1980): the Perron vector of A, by power iteration to 1e-12.
 * - 'geometric-mean': the row geometric mean w_i ∝ (Π_j a_ij)^(1/n) (Crawford & Williams 1985; equals
 *   the LLSM solution for a complete matrix).
 * An incomplete matrix is completed first: λ-min with the eigenvector, incomplete LLSM with the
 * geometric mean, unless `completion` says otherwise.
 * @example priorityVector([[1, 3], [1/3, 1]]) // [0.75, 0.25]
 */
export function priorityVector(m: PairwiseMatrix, options: PriorityOptions = {}): number[] {
	const method = options.method ?? 'eigenvector';
	if (method !== 'eigenvector' && method !== 'geometric-mean') {
		throw new Error(
			`unknown priority method "${String(method)}"; use eigenvector or geometric-mean`
		);
	}
	const a = completed(m, options.completion ?? (method === 'eigenvector' ? 'lambda-min' : 'llsm'));
	return method === 'eigenvector' ? perron(a).vector : geometricMeanVector(a);
}

export function completed(m: PairwiseMatrix, completion: CompletionMethod): number[][] {
	const a = normaliseMatrix(m);
	return isComplete(a) ? (a as number[][]) : completeMatrix(a, { method: completion });
}

/** Row geometric means of a complete matrix, normalised to Σ = 1 (computed in logs). */
export function geometricMeanVector(a: readonly (readonly number[])[]): number[] {
	const n = a.length;
	const logs = new Array<number>(n);
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		let s = 0;
		for (let j = 0; j < n; j++) s += Math.log(a[i][j]);
		logs[i] = s / n;
		if (logs[i] > max) max = logs[i];
	}
	let sum = 0;
	for (let i = 0; i < n; i++) {
		logs[i] = Math.exp(logs[i] - max);
		sum += logs[i];
	}
	for (let i = 0; i < n; i++) logs[i] /= sum;
	return logs;
}

/**
 * An expert's priorities at a node as `analyzeRound` derives them — the figures a round publishes:
 * an incomplete matrix is first completed by λ-min completion (the convention for CR and hints), then
 * the eigenvector or the row geometric mean of the completed matrix is taken. (For a complete matrix
 * this equals `priorityVector`.) The questionnaire's live weights and the bootstrap's AIP use it, so
 * that they show what the round will compute.
 */
export function roundPriorities(
	m: PairwiseMatrix,
	method: PriorityMethod = 'eigenvector'
): number[] {
	const raw = normaliseMatrix(m);
	const a = isComplete(raw) ? (raw as number[][]) : completeMatrix(raw);
	return method === 'eigenvector' ? perron(a).vector : geometricMeanVector(a);
}
