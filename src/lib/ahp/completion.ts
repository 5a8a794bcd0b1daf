import { perron } from './eigen';
import { assertConnected, isComplete, normaliseMatrix } from './matrix';
import { COMPLETION_MAX_SWEEPS, COMPLETION_TOLERANCE } from './tolerances';
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
 */
function lambdaMinCompletion(a: Cells): number[][] {
	const n = a.length;
	const missing: [number, number][] = [];
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++) if (a[i][j] === null) missing.push([i, j]);
	const k = missing.length;
	const x = fillFromWeights(a, llsmWeights(a));
	let t = missing.map(([i, j]) => Math.log(x[i][j]));
	let w = perron(x).vector;
	let v = perron(x, { transpose: true }).vector;

	const evaluate = (ts: readonly number[]): { lambda: number; grad: number[] } => {
		missing.forEach(([i, j], q) => {
			x[i][j] = Math.exp(ts[q]);
			x[j][i] = Math.exp(-ts[q]);
		});
		const right = perron(x, { start: w });
		w = right.vector;
		v = perron(x, { transpose: true, start: v }).vector;
		let vw = 0;
		for (let q = 0; q < n; q++) vw += v[q] * w[q];
		const grad = missing.map(([i, j]) => (v[i] * x[i][j] * w[j] - v[j] * x[j][i] * w[i]) / vw);
		return { lambda: right.lambda, grad };
	};

	let cur = evaluate(t);
	const H_STEP = 1e-6;
	for (let iter = 0; iter < COMPLETION_MAX_SWEEPS; iter++) {
		const g = cur.grad;
		if (Math.max(...g.map(Math.abs)) < 1e-14) break;
		// Hessian by forward differences of the gradient, symmetrised.
		const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
		for (let q = 0; q < k; q++) {
			const tq = [...t];
			tq[q] += H_STEP;
			const gq = evaluate(tq).grad;
			for (let r = 0; r < k; r++) H[r][q] = (gq[r] - g[r]) / H_STEP;
		}
		for (let r = 0; r < k; r++)
			for (let q = r + 1; q < k; q++) H[r][q] = H[q][r] = (H[r][q] + H[q][r]) / 2;
		let d: number[];
		try {
			d = solveLinear(
				H.map((row) => [...row]),
				g.map((x) => -x)
			);
		} catch {
			d = g.map((x) => -x);
		}
		let slope = d.reduce((s, di, q) => s + di * g[q], 0);
		if (!(slope < 0)) {
			d = g.map((x) => -x);
			slope = d.reduce((s, di, q) => s + di * g[q], 0);
		}
		// Backtracking (Armijo) line search on λmax.
		let step = 1;
		let next = evaluate(t.map((ti, q) => ti + step * d[q]));
		while (next.lambda > cur.lambda + 1e-4 * step * slope && step > 1e-12) {
			step /= 2;
			next = evaluate(t.map((ti, q) => ti + step * d[q]));
		}
		const moved = Math.max(...d.map((di) => Math.abs(step * di)));
		if (next.lambda > cur.lambda) {
			evaluate(t);
			break;
		}
		t = t.map((ti, q) => ti + step * d[q]);
		cur = next;
		if (moved < COMPLETION_TOLERANCE) break;
	}
	evaluate(t);
	return x;
}
