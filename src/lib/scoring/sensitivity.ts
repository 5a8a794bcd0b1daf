/**
 * Which inputs move the ranks: the Sobol analysis of an edition's ranking (see sobol.ts) with four
 * input groups, as the OECD/JRC Handbook (§7) and COINr's get_sensitivity treat a composite's
 * uncertain choices — which experts (an expert bootstrap: one dimension per expert, each picking an
 * expert), pillar-weight noise (each pillar's weight × (1 + U(−f, f)), renormalised), the
 * normalisation (min-max, z-score, percentile rank, equally likely) and the aggregation (arithmetic,
 * geometric). Outputs: the mean absolute rank shift R_S against the nominal ranking, then each city's
 * rank. And which experts move it: leave-one-expert-out.
 */
import { compareRankings } from './compare';
import { AGGREGATION_METHODS, NORMALISATION_METHODS, type ScoringMethod } from './method';
import { editionMatrix, scoreEdition, type PreviewCity, type PreviewIndicator } from './preview';
import { panelWeigher, type BootstrapPanel } from './samplers';
import { sobolIndices, type SobolResult } from './sobol';
import { insertionSortDescending } from './uncertainty';

export const SENSITIVITY_GROUPS = [
	'experts',
	'pillar-noise',
	'normalisation',
	'aggregation'
] as const;
export type SensitivityGroup = (typeof SENSITIVITY_GROUPS)[number];

export type SensitivityRequest = {
	cities: PreviewCity[];
	indicators: PreviewIndicator[];
	pillars: string[];
	nominalWeights: number[];
	nominalMethod: ScoringMethod;
	/** The panel behind the nominal weights; null leaves the expert group out. */
	panel: BootstrapPanel | null;
	/** f of the pillar-weight noise. */
	noise: number;
	N: number;
	seed: number;
	bootstrap: number;
};

export type SensitivityResult = {
	groups: SensitivityGroup[];
	/** Indices of R_S, with bootstrap intervals. */
	rs: {
		first: number[];
		total: number[];
		firstCi: [number, number][];
		totalCi: [number, number][];
	};
	/** Per city of the edition (null where the city has no nominal score). */
	cities: ({ first: number[]; total: number[] } | null)[];
	runs: number;
};

export function rankSensitivity(
	r: SensitivityRequest,
	onProgress?: (done: number, total: number) => void
): SensitivityResult {
	const methods = NORMALISATION_METHODS.flatMap((normalisation) =>
		AGGREGATION_METHODS.map((aggregation) => ({ normalisation, aggregation }))
	);
	const nominal = scoreEdition(
		editionMatrix(r.cities, r.indicators, r.nominalMethod),
		r.nominalWeights,
		{
			aggregation: r.nominalMethod.aggregation
		}
	);
	const covered = nominal.ranks.flatMap((x, c) => (x === null ? [] : [c]));
	if (covered.length < 2)
		throw new Error('the sensitivity analysis needs at least two ranked cities');
	// The six normalised matrices, of the cities the nominal ranking covers, once — each with a
	// ranker that keeps its own order from one run to the next.
	const rankers = methods.map((m) => {
		const full = editionMatrix(r.cities, r.indicators, m);
		return fastRanker(
			covered.map((c) => full[c]),
			m.aggregation === 'geometric'
		);
	});
	const nominalRanks = covered.map((c) => nominal.ranks[c]);
	const pillarOf = r.indicators.map((ind) => r.pillars.indexOf(ind.pillar));
	const weigh = r.panel ? panelWeigher(r.panel.hierarchy, r.panel.experts, r.panel.method) : null;
	const m = r.panel?.experts.length ?? 0;
	const groups: SensitivityGroup[] = weigh
		? [...SENSITIVITY_GROUPS]
		: SENSITIVITY_GROUPS.filter((g) => g !== 'experts');
	const dims = groups.map((g) =>
		g === 'experts' ? m : g === 'pillar-noise' ? r.pillars.length : 1
	);
	const counts = new Array<number>(m).fill(0);
	const out = new Float64Array(1 + covered.length);
	const model = (u: Float64Array) => {
		let at = 0;
		let w: readonly number[] = r.nominalWeights;
		if (weigh) {
			counts.fill(0);
			for (let j = 0; j < m; j++) counts[Math.min(m - 1, Math.floor(u[at + j] * m))]++;
			w = weigh(counts);
			at += m;
		}
		const factor = r.pillars.map((_, p) => 1 + (2 * u[at + p] - 1) * r.noise);
		at += r.pillars.length;
		const noisy = w.map((x, i) => x * factor[pillarOf[i]]);
		const sum = noisy.reduce((s, x) => s + x, 0);
		const weights = noisy.map((x) => x / sum);
		const ni = Math.min(2, Math.floor(u[at] * 3));
		const ai = Math.min(1, Math.floor(u[at + 1] * 2));
		const ranks = rankers[ni * 2 + ai](weights);
		let shift = 0;
		for (let c = 0; c < covered.length; c++) {
			out[1 + c] = ranks[c];
			shift += Math.abs(ranks[c] - nominalRanks[c]!);
		}
		out[0] = shift / covered.length;
		return out;
	};
	const res: SobolResult = sobolIndices({
		dims,
		N: r.N,
		seed: r.seed,
		outputs: out.length,
		model,
		bootstrap: r.bootstrap,
		onProgress
	});
	const cities: SensitivityResult['cities'] = r.cities.map(() => null);
	covered.forEach((c, k) => (cities[c] = { first: res.first[1 + k], total: res.total[1 + k] }));
	return {
		groups,
		rs: { first: res.first[0], total: res.total[0], firstCi: res.firstCi, totalCi: res.totalCi },
		cities,
		runs: res.runs
	};
}

