import { describe, expect, it } from 'vitest';
import { normalise } from './normalise';
import { editionMatrix, scoreEdition, type PreviewCity } from './preview';
import {
	classChanges,
	classCounts,
	cityClasses,
	groupFigures,
	groupRankIntervals,
	pillarSubscales
} from './groups';
import { fastRanker, leaveOneExpertOut, rankSensitivity } from './sensitivity';
import { mulberry32 } from '../random';
import { aggregate } from './aggregate';
import { rank } from './rank';
import { quantile7 } from '../ahp/stats';
import { hierarchyOf } from '../survey/index';

const indicators = [
	{ code: 'A', pillar: 'P', direction: 1 as const },
	{ code: 'B', pillar: 'P', direction: -1 as const },
	{ code: 'C', pillar: 'Q', direction: 1 as const },
	{ code: 'D', pillar: 'Q', direction: 1 as const }
];
/** Twenty cities with seeded values, one value missing. */
const cities: PreviewCity[] = Array.from({ length: 20 }, (_, c) => {
	const r = mulberry32(100 + c);
	return {
		id: `c${c}`,
		name: `City ${c}`,
		country: c < 10 ? 'X' : 'Y',
		region: 'r',
		values: [10 + 90 * r(), 1 + 9 * r(), c === 3 ? null : 100 * r(), 50 * r() + c]
	};
});
const weights = [0.3, 0.2, 0.3, 0.2];

describe('normalise: percentile rank (dplyr::percent_rank)', () => {
	it('is (min rank − 1)/(n − 1), ties sharing the lower rank, onto the range', () => {
		// percent_rank(c(1, 2, 2, 5, 9)) = 0, 0.25, 0.25, 0.75, 1
		expect(normalise([1, 2, 2, 5, 9], { method: 'percentile' })).toEqual([0, 25, 25, 75, 100]);
		expect(normalise([9, null, 1], { method: 'percentile', direction: -1 })).toEqual([
			0,
			null,
			100
		]);
		expect(normalise([4, 4], { method: 'percentile' })).toEqual([50, 50]);
		expect(normalise([1, 2, 3], { method: 'percentile', range: [1, 100] })).toEqual([1, 50.5, 100]);
	});
});

describe('scoring methods', () => {
	it('the geometric mean scores on [1, 100]; z-scores rescaled for it equal min-max', () => {
		const g = editionMatrix(cities, indicators, {
			normalisation: 'min-max',
			aggregation: 'geometric'
		});
		for (const row of g) for (const v of row) if (v !== null) expect(v >= 1 && v <= 100).toBe(true);
		const z = editionMatrix(cities, indicators, {
			normalisation: 'z-score',
			aggregation: 'geometric'
		});
		z.forEach((row, c) =>
			row.forEach((v, k) =>
				v === null ? expect(g[c][k]).toBeNull() : expect(v).toBeCloseTo(g[c][k]!, 12)
			)
		);
		const s = scoreEdition(g, weights, { aggregation: 'geometric' });
		expect(s.scores.every((x) => x === null || (x >= 1 && x <= 100))).toBe(true);
		// Geometric ≤ arithmetic (AM–GM), city by city, on the same values.
		const a = scoreEdition(g, weights);
		s.scores.forEach((x, c) => expect(x!).toBeLessThanOrEqual(a.scores[c]! + 1e-9));
	});
});

describe('pillar subscales', () => {
	it('score each pillar on its own indicators with their weights within it', () => {
		const m = editionMatrix(cities, indicators);
		const [p, q] = pillarSubscales(m, weights, indicators, ['P', 'Q']);
		expect(p.scores[0]).toBeCloseTo((0.3 * m[0][0]! + 0.2 * m[0][1]!) / 0.5, 12);
		// City 3 lacks C: its Q subscale is D alone, below the 75 % coverage rule → no Q score.
		expect(q.scores[3]).toBeNull();
		expect(q.n).toBe(19);
		expect(Math.min(...(p.ranks as number[]))).toBe(1);
		// A pillar that weighs nothing is scored with equal weights inside it.
		const [, q0] = pillarSubscales(m, [0.5, 0.5, 0, 0], indicators, ['P', 'Q']);
		expect(q0.scores[0]).toBeCloseTo((m[0][2]! + m[0][3]!) / 2, 12);
	});
});

