import { perron } from './eigen';
import { assertConnected, isComplete, normaliseMatrix } from './matrix';
import {
	COMPLETION_MAX_SWEEPS,
	COMPLETION_TOLERANCE,
	EIGEN_MAX_ITERATIONS,
	EIGEN_TOLERANCE
} from './tolerances';
import type { CompletionMethod, PairwiseMatrix } from './types';

type Cells = (number | null)[][];

/**
 * Fills the missing judgements of an incomplete pairwise matrix (its comparison graph must be
 * connected). Given entries are returned untouched.
 * - 'lambda-min' (default): the fill that minimises λmax (Bozóki, Fülöp & Rónyai 2010, "On optimal
 *   completion of incomplete pairwise comparison matrices", Math. Comput. Modelling 52) — λmax is convex
 *   in t = ln x, so cyclic coordinate descent over the missing entries converges to the optimum.
 * - 'harker': Harker (1987), "Incomplete pairwise comparisons in the AHP", Math. Modelling 9: the
 *   Perron vector of C (c_ij = a_ij given, 0 missing, c_ii = 1 + missing in row i), fill w_i/w_j.
 * - 'llsm': incomplete logarithmic least squares (Kwiesielewicz 1996; Bozóki, Fülöp & Rónyai 2010):
 *   the graph-Laplacian normal equations for ln w with Σ ln w = 0, fill w_i/w_j.
 * @example completeMatrix([[1, 2, null], [0.5, 1, 2], [null, 0.5, 1]]) // a_13 = 4 (consistent fill)
 */
export function completeMatrix(
	m: PairwiseMatrix,
	options: { method?: CompletionMethod } = {}
): number[][] {
	const a = normaliseMatrix(m);
	if (isComplete(a)) return a as number[][];
	assertConnected(a);
	const method = options.method ?? 'lambda-min';
	if (method === 'harker') return fillFromWeights(a, harkerWeights(a));
	if (method === 'llsm') return fillFromWeights(a, llsmWeights(a));
	if (method === 'lambda-min') return lambdaMinCompletion(a);
	throw new Error(`unknown completion method "${String(method)}"; use lambda-min, harker or llsm`);
}

function fillFromWeights(a: Cells, w: readonly number[]): number[][] {
	return a.map((row, i) => row.map((v, j) => (v === null ? w[i] / w[j] : v)));
}

/** Harker's (1987) priorities for an incomplete matrix (normalised, Σ = 1). */
export function harkerWeights(a: Cells): number[] {
	const c = a.map((row, i) => {
		const missing = row.filter((v) => v === null).length;
		return row.map((v, j) => (i === j ? 1 + missing : (v ?? 0)));
	});
	return perron(c).vector;
}

/**
 * Incomplete LLSM priorities (normalised, Σ = 1): solve L y = b with L the Laplacian of the comparison
 * graph and b_i = Σ_{j given} ln a_ij, under Σ y = 0 — via the non-singular (L + 11ᵀ/n) y = b.
 */
export function llsmWeights(a: Cells): number[] {
	const n = a.length;
	const L = Array.from({ length: n }, () => new Array<number>(n).fill(1 / n));
	const b = new Array<number>(n).fill(0);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			if (i === j || a[i][j] === null) continue;
			L[i][i] += 1;
			L[i][j] -= 1;
			b[i] += Math.log(a[i][j] as number);
		}
	}
	const y = solveLinear(L, b);
	const e = y.map(Math.exp);
	const s = e.reduce((x, v) => x + v, 0);
	return e.map((v) => v / s);
}

/** Gaussian elimination with partial pivoting (small dense systems). */
export function solveLinear(A: number[][], b: number[]): number[] {
	const n = A.length;
	const M = A.map((row, i) => [...row, b[i]]);
	for (let c = 0; c < n; c++) {
		let p = c;
		for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
		if (Math.abs(M[p][c]) < 1e-14)
			throw new Error('singular system: the comparison graph is not connected');
		[M[c], M[p]] = [M[p], M[c]];
		for (let r = c + 1; r < n; r++) {
			const f = M[r][c] / M[c][c];
			if (f === 0) continue;
			for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
		}
	}
	const x = new Array<number>(n).fill(0);
	for (let r = n - 1; r >= 0; r--) {
		let s = M[r][n];
		for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
		x[r] = s / M[r][r];
	}
	return x;
}

/**
 * λ-min completion. λmax(A(t)) is a smooth convex function of t = ln x over the missing entries
 * (Bozóki, Fülöp & Rónyai 2010, who also prove the optimum unique when the graph is connected), with
 * gradient ∂λ/∂t_ij = (v_i a_ij w_j − v_j a_ji w_i)/(vᵀw) for the right and left Perron vectors w, v.
 * We minimise it by damped Newton steps on all missing entries at once (Hessian by forward differences
 * of the analytic gradient, backtracking line search on λmax), starting from the LLSM fill; this reaches
 * the same optimum as the cyclic coordinate descent the paper describes, in far fewer eigenproblems.
 * Written for speed (it runs for every incomplete matrix of a round): the matrix is one flat typed
 * array, both Perron vectors are warm-started in place, and nothing is allocated per evaluation. The
 * straightforward version (arrays, a fresh perron() per evaluation) lives in src/lib/testing and a
 * test holds the two to the same completions.
 */
