/**
 * The ranking preview's computations, shared by the page and its tests: an edition's normalised
 * matrix, scores, ranks, bands, pillar contributions and each indicator's effective importance.
 */
import { aggregate } from './aggregate';
import { pearson } from './compare';
import { DEFAULT_SCORING, normalisedColumn, type ScoringMethod } from './method';
import { band, rank } from './rank';
import { rankUncertainty } from './uncertainty';

export type PreviewIndicator = { code: string; pillar: string; direction: 1 | -1 };
export type PreviewCity = {
	id: string;
	name: string;
	country: string;
	region: string;
	values: readonly (number | null)[];
};

/**
 * Every indicator normalised within the edition's universe by the method's normalisation (min-max
 * onto 0 … 100 by default; onto 1 … 100 for the geometric mean — see `normalisedColumn`).
 */
export function editionMatrix(
	cities: readonly PreviewCity[],
	indicators: readonly PreviewIndicator[],
	method: ScoringMethod = DEFAULT_SCORING
): (number | null)[][] {
	const cols = indicators.map((ind, k) =>
		normalisedColumn(
			cities.map((c) => c.values[k]),
			ind.direction,
			method
		)
	);
	return cities.map((_, c) => indicators.map((_, k) => cols[k][c]));
}

/** The share of indicators a city needs for a score (the preview's and the edition review's rule). */
export const MIN_COVERAGE = 0.75;

export function scoreEdition(
	matrix: readonly (readonly (number | null)[])[],
	weights: readonly number[],
	options: { aggregation?: ScoringMethod['aggregation']; minCoverage?: number } = {}
) {
	const scores = aggregate(matrix, weights, {
		method: options.aggregation ?? 'arithmetic',
		minCoverage: options.minCoverage ?? MIN_COVERAGE
	});
	const ranks = rank(scores);
	const n = ranks.filter((r) => r !== null).length;
	const bands = ranks.map((r) => (r === null ? null : band(r, n)));
	return { scores, ranks, bands, n };
}

/** Each pillar's share of a city's score: Σ_i∈p w_i x_i / Σ_i w_i over the values present. */
export function pillarContributions(
	row: readonly (number | null)[],
	weights: readonly number[],
	indicators: readonly PreviewIndicator[],
	pillars: readonly string[]
): number[] {
	let wsum = 0;
	row.forEach((v, i) => {
		if (v !== null) wsum += weights[i];
	});
	return pillars.map((p) =>
		wsum === 0
			? 0
			: row.reduce<number>(
					(s, v, i) => (v !== null && indicators[i].pillar === p ? s + (weights[i] * v) / wsum : s),
					0
				)
	);
}

/**
 * Effective importance (OECD/JRC Handbook 2008, §6; COINr's correlation analysis): Pearson's r
 * between each indicator's normalised values and the index, over the cities that have both.
 */
export function effectiveImportance(
	matrix: readonly (readonly (number | null)[])[],
	scores: readonly (number | null)[]
): (number | null)[] {
	const k = matrix[0]?.length ?? 0;
	return Array.from({ length: k }, (_, i) => {
		const xs: number[] = [];
		const ys: number[] = [];
		matrix.forEach((row, c) => {
			if (row[i] !== null && scores[c] !== null) {
				xs.push(row[i] as number);
				ys.push(scores[c] as number);
			}
		});
		return xs.length > 2 ? pearson(xs, ys) : null;
	});
}

export type EditionUncertainty = {
	/** Per city of the edition (null where the city has no score: below the coverage rule). */
	median: (number | null)[];
	p5: (number | null)[];
	p95: (number | null)[];
	bandProbabilities: (number[] | null)[];
	/** The nominal rank: the point estimate's rank (`scoreEdition`) for the nominal weights. */
	nominal: (number | null)[];
};

/**
 * The Monte Carlo rank intervals of an edition, scored exactly as `scoreEdition` scores the point
 * estimate: the same normalised matrix, the same missing-value rule (missing values drop out, weights
 * renormalised) and the same coverage rule (cities below it are not ranked, and the bands are cut on
 * the cities that are). The preview, its worker and the edition review all call this.
 */
export function editionUncertainty(
	matrix: readonly (readonly (number | null)[])[],
	weightSets: readonly (readonly number[])[],
	options: {
		nominalWeights: readonly number[];
		aggregation?: ScoringMethod['aggregation'];
		minCoverage?: number;
		onProgress?: (done: number, total: number) => void;
	}
): EditionUncertainty {
	const point = scoreEdition(matrix, options.nominalWeights, options);
	const covered = point.scores.map((s) => s !== null);
	const rows = matrix.filter((_, c) => covered[c]);
	const n = matrix.length;
	const out: EditionUncertainty = {
		median: new Array(n).fill(null),
		p5: new Array(n).fill(null),
		p95: new Array(n).fill(null),
		bandProbabilities: new Array(n).fill(null),
		nominal: point.ranks
	};
	if (rows.length === 0) return out;
	const u = rankUncertainty(rows, weightSets, {
		method: options.aggregation ?? 'arithmetic',
		onProgress: options.onProgress
	});
	let r = 0;
	for (let c = 0; c < n; c++) {
		if (!covered[c]) continue;
		out.median[c] = u.median[r];
		out.p5[c] = u.p5[r];
		out.p95[c] = u.p95[r];
		out.bandProbabilities[c] = u.bandProbabilities[r];
		r++;
	}
	return out;
}

/** Splits global weights into pillar shares and within-pillar shares (for the sliders), and back. */
export function splitWeights(
	weights: readonly number[],
	indicators: readonly PreviewIndicator[],
	pillars: readonly string[]
) {
	const pillarW = pillars.map((p) =>
		indicators.reduce((s, ind, i) => (ind.pillar === p ? s + weights[i] : s), 0)
	);
	const local = indicators.map((ind, i) => {
		const pw = pillarW[pillars.indexOf(ind.pillar)];
		return pw > 0 ? weights[i] / pw : 0;
	});
	return { pillarW, local };
}

export function joinWeights(
	pillarW: readonly number[],
	local: readonly number[],
	indicators: readonly PreviewIndicator[],
	pillars: readonly string[]
): number[] {
	const ps = pillarW.reduce((s, x) => s + x, 0);
	const localSum = pillars.map((p) =>
		indicators.reduce((s, ind, i) => (ind.pillar === p ? s + local[i] : s), 0)
	);
	return indicators.map((ind, i) => {
		const p = pillars.indexOf(ind.pillar);
		return ps > 0 && localSum[p] > 0 ? (pillarW[p] / ps) * (local[i] / localSum[p]) : 0;
	});
}
