import { EIGEN_MAX_ITERATIONS, EIGEN_TOLERANCE } from './tolerances';

export type PerronResult = { vector: number[]; lambda: number };

/**
 * The Perron (principal) eigenvector of a non-negative irreducible matrix by power iteration,
 * normalised to Σ = 1, with its eigenvalue. Iterates until the largest change of the vector is below
 * `EIGEN_TOLERANCE` (1e-12; method.md). With `transpose` it works on Aᵀ (the left eigenvector).
 * A start vector speeds it up when the matrix changed only a little.
 */
export function perron(
	a: readonly (readonly number[])[],
	options: { transpose?: boolean; start?: readonly number[] } = {}
): PerronResult {
	const n = a.length;
	if (n === 1) return { vector: [1], lambda: a[0][0] };
	const transpose = options.transpose === true;
	const w = new Float64Array(n);
	if (options.start) for (let i = 0; i < n; i++) w[i] = options.start[i];
	else w.fill(1 / n);
	const next = new Float64Array(n);
	for (let iter = 0; iter < EIGEN_MAX_ITERATIONS; iter++) {
		let sum = 0;
		if (transpose) {
			for (let i = 0; i < n; i++) {
				let s = 0;
				for (let j = 0; j < n; j++) s += a[j][i] * w[j];
				next[i] = s;
				sum += s;
			}
		} else {
			for (let i = 0; i < n; i++) {
				const row = a[i];
				let s = 0;
				for (let j = 0; j < n; j++) s += row[j] * w[j];
				next[i] = s;
				sum += s;
			}
		}
		// With Σw = 1, Σ(Aw) = λ once converged.
		let change = 0;
		for (let i = 0; i < n; i++) {
			const v = next[i] / sum;
			const d = Math.abs(v - w[i]);
			if (d > change) change = d;
			w[i] = v;
		}
		if (change < EIGEN_TOLERANCE) return { vector: Array.from(w), lambda: sum };
	}
	throw new Error('power iteration did not converge (is the comparison graph connected?)');
}