function lambdaMinCompletion(a: Cells): number[][] {
	const n = a.length;
	const mi: number[] = [];
	const mj: number[] = [];
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++)
			if (a[i][j] === null) {
				mi.push(i);
				mj.push(j);
			}
	const k = mi.length;
	const llsm = llsmWeights(a);
	const start = fillFromWeights(a, llsm);
	const x = new Float64Array(n * n);
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) x[i * n + j] = start[i][j];
	// The power iterations start from the LLSM weights and their reciprocals: the right and left
	// Perron vectors of a consistent matrix, close to those of this one.
	const w = Float64Array.from(llsm);
	const v = Float64Array.from(llsm, (x) => 1 / x);
	let vs = 0;
	for (let i = 0; i < n; i++) vs += v[i];
	for (let i = 0; i < n; i++) v[i] /= vs;
	const tmp = new Float64Array(n);
	let t = Float64Array.from({ length: k }, (_, q) => Math.log(x[mi[q] * n + mj[q]]));
	// Right (transpose = false) or left Perron vector of x, in place from its current value; returns λ.
	const perronInPlace = (vec: Float64Array, transpose: boolean): number => {
		for (let iter = 0; iter < EIGEN_MAX_ITERATIONS; iter++) {
			let sum = 0;
			for (let i = 0; i < n; i++) {
				let acc = 0;
				if (transpose) for (let j = 0; j < n; j++) acc += x[j * n + i] * vec[j];
				else for (let j = 0, b = i * n; j < n; j++) acc += x[b + j] * vec[j];
				tmp[i] = acc;
				sum += acc;
			}
			let change = 0;
			for (let i = 0; i < n; i++) {
				const next = tmp[i] / sum;
				const d = Math.abs(next - vec[i]);
				if (d > change) change = d;
				vec[i] = next;
			}
			if (change < EIGEN_TOLERANCE) return sum;
		}
		throw new Error('power iteration did not converge (is the comparison graph connected?)');
	};
	const evaluate = (ts: Float64Array, grad: Float64Array): number => {
		for (let q = 0; q < k; q++) {
			x[mi[q] * n + mj[q]] = Math.exp(ts[q]);
			x[mj[q] * n + mi[q]] = Math.exp(-ts[q]);
		}
		const lambda = perronInPlace(w, false);
		perronInPlace(v, true);
		let vw = 0;
		for (let q = 0; q < n; q++) vw += v[q] * w[q];
		for (let q = 0; q < k; q++) {
			const i = mi[q];
			const j = mj[q];
			grad[q] = (v[i] * x[i * n + j] * w[j] - v[j] * x[j * n + i] * w[i]) / vw;
		}
		return lambda;
	};

	const g = new Float64Array(k);
	const gq = new Float64Array(k);
	const gNext = new Float64Array(k);
	const tq = new Float64Array(k);
	const tNext = new Float64Array(k);
	let lambda = evaluate(t, g);
	const H_STEP = 1e-6;
	const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	let polishing = 0;
	for (let iter = 0; iter < COMPLETION_MAX_SWEEPS; iter++) {
		let gmax = 0;
		for (let q = 0; q < k; q++) gmax = Math.max(gmax, Math.abs(g[q]));
		if (gmax < 1e-12) break;
		// Hessian by forward differences of the gradient, symmetrised.
		for (let q = 0; q < k; q++) {
			tq.set(t);
			tq[q] += H_STEP;
			evaluate(tq, gq);
			for (let r = 0; r < k; r++) H[r][q] = (gq[r] - g[r]) / H_STEP;
		}
		for (let r = 0; r < k; r++)
			for (let q = r + 1; q < k; q++) H[r][q] = H[q][r] = (H[r][q] + H[q][r]) / 2;
		let d: number[];
		try {
			d = solveLinear(
				H.map((row) => [...row]),
				Array.from(g, (x) => -x)
			);
		} catch {
			d = Array.from(g, (x) => -x);
		}
		let slope = 0;
		for (let q = 0; q < k; q++) slope += d[q] * g[q];
		if (!(slope < 0)) {
			d = Array.from(g, (x) => -x);
			slope = 0;
			for (let q = 0; q < k; q++) slope += d[q] * g[q];
		}
		// Near the optimum the decrease Newton predicts (−slope/2) is below what λ in double precision
		// can show, so comparing λ would only halve the step on rounding noise (and stop short, ~1e-7
		// from the optimum). There the gradient, which the eigenvectors give to ~1e-12, decides: take
		// the full Newton step and test the gradient again.
		if (-slope < 1e-12 * lambda) {
			for (let q = 0; q < k; q++) t[q] += d[q];
			lambda = evaluate(t, g);
			if (++polishing >= 3) break;
			continue;
		}
		// Backtracking (Armijo) line search on λmax.
		let step = 1;
		const probe = () => {
			for (let q = 0; q < k; q++) tNext[q] = t[q] + step * d[q];
			return evaluate(tNext, gNext);
		};
		let next = probe();
		while (next > lambda + 1e-4 * step * slope && step > 1e-12) {
			step /= 2;
			next = probe();
		}
		let moved = 0;
		for (let q = 0; q < k; q++) moved = Math.max(moved, Math.abs(step * d[q]));
		if (next > lambda) {
			evaluate(t, g);
			break;
		}
		t = Float64Array.from(tNext);
		g.set(gNext);
		lambda = next;
		if (moved < COMPLETION_TOLERANCE) break;
	}
	// The fill for the final t (its Perron vectors are not needed).
	for (let q = 0; q < k; q++) {
		x[mi[q] * n + mj[q]] = Math.exp(t[q]);
		x[mj[q] * n + mi[q]] = Math.exp(-t[q]);
	}
	return Array.from({ length: n }, (_, i) =>
		Array.from({ length: n }, (_, j) => (a[i][j] === null ? x[i * n + j] : (a[i][j] as number)))
	);
}
