/**
 * The straightforward λ-min completion (arrays, a fresh perron() for every evaluation): the reference
 * the fast one in src/lib/ahp/completion.ts is tested against. Same method — damped Newton on
 * t = ln x from the LLSM fill, Hessian by forward differences, Armijo backtracking, the same stopping
 * rule — so the two must reach the same completion within the solver's tolerances. Not used by the app.
 */
import { llsmWeights, solveLinear } from '../ahp/completion';
import { perron } from '../ahp/eigen';
import { COMPLETION_MAX_SWEEPS, COMPLETION_TOLERANCE } from '../ahp/tolerances';

type Cells = (number | null)[][];

function fillFromWeights(a: Cells, w: readonly number[]): number[][] {
	return a.map((row, i) => row.map((v, j) => (v === null ? w[i] / w[j] : v)));
}

export function lambdaMinCompletionStraightforward(a: Cells): number[][] {
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
	let polishing = 0;
	for (let iter = 0; iter < COMPLETION_MAX_SWEEPS; iter++) {
		const g = cur.grad;
		if (Math.max(...g.map(Math.abs)) < 1e-12) break;
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
		// The same stopping rule as the fast path: near the optimum, full Newton steps decided by the
		// gradient, not by λ comparisons lost in rounding noise.
		if (-slope < 1e-12 * cur.lambda) {
			t = t.map((ti, q) => ti + d[q]);
			cur = evaluate(t);
			if (++polishing >= 3) break;
			continue;
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
