/**
 * The ranking preview's computations, shared by the page and its tests: an edition's normalised
 * matrix, scores, ranks, bands, pillar contributions and each indicator's effective importance.
 */
import { aggregate } from './aggregate';
import { pearson } from './compare';
import { normalise } from './normalise';
import { band, rank } from './rank';

export type PreviewIndicator = { code: string; pillar: string; direction: 1 | -1 };
export type PreviewCity = {
	id: string;
	name: string;
	country: string;
	region: string;
	values: readonly (number | null)[];
};

/** Min-max normalisation of every indicator within the edition's universe (0 … 100). */
export function editionMatrix(
	cities: readonly PreviewCity[],
	indicators: readonly PreviewIndicator[]
): (number | null)[][] {
	const cols = indicators.map((ind, k) =>
		normalise(
			cities.map((c) => c.values[k]),
			{ direction: ind.direction }
		)
	);
	return cities.map((_, c) => indicators.map((_, k) => cols[k][c]));
}

export function scoreEdition(
	matrix: readonly (readonly (number | null)[])[],
	weights: readonly number[],
	minCoverage = 0.75
) {
	const scores = aggregate(matrix, weights, { minCoverage });
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

/** Complete values for the Monte Carlo: a missing normalised value takes the indicator's mean. */
export function imputeMeans(matrix: readonly (readonly (number | null)[])[]): number[][] {
	const k = matrix[0]?.length ?? 0;
	const means = Array.from({ length: k }, (_, i) => {
		const xs = matrix.map((r) => r[i]).filter((v): v is number => v !== null);
		return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 50;
	});
	return matrix.map((row) => row.map((v, i) => (v === null ? means[i] : v)));
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