/**
 * Which experts move the ranking: for each expert of the panel, the ranking without them (the
 * panel's weights recomputed without that expert, scored by the method) against the whole panel's —
 * the mean absolute rank shift R_S and the number of cities entering or leaving the top band.
 */
export function leaveOneExpertOut(o: {
	cities: PreviewCity[];
	indicators: PreviewIndicator[];
	method: ScoringMethod;
	panel: BootstrapPanel;
}): { expert: number; meanAbsoluteShift: number; topBandChanges: number }[] {
	const k = o.panel.experts.length;
	if (k < 2) return [];
	const weigh = panelWeigher(o.panel.hierarchy, o.panel.experts, o.panel.method);
	const matrix = editionMatrix(o.cities, o.indicators, o.method);
	const score = (counts: number[]) =>
		scoreEdition(matrix, weigh(counts), { aggregation: o.method.aggregation });
	const all = score(new Array<number>(k).fill(1));
	return o.panel.experts.map((_, j) => {
		const counts = new Array<number>(k).fill(1);
		counts[j] = 0;
		const without = score(counts);
		return {
			expert: j,
			meanAbsoluteShift: compareRankings(all.ranks, without.ranks).meanAbsoluteShift,
			topBandChanges: all.bands.filter(
				(b, c) => b !== null && without.bands[c] !== null && (b === 0) !== (without.bands[c] === 0)
			).length
		};
	});
}

/**
 * Ranks of a fixed matrix under many weight sets, fast (the sensitivity analysis ranks it thousands of
 * times): typed arrays, logs taken once for the geometric mean (ranking by the mean log is ranking by
 * the geometric mean), missing values dropping out with the weights renormalised, insertion sort from
 * the previous call's order, standard competition ranks — the ranks `scoreEdition` gives (a test holds
 * the two together). The returned array is reused by the next call.
 */
export function fastRanker(
	rows: readonly (readonly (number | null)[])[],
	geometric: boolean
): (weights: readonly number[]) => Int32Array {
	const n = rows.length;
	const k = rows[0]?.length ?? 0;
	const x = new Float64Array(n * k);
	const present = new Float64Array(n * k);
	let missing = false;
	rows.forEach((row, c) =>
		row.forEach((v, i) => {
			if (v === null) {
				missing = true;
				return;
			}
			if (geometric && v <= 0)
				throw new Error(`the geometric mean needs every value > 0, got ${v}`);
			x[c * k + i] = geometric ? Math.log(v) : v;
			present[c * k + i] = 1;
		})
	);
	const scores = new Float64Array(n);
	const order = Uint32Array.from({ length: n }, (_, c) => c);
	const ranks = new Int32Array(n);
	return (w) => {
		for (let c = 0; c < n; c++) {
			let s = 0;
			let ws = 0;
			const base = c * k;
			for (let i = 0; i < k; i++) {
				s += w[i] * x[base + i];
				if (missing) ws += w[i] * present[base + i];
			}
			scores[c] = missing ? (ws > 0 ? s / ws : -Infinity) : s;
		}
		insertionSortDescending(order, scores, n);
		let r = 1;
		for (let j = 0; j < n; j++) {
			const c = order[j];
			if (j > 0 && scores[c] !== scores[order[j - 1]]) r = j + 1;
			ranks[c] = r;
		}
		return ranks;
	};
}
