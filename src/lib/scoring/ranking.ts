/**
 * An edition's ranking as the release presents it, for one weight set and one scoring method: the
 * normalised matrix, the total scores, ranks and bands, each pillar's subscale, the cluster figures
 * and the city classes. One derivation: the preview (in the browser), the edition review, the
 * appendix and the downloads all call this, so no two pages can disagree.
 */
import {
	cityClasses,
	DEFAULT_CLASS_RULE,
	groupFigures,
	pillarSubscales,
	type CityGroup,
	type ClassRule
} from './groups';
import { DEFAULT_SCORING, type ScoringMethod } from './method';
import { editionMatrix, scoreEdition, type PreviewCity, type PreviewIndicator } from './preview';

export const TOP_K = 3;

export function editionRanking(o: {
	cities: readonly PreviewCity[];
	indicators: readonly PreviewIndicator[];
	pillars: readonly string[];
	weights: readonly number[];
	method?: ScoringMethod;
	groups?: readonly CityGroup[];
	classRule?: ClassRule;
	/** A matrix already normalised by `method` for these cities (the preview keeps it per method). */
	matrix?: (number | null)[][];
}) {
	const method = o.method ?? DEFAULT_SCORING;
	const matrix = o.matrix ?? editionMatrix(o.cities, o.indicators, method);
	const total = scoreEdition(matrix, o.weights, { aggregation: method.aggregation });
	const subscales = pillarSubscales(matrix, o.weights, o.indicators, o.pillars, {
		aggregation: method.aggregation
	});
	const clusters = groupFigures(
		o.groups ?? [],
		o.cities.map((c) => c.id),
		total,
		subscales,
		{ topK: TOP_K }
	);
	const classes = cityClasses(
		total.bands,
		subscales.map((s) => s.bands),
		o.classRule ?? DEFAULT_CLASS_RULE
	);
	return { matrix, total, subscales, clusters, classes, method };
}
export type EditionRanking = ReturnType<typeof editionRanking>;

export type ClusterInterval = { p5: number | null; median: number | null; p95: number | null };

/** One row of the cluster table, chart and strip (what the pages and downloads show of a cluster). */
export type ClusterRow = {
	code: string;
	nameEn: string;
	nameZh: string;
	kind: CityGroup['kind'];
	members: number;
	outside: number;
	mean: number | null;
	median: number | null;
	pillarMeans: (number | null)[];
	topKMean: number | null;
	best: { name: string; rank: number } | null;
	worst: { name: string; rank: number } | null;
	bandShares: number[];
	rank: number | null;
	/** Cluster rank under the comparison weights minus under these (positive: moved up). */
	shift: number | null;
	interval: ClusterInterval | null;
	/** Each member's rank, best first: the cluster strip's dots. */
	memberRanks: { name: string; rank: number }[];
};

export function clusterRows(
	r: Pick<EditionRanking, 'clusters' | 'total'>,
	groups: readonly CityGroup[],
	cities: readonly Pick<PreviewCity, 'name'>[],
	extras: {
		baseline?: Pick<EditionRanking, 'clusters'>;
		intervals?: readonly ClusterInterval[];
	} = {}
): ClusterRow[] {
	return r.clusters
		.map((f, g) => {
			const b = extras.baseline?.clusters[g];
			const member = (x: { index: number; rank: number } | null) =>
				x ? { name: cities[x.index].name, rank: x.rank } : null;
			return {
				code: f.code,
				nameEn: groups[g].nameEn,
				nameZh: groups[g].nameZh,
				kind: groups[g].kind,
				members: f.members,
				outside: f.outside,
				mean: f.meanScore,
				median: f.medianScore,
				pillarMeans: f.pillarMeans,
				topKMean: f.topKMean,
				best: member(f.best),
				worst: member(f.worst),
				bandShares: f.bandShares,
				rank: f.rank,
				shift: b && b.rank !== null && f.rank !== null ? b.rank - f.rank : null,
				interval: extras.intervals?.[g] ?? null,
				memberRanks: f.indices.map((i) => ({ name: cities[i].name, rank: r.total.ranks[i]! }))
			};
		})
		.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
}
