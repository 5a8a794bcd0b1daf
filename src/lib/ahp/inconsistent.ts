import { completeMatrix } from './completion';
import { crOfLambda } from './consistency';
import { perron } from './eigen';
import { isComplete, normaliseMatrix } from './matrix';
import { DEFAULT_RANDOM_INDEX } from './random-index';
import { snapToScale } from './scale';
import type { PairwiseMatrix, RandomIndexTable } from './types';

export type InconsistentJudgment = {
	i: number;
	j: number;
	/** a_ij as given. */
	current: number;
	/** w_i/w_j snapped to the nearest point of the 17-point scale (on a log scale). */
	suggested: number;
	/** CR of the matrix with only this judgement changed to `suggested`. */
	crIfChanged: number;
	/** ε_ij = a_ij·w_j/w_i (1 when the judgement agrees with the weights). */
	epsilon: number;
};

/**
 * The judgements that contribute most to inconsistency (Saaty 2003, "Decision-making with the AHP: Why
 * is the principal eigenvector necessary", EJOR 145; as AHP-OS shows them): ε_ij = a_ij·w_j/w_i with w
 * the eigenvector (an incomplete matrix is completed with λ-min first), pairs ranked by
 * max(ε_ij, 1/ε_ij), given entries only, i < j. For each, the consistent value w_i/w_j snapped to the
 * scale and the CR the matrix would have with that one change.
 */
export function inconsistentJudgments(
	m: PairwiseMatrix,
	options: { count?: number; randomIndex?: RandomIndexTable } = {}
): InconsistentJudgment[] {
	const count = options.count ?? 3;
	if (!Number.isInteger(count) || count < 0)
		throw new Error(`count must be a non-negative integer, got ${count}`);
	const table = options.randomIndex ?? DEFAULT_RANDOM_INDEX;
	const raw = normaliseMatrix(m);
	if (raw.length <= 2 || count === 0) return [];
	const a = isComplete(raw) ? (raw as number[][]) : completeMatrix(raw);
	return rankInconsistent(raw, perron(a).vector, count, table);
}

/**
 * The ranking itself, for callers that already hold the validated matrix and its eigenvector weights
 * (analyzeRound), so the completion is not repeated.
 */
export function rankInconsistent(
	raw: readonly (readonly (number | null)[])[],
	w: readonly number[],
	count: number,
	table: RandomIndexTable = DEFAULT_RANDOM_INDEX
): InconsistentJudgment[] {
	const n = raw.length;
	if (n <= 2 || count === 0) return [];
	const ranked: { i: number; j: number; epsilon: number; score: number }[] = [];
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			const given = raw[i][j];
			if (given === null) continue;
			const epsilon = (given * w[j]) / w[i];
			ranked.push({ i, j, epsilon, score: Math.max(epsilon, 1 / epsilon) });
		}
	}
	ranked.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
	// One working copy: each suggestion is written in, measured, and taken out again.
	const work = raw.map((row) => [...row]);
	const complete = isComplete(raw);
	return ranked.slice(0, count).map(({ i, j, epsilon }) => {
		const current = raw[i][j] as number;
		const suggested = snapToScale(w[i] / w[j]);
		work[i][j] = suggested;
		work[j][i] = 1 / suggested;
		// Only the CR is wanted: λmax of the changed (completed) matrix — not the full consistency
		// report (GCI, verdicts) of a matrix nobody will see. (Measured, and left out: starting the power
		// method from w is slower here than from the uniform vector, and so is shifted inverse iteration;
		// starting the completion from the unchanged matrix's completion costs more evaluations.)
		const lambda = perron(complete ? (work as number[][]) : completeMatrix(work)).lambda;
		work[i][j] = raw[i][j];
		work[j][i] = raw[j][i];
		return {
			i,
			j,
			current,
			suggested,
			crIfChanged: crOfLambda(lambda, n, table),
			epsilon
		};
	});
}
