/**
 * Variance-based sensitivity analysis (Saltelli et al. 2010, "Variance based sensitivity analysis of
 * model output. Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181;
 * OECD/JRC Handbook 2008, §7; COINr's get_sensitivity): inputs in groups, each group one or more
 * uniform dimensions on [0, 1); two independent N × D sample matrices A and B, and for every group i
 * the matrix A_B^i (A with group i's columns taken from B) — N (k + 2) model runs in all.
 * - first order, Saltelli 2010: V_i = (1/N) Σ f(B)_j (f(A_B^i)_j − f(A)_j);
 * - total order, Jansen 1999: V_Ti = (1/2N) Σ (f(A)_j − f(A_B^i)_j)²;
 * S_i = V_i / V and S_Ti = V_Ti / V with V the variance of the 2N outputs of A and B. A model may
 * return several outputs; each gets its indices (an output that never varies gets 0), the first
 * also bootstrap percentile intervals (resampling the N rows). Estimates are clamped to [0, 1]: with
 * a finite N sampling noise can push an index just outside it.
 */
import { quantile7 } from '../ahp/stats';
import { mulberry32 } from '../random';

export type SobolResult = {
	/** first[o][g], total[o][g]: output o, input group g. */
	first: number[][];
	total: number[][];
	variance: number[];
	/** 95 % bootstrap percentile intervals of the first output's indices, per group. */
	firstCi: [number, number][];
	totalCi: [number, number][];
	runs: number;
};

export function sobolIndices(o: {
	/** Dimensions of each input group (a group's columns are swapped together). */
	dims: readonly number[];
	N: number;
	seed: number;
	outputs: number;
	model: (u: Float64Array) => ArrayLike<number>;
	bootstrap?: number;
	onProgress?: (done: number, total: number) => void;
}): SobolResult {
	const { dims, N, outputs: O } = o;
	const k = dims.length;
	if (k < 1) throw new Error('the sensitivity analysis needs at least one input group');
	if (!Number.isInteger(N) || N < 2) throw new Error(`N must be an integer ≥ 2, got ${N}`);
	const D = dims.reduce((s, d) => s + d, 0);
	const start: number[] = [];
	dims.reduce((s, d) => (start.push(s), s + d), 0);
	const random = mulberry32(o.seed);
	const A = new Float64Array(N * D);
	const B = new Float64Array(N * D);
	for (let j = 0; j < N; j++) {
		for (let d = 0; d < D; d++) A[j * D + d] = random();
		for (let d = 0; d < D; d++) B[j * D + d] = random();
	}
	const total = N * (k + 2);
	let done = 0;
	const step = Math.max(1, Math.floor(total / 50));
	const run = (u: Float64Array, out: Float64Array, at: number) => {
		const y = o.model(u);
		if (y.length !== O) throw new Error(`the model returned ${y.length} outputs, expected ${O}`);
		for (let q = 0; q < O; q++) {
			if (!Number.isFinite(y[q])) throw new Error(`the model returned ${y[q]} for output ${q}`);
			out[at + q] = y[q];
		}
		done++;
		if (o.onProgress && (done % step === 0 || done === total)) o.onProgress(done, total);
	};
	const fA = new Float64Array(N * O);
	const fB = new Float64Array(N * O);
	const fAB = Array.from({ length: k }, () => new Float64Array(N * O));
	const u = new Float64Array(D);
	for (let j = 0; j < N; j++) {
		run(A.subarray(j * D, j * D + D), fA, j * O);
		run(B.subarray(j * D, j * D + D), fB, j * O);
		for (let g = 0; g < k; g++) {
			u.set(A.subarray(j * D, j * D + D));
			for (let d = start[g]; d < start[g] + dims[g]; d++) u[d] = B[j * D + d];
			run(u, fAB[g], j * O);
		}
	}
	const indices = (q: number, rows: ArrayLike<number>) => {
		const n = rows.length;
		let s = 0;
		for (let r = 0; r < n; r++) s += fA[rows[r] * O + q] + fB[rows[r] * O + q];
		const m = s / (2 * n);
		let v = 0;
		for (let r = 0; r < n; r++)
			v += (fA[rows[r] * O + q] - m) ** 2 + (fB[rows[r] * O + q] - m) ** 2;
		v /= 2 * n;
		const first: number[] = [];
		const tot: number[] = [];
		for (let g = 0; g < k; g++) {
			let vi = 0;
			let vt = 0;
			for (let r = 0; r < n; r++) {
				const j = rows[r] * O + q;
				const d = fAB[g][j] - fA[j];
				vi += fB[j] * d;
				vt += d * d;
			}
			first.push(v > 0 ? clamp(vi / n / v) : 0);
			tot.push(v > 0 ? clamp(vt / (2 * n) / v) : 0);
		}
		return { first, total: tot, v };
	};
	const all = Uint32Array.from({ length: N }, (_, j) => j);
	const per = Array.from({ length: O }, (_, q) => indices(q, all));
	const R = o.bootstrap ?? 0;
	const bootFirst: number[][] = Array.from({ length: k }, () => []);
	const bootTotal: number[][] = Array.from({ length: k }, () => []);
	const rows = new Uint32Array(N);
	for (let b = 0; b < R; b++) {
		for (let j = 0; j < N; j++) rows[j] = Math.floor(random() * N);
		const r = indices(0, rows);
		for (let g = 0; g < k; g++) {
			bootFirst[g].push(r.first[g]);
			bootTotal[g].push(r.total[g]);
		}
	}
	const ci = (xs: number[]): [number, number] => {
		if (!xs.length) return [Number.NaN, Number.NaN];
		const s = xs.sort((a, b) => a - b);
		return [quantile7(s, 0.025), quantile7(s, 0.975)];
	};
	return {
		first: per.map((p) => p.first),
		total: per.map((p) => p.total),
		variance: per.map((p) => p.v),
		firstCi: bootFirst.map(ci),
		totalCi: bootTotal.map(ci),
		runs: total
	};
}

const clamp = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
