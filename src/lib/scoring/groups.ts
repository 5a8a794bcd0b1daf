/**
 * What the 2023 release showed beyond the city ranking, computed from the same scores: each pillar
 * alone (subscales), city clusters (named groups of cities) and city classes (in the spirit of the
 * CAICT urban digital economy report). Pure; the preview, the edition review, the appendix and the
 * downloads all call these.
 */
import { quantile7 } from '../ahp/stats';
import { aggregate } from './aggregate';
import type { ScoringMethod } from './method';
import { MIN_COVERAGE, type PreviewIndicator } from './preview';
import { band, rank } from './rank';

export type Subscale = {
	pillar: string;
	scores: (number | null)[];
	ranks: (number | null)[];
	bands: (0 | 1 | 2 | 3 | null)[];
	n: number;
};

/**
 * Each pillar alone: a city's score on the pillar's indicators with their weights within the pillar
 * (equal weights where the pillar weighs nothing), the same aggregation and the same coverage rule
 * applied to the pillar's indicators; ranked and banded among the cities that have one.
 */
export function pillarSubscales(
	matrix: readonly (readonly (number | null)[])[],
	weights: readonly number[],
	indicators: readonly PreviewIndicator[],
	pillars: readonly string[],
	options: { aggregation?: ScoringMethod['aggregation']; minCoverage?: number } = {}
): Subscale[] {
	return pillars.map((p) => {
		const cols = indicators.flatMap((ind, i) => (ind.pillar === p ? [i] : []));
		let w = cols.map((i) => weights[i]);
		if (!w.some((x) => x > 0)) w = cols.map(() => 1);
		const scores = aggregate(
			matrix.map((row) => cols.map((i) => row[i])),
			w,
			{
				method: options.aggregation ?? 'arithmetic',
				minCoverage: options.minCoverage ?? MIN_COVERAGE
			}
		);
		const ranks = rank(scores);
		const n = ranks.filter((r) => r !== null).length;
		return {
			pillar: p,
			scores,
			ranks,
			bands: ranks.map((r) => (r === null ? null : band(r, n))),
			n
		};
	});
}

