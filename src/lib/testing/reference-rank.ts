/**
 * The straightforward rank Monte Carlo: every draw's ranks stored, a comparator sort per draw, each
 * city's draws sorted for its quantiles. It is the reference the fast path in
 * src/lib/scoring/uncertainty.ts is tested against (same figures on seeded inputs, ties and missing
 * values included) and the JS baseline of `npm run bench`. Not used by the app.
 */
import { uncertaintyInput, type RankUncertainty } from '../scoring/uncertainty';

export function rankUncertaintyStraightforward(
	values: readonly (readonly (number | null)[])[],
	weightSets: readonly (readonly number[])[],
	options: {
		method?: 'arithmetic' | 'geometric';
		nominalWeights?: readonly number[];
		onProgress?: (done: number, total: number) => void;
	} = {}
): RankUncertainty {
	const { n, k, x, present, anyMissing } = uncertaintyInput(values, weightSets, options.method);
	const draws = weightSets.length;
	const ranks = new Uint32Array(draws * n); // draw-major
	const scores = new Float64Array(n);
	const order = new Uint32Array(n);
	const w = new Float64Array(k);
	const cmp = (a: number, b: number) => scores[b] - scores[a];
	const rankDraw = (weights: readonly number[], out: Uint32Array, offset: number) => {
		if (weights.length !== k)
			throw new Error(`a weight set has ${weights.length} weights, expected ${k}`);
		let sum = 0;
		for (let i = 0; i < k; i++) {
			const wi = weights[i];
			if (!(wi >= 0) || !Number.isFinite(wi))
				throw new Error(`weights must be finite and non-negative, got ${String(wi)}`);
			w[i] = wi;
			sum += wi;
		}
		if (sum <= 0) throw new Error('a weight set sums to zero');
		for (let c = 0; c < n; c++) {
			let s = 0;
			const base = c * k;
			for (let i = 0; i < k; i++) s += w[i] * x[base + i];
			if (anyMissing) {
				let ws = 0;
				for (let i = 0; i < k; i++) ws += w[i] * present[base + i];
				// A city whose present indicators all weigh 0 in this draw ranks last.
				scores[c] = ws > 0 ? s / ws : -Infinity;
			} else scores[c] = s / sum;
			order[c] = c;
		}
		order.sort(cmp);
		for (let j = 0; j < n; j++) {
			const c = order[j];
			out[offset + c] =
				j > 0 && scores[c] === scores[order[j - 1]] ? out[offset + order[j - 1]] : j + 1;
		}
	};
	const step = Math.max(1, Math.floor(draws / 50));
	for (let d = 0; d < draws; d++) {
		rankDraw(weightSets[d], ranks, d * n);
		if (options.onProgress && (d % step === 0 || d === draws - 1)) options.onProgress(d + 1, draws);
	}
	const cut = [Math.floor(0.1 * n), Math.floor(0.3 * n), Math.floor(0.6 * n)];
	const median = new Array<number>(n);
	const p5 = new Array<number>(n);
	const p95 = new Array<number>(n);
	const bandProbabilities: number[][] = [];
	const col = new Float64Array(draws);
	const q = (p: number) => {
		const h = (draws - 1) * p;
		const lo = Math.floor(h);
		const hi = Math.min(lo + 1, draws - 1);
		return col[lo] + (h - lo) * (col[hi] - col[lo]);
	};
	for (let c = 0; c < n; c++) {
		const counts = [0, 0, 0, 0];
		for (let d = 0; d < draws; d++) {
			const r = ranks[d * n + c];
			col[d] = r;
			counts[r <= cut[0] ? 0 : r <= cut[1] ? 1 : r <= cut[2] ? 2 : 3]++;
		}
		col.sort();
		median[c] = q(0.5);
		p5[c] = q(0.05);
		p95[c] = q(0.95);
		bandProbabilities.push(counts.map((v) => v / draws));
	}
	const result: RankUncertainty = { median, p5, p95, bandProbabilities };
	if (options.nominalWeights) {
		const nominal = new Uint32Array(n);
		rankDraw(options.nominalWeights, nominal, 0);
		result.nominal = Array.from(nominal);
	}
	return result;
}
