/**
 * Rank uncertainty by Monte Carlo (OECD/JRC Handbook 2008, §7; COINr's get_sensitivity): every weight
 * set is one draw; each city's rank in each draw by standard competition ranking; per city the median,
 * 5th and 95th percentile rank (type 7 over the draws) and the probability of each published band.
 * Each draw scores exactly as the point estimate does (`aggregate`): a missing value (null) drops out
 * and the city's remaining weights are renormalised — never an imputed value, which would rank the
 * draws differently from the nominal ranking beside them.
 * Written for speed (npm run bench compares it with a straightforward C version): typed arrays, no
 * allocation per draw, insertion sort from the previous draw's order, a rank histogram per city
 * instead of storing and sorting every draw. The straightforward path (a comparator sort per draw, the
 * draws stored and sorted per city) lives in src/lib/testing and a test holds the two to the same
 * figures, ties and missing values included.
 */
export type RankUncertainty = {
	median: number[];
	p5: number[];
	p95: number[];
	bandProbabilities: number[][];
	nominal?: number[];
};

export function rankUncertainty(
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
	const scores = new Float64Array(n);
	// The cities in score order, kept from one draw to the next: draws are perturbations of the same
	// weights, so the previous order is nearly sorted and insertion sort costs O(n + swaps), not a
	// comparator call per comparison.
	const order = Uint32Array.from({ length: n }, (_, c) => c);
	const w = new Float64Array(k);
	const missing = anyMissing;
	/** Scores one weight set and leaves `order` sorted by score, best first (ties stay in place). */
	const scoreAndSort = (weights: readonly number[]) => {
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
		scoreDraw(x, present, missing, w, sum, scores, n, k);
		insertionSortDescending(order, scores, n);
	};
	// Each city's rank histogram over the draws (ranks are integers 1 … n): quantiles and band
	// probabilities come from counts, with no per-city sort of the draws.
	const hist = new Uint32Array(n * n);
	const step = Math.max(1, Math.floor(draws / 50));
	for (let d = 0; d < draws; d++) {
		scoreAndSort(weightSets[d]);
		// Standard competition ranks (1, 2, 2, 4) down the sorted draw.
		let r = 1;
		for (let j = 0; j < n; j++) {
			const c = order[j];
			if (j > 0 && scores[c] !== scores[order[j - 1]]) r = j + 1;
			hist[c * n + r - 1]++;
		}
		if (options.onProgress && (d % step === 0 || d === draws - 1)) options.onProgress(d + 1, draws);
	}
	const cut = [Math.floor(0.1 * n), Math.floor(0.3 * n), Math.floor(0.6 * n)];
	const median = new Array<number>(n);
	const p5 = new Array<number>(n);
	const p95 = new Array<number>(n);
	const bandProbabilities: number[][] = [];
	// The value at 0-based position `pos` of the city's sorted ranks, read off the histogram.
	const orderStatistic = (base: number, pos: number) => {
		let seen = 0;
		for (let r = 0; r < n; r++) {
			seen += hist[base + r];
			if (seen > pos) return r + 1;
		}
		return n;
	};
	// Type 7 (R's default), as quantile7 in the AHP core: h = (draws − 1)·p, between floor(h) and the next.
	const q = (base: number, p: number) => {
		const h = (draws - 1) * p;
		const lo = Math.floor(h);
		const hi = Math.min(lo + 1, draws - 1);
		const a = orderStatistic(base, lo);
		const b = hi === lo ? a : orderStatistic(base, hi);
		return a + (h - lo) * (b - a);
	};
	for (let c = 0; c < n; c++) {
		const base = c * n;
		const counts = [0, 0, 0, 0];
		for (let r = 1; r <= n; r++) {
			const m = hist[base + r - 1];
			if (m) counts[r <= cut[0] ? 0 : r <= cut[1] ? 1 : r <= cut[2] ? 2 : 3] += m;
		}
		median[c] = q(base, 0.5);
		p5[c] = q(base, 0.05);
		p95[c] = q(base, 0.95);
		bandProbabilities.push(counts.map((v) => v / draws));
	}
	const result: RankUncertainty = { median, p5, p95, bandProbabilities };
	if (options.nominalWeights) {
		const nominal = new Array<number>(n);
		scoreAndSort(options.nominalWeights);
		let r = 1;
		for (let j = 0; j < n; j++) {
			const c = order[j];
			if (j > 0 && scores[c] !== scores[order[j - 1]]) r = j + 1;
			nominal[c] = r;
		}
		result.nominal = nominal;
	}
	return result;
}

/** Each city's score under one weight set (w sums to `sum`); see rankUncertainty for the rules. */
function scoreDraw(
	x: Float64Array,
	present: Float64Array,
	missing: boolean,
	w: Float64Array,
	sum: number,
	scores: Float64Array,
	n: number,
	k: number
): void {
	for (let c = 0; c < n; c++) {
		let s = 0;
		const base = c * k;
		for (let i = 0; i < k; i++) s += w[i] * x[base + i];
		if (missing) {
			let ws = 0;
			for (let i = 0; i < k; i++) ws += w[i] * present[base + i];
			// A city whose present indicators all weigh 0 in this draw ranks last.
			scores[c] = ws > 0 ? s / ws : -Infinity;
		} else scores[c] = s / sum;
	}
}

/** Insertion sort of `order` by score, highest first; stable, so tied cities keep their places. */
export function insertionSortDescending(order: Uint32Array, scores: Float64Array, n: number): void {
	for (let j = 1; j < n; j++) {
		const c = order[j];
		const sc = scores[c];
		let i = j - 1;
		while (i >= 0 && scores[order[i]] < sc) {
			order[i + 1] = order[i];
			i--;
		}
		order[i + 1] = c;
	}
}

/**
 * The rank Monte Carlo's input, checked once: cities × indicators row-major (logs for the geometric
 * mean) and which values are present. Shared by the fast path and its straightforward twin in
 * src/lib/testing, which differ only in how they score, sort and summarise the draws.
 */
export function uncertaintyInput(
	values: readonly (readonly (number | null)[])[],
	weightSets: readonly (readonly number[])[],
	aggregation?: 'arithmetic' | 'geometric'
) {
	const n = values.length;
	if (n === 0) throw new Error('rankUncertainty needs at least one city');
	if (weightSets.length === 0) throw new Error('rankUncertainty needs at least one weight set');
	const k = values[0].length;
	const method = aggregation ?? 'arithmetic';
	if (method !== 'arithmetic' && method !== 'geometric')
		throw new Error(`unknown aggregation "${String(method)}"`);
	// Cities × indicators, row-major; logs for the geometric mean; `present` marks the values given.
	const x = new Float64Array(n * k);
	const present = new Float64Array(n * k);
	let anyMissing = false;
	values.forEach((row, c) => {
		if (row.length !== k) throw new Error(`city ${c} has ${row.length} values, expected ${k}`);
		if (row.every((v) => v === null)) throw new Error(`city ${c} has no values (drop it first)`);
		row.forEach((v, i) => {
			if (v === null) {
				anyMissing = true;
				return;
			}
			if (typeof v !== 'number' || !Number.isFinite(v))
				throw new Error(
					`values must be finite numbers or null, got ${String(v)} at city ${c}, indicator ${i}`
				);
			present[c * k + i] = 1;
			if (method === 'geometric' && v <= 0)
				throw new Error(
					`the geometric mean needs every value > 0, got ${v} at city ${c}, indicator ${i}`
				);
			x[c * k + i] = method === 'geometric' ? Math.log(v) : v;
		});
	});
	return { n, k, x, present, anyMissing };
}