export const GROUP_KINDS = ['coastal', 'inland', 'other'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export type CityGroup = {
	code: string;
	nameEn: string;
	nameZh: string;
	kind: GroupKind;
	cityIds: readonly string[];
};

export type GroupFigures = {
	code: string;
	/** Member cities in the edition with a score; `indices` are their positions in the edition. */
	indices: number[];
	members: number;
	/** Members outside the edition's universe or without a score (below the coverage rule). */
	outside: number;
	meanScore: number | null;
	medianScore: number | null;
	/** Per pillar, the mean subscale score of the members that have one. */
	pillarMeans: (number | null)[];
	best: { index: number; rank: number } | null;
	worst: { index: number; rank: number } | null;
	/** Share of the members in each of the four bands. */
	bandShares: [number, number, number, number];
	/** The "pulled down" effect: the mean of the best `topK` members beside the mean of all. */
	topK: number;
	topKMean: number | null;
	/** The cluster's rank by mean total score among the clusters that have members (1 = best). */
	rank: number | null;
};

const mean = (xs: readonly number[]) =>
	xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;

/**
 * Cluster figures for one weight set: per group, its scored members in the edition, their mean and
 * median total score, each pillar's mean subscale, the best and worst member, the share in each band,
 * the mean of the best k members (the "pulled down" effect), and the clusters ranked by mean score.
 */
export function groupFigures(
	groups: readonly CityGroup[],
	cityIds: readonly string[],
	total: {
		scores: readonly (number | null)[];
		ranks: readonly (number | null)[];
		bands: readonly (number | null)[];
	},
	subscales: readonly Pick<Subscale, 'scores'>[],
	options: { topK?: number } = {}
): GroupFigures[] {
	const topK = options.topK ?? 3;
	const at = new Map(cityIds.map((id, i) => [id, i]));
	const figures = groups.map((g): GroupFigures => {
		const indices = g.cityIds
			.map((id) => at.get(id))
			.filter((i): i is number => i !== undefined && total.scores[i] !== null)
			.sort((a, b) => total.ranks[a]! - total.ranks[b]! || a - b);
		const scores = indices.map((i) => total.scores[i]!);
		const sorted = [...scores].sort((a, b) => a - b);
		const shares: [number, number, number, number] = [0, 0, 0, 0];
		for (const i of indices) shares[total.bands[i]!] += 1 / indices.length;
		return {
			code: g.code,
			indices,
			members: indices.length,
			outside: g.cityIds.length - indices.length,
			meanScore: mean(scores),
			medianScore: sorted.length ? quantile7(sorted, 0.5) : null,
			pillarMeans: subscales.map((s) =>
				mean(indices.flatMap((i) => (s.scores[i] === null ? [] : [s.scores[i]!])))
			),
			best: indices.length ? { index: indices[0], rank: total.ranks[indices[0]]! } : null,
			worst: indices.length
				? { index: indices.at(-1)!, rank: total.ranks[indices.at(-1)!]! }
				: null,
			bandShares: shares,
			topK,
			topKMean: mean(indices.slice(0, topK).map((i) => total.scores[i]!)),
			rank: null
		};
	});
	const ranks = rank(figures.map((f) => f.meanScore));
	figures.forEach((f, i) => (f.rank = ranks[i]));
	return figures;
}

/**
 * Monte Carlo intervals for the cluster ranks, from the same weight sets as the city intervals: per
 * draw, every member's score (the point estimate's rule: missing values drop out), each cluster's mean
 * and the clusters' ranks; per cluster the 5th, 50th and 95th percentile (type 7) of its rank.
 */
export function groupRankIntervals(
	matrix: readonly (readonly (number | null)[])[],
	weightSets: readonly (readonly number[])[],
	figures: readonly Pick<GroupFigures, 'indices'>[],
	options: { aggregation?: ScoringMethod['aggregation'] } = {}
): { p5: number | null; median: number | null; p95: number | null }[] {
	// Typed arrays and a rank histogram per cluster (the Monte Carlo draws 10,000 weight sets): the
	// members' values once (logs for the geometric mean), per draw their scores, the clusters' means
	// and the clusters' competition ranks. A test holds it to `aggregate` + `rank` per draw.
	const geometric = options.aggregation === 'geometric';
	const used = [...new Set(figures.flatMap((f) => f.indices))].sort((a, b) => a - b);
	const G = figures.length;
	const n = used.length;
	const k = matrix[0]?.length ?? 0;
	const x = new Float64Array(n * k);
	const present = new Float64Array(n * k);
	used.forEach((c, u) =>
		matrix[c].forEach((v, i) => {
			if (v === null) return;
			x[u * k + i] = geometric ? Math.log(v) : v;
			present[u * k + i] = 1;
		})
	);
	const row = new Map(used.map((c, u) => [c, u]));
	const members = figures.map((f) => Int32Array.from(f.indices, (c) => row.get(c)!));
	const scores = new Float64Array(n);
	const means = new Float64Array(G);
	const hist = new Uint32Array(G * G);
	for (const w of weightSets) {
		for (let u = 0; u < n; u++) {
			let sum = 0;
			let ws = 0;
			for (let i = 0; i < k; i++) {
				sum += w[i] * x[u * k + i];
				ws += w[i] * present[u * k + i];
			}
			const s = sum / ws;
			scores[u] = geometric ? Math.exp(s) : s;
		}
		for (let g = 0; g < G; g++) {
			const ms = members[g];
			let sum = 0;
			for (let j = 0; j < ms.length; j++) sum += scores[ms[j]];
			means[g] = ms.length ? sum / ms.length : NaN;
		}
		// Competition rank: 1 + the number of clusters with a strictly higher mean.
		for (let g = 0; g < G; g++) {
			if (members[g].length === 0) continue;
			let r = 1;
			for (let h = 0; h < G; h++) if (members[h].length && means[h] > means[g]) r++;
			hist[g * G + r - 1]++;
		}
	}
	const draws = weightSets.length;
	const at = (g: number, pos: number) => {
		let seen = 0;
		for (let r = 0; r < G; r++) {
			seen += hist[g * G + r];
			if (seen > pos) return r + 1;
		}
		return G;
	};
	// Type 7 over the draws, read off the histogram.
	const q = (g: number, p: number) => {
		const h = (draws - 1) * p;
		const lo = Math.floor(h);
		const a = at(g, lo);
		const b = lo + 1 < draws ? at(g, lo + 1) : a;
		return a + (h - lo) * (b - a);
	};
	return figures.map((_, g) =>
		members[g].length === 0 || draws === 0
			? { p5: null, median: null, p95: null }
			: { p5: q(g, 0.05), median: q(g, 0.5), p95: q(g, 0.95) }
	);
}

export const CITY_CLASSES = ['leadership', 'characteristic', 'potential'] as const;
export type CityClass = (typeof CITY_CLASSES)[number];
/** A band below `topBands` counts as "top": 1 = the top 10 %, 2 = the top 30 %, 3 = the top 60 %. */
export type ClassRule = { topBands: 1 | 2 | 3 };
export const DEFAULT_CLASS_RULE: ClassRule = { topBands: 1 };

/**
 * City classes in the spirit of the CAICT urban digital economy report: comprehensive leadership = a
 * top band in the total and in every pillar; characteristic development = a top band in at least one
 * pillar (or the total) but not everywhere; potential enhancement = the rest. Cities without a total
 * score have no class; a pillar the city has no subscale on does not count as top.
 */
export function cityClasses(
	totalBands: readonly (number | null)[],
	pillarBands: readonly (readonly (number | null)[])[],
	rule: ClassRule = DEFAULT_CLASS_RULE
): (CityClass | null)[] {
	const top = (b: number | null) => b !== null && b < rule.topBands;
	return totalBands.map((b, c) => {
		if (b === null) return null;
		const pillarsTop = pillarBands.map((p) => top(p[c]));
		if (top(b) && pillarsTop.every(Boolean)) return 'leadership';
		if (top(b) || pillarsTop.some(Boolean)) return 'characteristic';
		return 'potential';
	});
}

/** Cities whose class differs between two weight sets (both classified). */
export function classChanges(
	from: readonly (CityClass | null)[],
	to: readonly (CityClass | null)[]
): { index: number; from: CityClass; to: CityClass }[] {
	return from.flatMap((a, i) =>
		a !== null && to[i] !== null && a !== to[i] ? [{ index: i, from: a, to: to[i]! }] : []
	);
}

/** Counts per class, in CITY_CLASSES order. */
export function classCounts(classes: readonly (CityClass | null)[]): number[] {
	return CITY_CLASSES.map((k) => classes.filter((c) => c === k).length);
}