describe('cluster figures', () => {
	const m = editionMatrix(cities, indicators);
	const total = scoreEdition(m, weights);
	const subs = pillarSubscales(m, weights, indicators, ['P', 'Q']);
	const ids = cities.map((c) => c.id);
	it('of a one-city cluster equal that city’s figures', () => {
		const [f] = groupFigures(
			[{ code: 'one', nameEn: 'One', nameZh: '', kind: 'other', cityIds: ['c5'] }],
			ids,
			total,
			subs
		);
		expect(f.members).toBe(1);
		expect(f.meanScore).toBe(total.scores[5]);
		expect(f.medianScore).toBe(total.scores[5]);
		expect(f.topKMean).toBe(total.scores[5]);
		expect(f.pillarMeans).toEqual(subs.map((s) => s.scores[5]));
		expect(f.best).toEqual({ index: 5, rank: total.ranks[5] });
		expect(f.worst).toEqual(f.best);
		expect(f.bandShares[total.bands[5]!]).toBe(1);
		expect(f.rank).toBe(1);
	});
	it('rank clusters by mean score, count members outside the edition, show the pull-down', () => {
		const gs = [
			{ code: 'x', nameEn: 'X', nameZh: '', kind: 'coastal' as const, cityIds: ids.slice(0, 10) },
			{
				code: 'y',
				nameEn: 'Y',
				nameZh: '',
				kind: 'inland' as const,
				cityIds: [...ids.slice(10), 'elsewhere']
			},
			{ code: 'z', nameEn: 'Z', nameZh: '', kind: 'other' as const, cityIds: ['elsewhere'] }
		];
		const f = groupFigures(gs, ids, total, subs, { topK: 3 });
		const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(f[0].meanScore).toBeCloseTo(mean(total.scores.slice(0, 10) as number[]), 12);
		expect(f[1].outside).toBe(1);
		expect(f[2].members).toBe(0);
		expect(f[2].rank).toBeNull();
		expect([f[0].rank, f[1].rank].sort()).toEqual([1, 2]);
		for (const g of f.slice(0, 2)) {
			expect(g.topKMean!).toBeGreaterThanOrEqual(g.meanScore!);
			expect(g.bandShares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
			expect(g.best!.rank).toBeLessThanOrEqual(g.worst!.rank);
		}
		// Monte Carlo intervals of the cluster ranks bracket a draw-free nominal rank.
		const sets = [weights, [0.1, 0.1, 0.4, 0.4], [0.4, 0.4, 0.1, 0.1]];
		const iv = groupRankIntervals(m, sets, f);
		expect(iv[2]).toEqual({ p5: null, median: null, p95: null });
		for (const g of iv.slice(0, 2)) expect(g.p5! <= g.median! && g.median! <= g.p95!).toBe(true);
		const same = groupRankIntervals(m, [weights, weights], f);
		expect(same[0].median).toBe(f[0].rank);
	});
});

describe('city classes', () => {
	it('leadership = top in total and every pillar; characteristic = top somewhere; potential = the rest', () => {
		const totalBands = [0, 0, 1, 3, null];
		const pillarBands = [
			[0, 1, 0, 3, 0],
			[0, 3, 2, 3, 0]
		];
		const c = cityClasses(totalBands, pillarBands, { topBands: 1 });
		expect(c).toEqual(['leadership', 'characteristic', 'characteristic', 'potential', null]);
		expect(classCounts(c)).toEqual([1, 2, 1]);
		// A wider "top" (the top 30 %) promotes city 1 … and city 2 still lacks its second pillar.
		const wide = cityClasses(totalBands, pillarBands, { topBands: 2 });
		expect(wide.slice(0, 3)).toEqual(['leadership', 'characteristic', 'characteristic']);
		expect(
			classChanges(c, ['potential', 'characteristic', 'characteristic', 'potential', 'potential'])
		).toEqual([{ index: 0, from: 'leadership', to: 'potential' }]);
	});
});

describe('which inputs move the ranks', () => {
	// Three experts on a two-pillar hierarchy; expert 2 disagrees with the others.
	const hierarchy = hierarchyOf([
		{ key: 'goal', items: [{ id: 'P' }, { id: 'Q' }] },
		{ key: 'P', items: [{ id: 'A' }, { id: 'B' }] },
		{ key: 'Q', items: [{ id: 'C' }, { id: 'D' }] }
	]);
	const expert = (g: number, p: number, q: number) => ({
		weight: 1,
		matrices: {
			goal: [
				[1, g],
				[1 / g, 1]
			],
			P: [
				[1, p],
				[1 / p, 1]
			],
			Q: [
				[1, q],
				[1 / q, 1]
			]
		}
	});
	const panel = {
		hierarchy,
		experts: [expert(2, 1, 1), expert(3, 2, 1), expert(1 / 7, 1 / 5, 5)],
		method: { aggregation: 'aij' as const }
	};
	it('leave-one-expert-out finds the dissenting voice', () => {
		const loo = leaveOneExpertOut({
			cities,
			indicators,
			method: { normalisation: 'min-max', aggregation: 'arithmetic' },
			panel
		});
		expect(loo).toHaveLength(3);
		expect(loo[2].meanAbsoluteShift).toBeGreaterThan(loo[0].meanAbsoluteShift);
		expect(loo[2].meanAbsoluteShift).toBeGreaterThan(loo[1].meanAbsoluteShift);
	});
	it('Sobol indices of the rank shift are in [0, 1], S_i ≤ S_Ti, and a fixed input has none', () => {
		const base = {
			cities,
			indicators,
			pillars: ['P', 'Q'],
			nominalWeights: weights,
			nominalMethod: { normalisation: 'min-max' as const, aggregation: 'arithmetic' as const },
			noise: 0.25,
			N: 2000,
			seed: 1,
			bootstrap: 50
		};
		const r = rankSensitivity({ ...base, panel });
		expect(r.groups).toEqual(['experts', 'pillar-noise', 'normalisation', 'aggregation']);
		expect(r.runs).toBe(2000 * 6);
		r.groups.forEach((_, g) => {
			expect(r.rs.first[g] >= 0 && r.rs.total[g] <= 1).toBe(true);
			expect(r.rs.first[g]).toBeLessThanOrEqual(r.rs.total[g] + 0.05);
			expect(r.rs.totalCi[g][0]).toBeLessThanOrEqual(r.rs.totalCi[g][1]);
		});
		expect(r.cities.filter((c) => c !== null)).toHaveLength(20);
		// Without a panel the expert group is left out; without noise the pillar group moves nothing.
		const still = rankSensitivity({ ...base, panel: null, noise: 0 });
		expect(still.groups).toEqual(['pillar-noise', 'normalisation', 'aggregation']);
		expect(still.rs.total[0]).toBe(0);
	});
});

describe('fastRanker (the sensitivity analysis’s fast path)', () => {
	it('gives the ranks scoreEdition gives, missing values, both aggregations and ties included', () => {
		const r = mulberry32(9);
		for (const aggregation of ['arithmetic', 'geometric'] as const) {
			const m = editionMatrix(cities, indicators, { normalisation: 'percentile', aggregation });
			m[7] = [...m[6]]; // a tie
			const rank = fastRanker(m, aggregation === 'geometric');
			for (let d = 0; d < 50; d++) {
				const w = indicators.map(() => r());
				expect([...rank(w)]).toEqual(scoreEdition(m, w, { aggregation, minCoverage: 0 }).ranks);
			}
		}
	});
});

describe('groupRankIntervals (fast path)', () => {
	it('equals the straightforward path: aggregate and rank per draw, type-7 percentiles of the ranks', () => {
		const r = mulberry32(4);
		const ids = cities.map((c) => c.id);
		const groups = [0, 1, 2, 3].map((g) => ({
			code: `g${g}`,
			nameEn: `G${g}`,
			nameZh: '',
			kind: 'other' as const,
			cityIds: ids.filter((_, c) => c % 4 === g || c === 3)
		}));
		for (const aggregation of ['arithmetic', 'geometric'] as const) {
			const m = editionMatrix(cities, indicators, { normalisation: 'min-max', aggregation });
			const total = scoreEdition(m, weights, { aggregation });
			const subs = pillarSubscales(m, weights, indicators, ['P', 'Q'], { aggregation });
			const f = groupFigures(groups, ids, total, subs);
			const sets = Array.from({ length: 101 }, () => indicators.map(() => r()));
			const fast = groupRankIntervals(m, sets, f, { aggregation });
			const ranks = f.map(() => [] as number[]);
			for (const w of sets) {
				const s = aggregate(m, w, { method: aggregation });
				const means = f.map((g) => g.indices.reduce((a, c) => a + s[c]!, 0) / g.indices.length);
				rank(means).forEach((x, g) => ranks[g].push(x!));
			}
			ranks.forEach((rs, g) => {
				const sorted = rs.sort((a, b) => a - b);
				expect(fast[g].p5).toBeCloseTo(quantile7(sorted, 0.05), 12);
				expect(fast[g].median).toBeCloseTo(quantile7(sorted, 0.5), 12);
				expect(fast[g].p95).toBeCloseTo(quantile7(sorted, 0.95), 12);
			});
		}
	});
});
