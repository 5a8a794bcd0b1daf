import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRound } from '../ahp/index';
import { DEMO_HIERARCHY, syntheticPanel } from '../testing/synthetic-panel';
import { editionUncertainty, scoreEdition } from './preview';
import { groupNodePriorities, monteCarloWeights, type BootstrapPanel } from './samplers';
import {
	aggregate,
	band,
	compareRankings,
	expertBootstrap,
	normalise,
	rank,
	rankUncertainty,
	weightNoise
} from './index';

const runs = { numRuns: 100, seed: 42 };

describe('normalise (after COINr tests/testthat/test-normalise.R)', () => {
	it('min-max of 1:10 onto [2, 7] spans exactly 2 … 7; the default is [0, 100]', () => {
		const x = Array.from({ length: 10 }, (_, i) => i + 1);
		const xn = normalise(x, { range: [2, 7] }) as number[];
		expect(Math.min(...xn)).toBe(2);
		expect(Math.max(...xn)).toBe(7);
		expect(normalise([1, 2, 3])).toEqual([0, 50, 100]);
	});

	it('a lower-is-better indicator is reversed: its minimum scores 100, its maximum 0', () => {
		expect(normalise([5, 1, 3], { direction: -1 })).toEqual([0, 100, 50]);
	});

	it('z-score uses the sample SD (n − 1): 1:10 gives mean 0 and sd 1', () => {
		const z = normalise(
			Array.from({ length: 10 }, (_, i) => i + 1),
			{ method: 'z-score' }
		) as number[];
		const mean = z.reduce((s, v) => s + v, 0) / 10;
		const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / 9);
		expect(mean).toBeCloseTo(0, 14);
		expect(sd).toBeCloseTo(1, 14);
		// sd(1:10) = 3.0276503540974917 in R
		expect(z[9]).toBeCloseTo(4.5 / 3.0276503540974917, 12);
	});

	it('keeps missing values missing, and a constant indicator goes to the middle (or 0), never NaN', () => {
		expect(normalise([3, null, 5])).toEqual([0, null, 100]);
		expect(normalise([4, 4, null])).toEqual([50, 50, null]);
		expect(normalise([4, 4], { method: 'z-score' })).toEqual([0, 0]);
		expect(normalise([null, null])).toEqual([null, null]);
		expect(() => normalise([1, Number.NaN])).toThrow(/finite/);
		expect(() => normalise([1, 2], { range: [5, 5] })).toThrow(/range/);
	});
});

describe('aggregate (after COINr tests/testthat/test-aggregate.R)', () => {
	it('the weighted arithmetic mean equals R’s weighted.mean: c(1, 2, 3, 4, 5) with w = 1:5 → 11/3', () => {
		expect(aggregate([[1, 2, 3, 4, 5]], [1, 2, 3, 4, 5])[0]).toBeCloseTo(55 / 15, 14);
	});

	it('a row below the data threshold gets no score; the others are unchanged', () => {
		const rows = [
			[null, null, null, null, 5],
			[1, 2, 3, 4, 5]
		];
		const out = aggregate(rows, [1, 2, 3, 4, 5], { minCoverage: 0.5 });
		expect(out[0]).toBeNull();
		expect(out[1]).toBeCloseTo(55 / 15, 14);
		// without the threshold, missing values drop out and the weights renormalise
		expect(aggregate([[null, 10, 20]], [0.5, 0.25, 0.25])[0]).toBeCloseTo(15, 14);
	});

	it('the weighted geometric mean: 100^0.5 · 1^0.5 = 10; a value ≤ 0 is an error, not NaN', () => {
		expect(aggregate([[100, 1]], [1, 1], { method: 'geometric' })[0]).toBeCloseTo(10, 12);
		expect(() => aggregate([[0, 5]], [1, 1], { method: 'geometric' })).toThrow(
			/needs every value > 0, got 0 at row 0, indicator 0/
		);
		expect(() => aggregate([[1, 2]], [1])).toThrow(/2 values for 1 weights/);
	});
});

describe('rank, band, compare', () => {
	it('standard competition ranking, 1 = best: 1, 2, 2, 4; nulls stay null', () => {
		expect(rank([50, 40, 40, 10])).toEqual([1, 2, 2, 4]);
		expect(rank([10, null, 30])).toEqual([2, null, 1]);
	});

	it('bands cut after 14 / 43 / 86 of 144 and 18 / 55 / 110 of 184 (the 2023 releases)', () => {
		expect([14, 15, 43, 44, 86, 87, 144].map((r) => band(r, 144))).toEqual([0, 1, 1, 2, 2, 3, 3]);
		expect([18, 19, 55, 56, 110, 111].map((r) => band(r, 184))).toEqual([0, 1, 1, 2, 2, 3]);
		expect(() => band(0, 10)).toThrow(/1 to 10/);
	});

	it('shifts are reference − other, R_S their mean absolute value, ρ the rank correlation', () => {
		const c = compareRankings([1, 2, 3, 4], [2, 1, 3, null]);
		expect(c.shifts).toEqual([-1, 1, 0, null]);
		expect(c.meanAbsoluteShift).toBeCloseTo(2 / 3, 14);
		// ρ of (1,2,3) vs (2,1,3): 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/24 = 0.5
		expect(c.spearman).toBeCloseTo(0.5, 14);
		expect(compareRankings([1, 2, 3], [3, 2, 1]).spearman).toBeCloseTo(-1, 14);
	});
});

describe('properties', () => {
	const citiesArb = fc.array(
		fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 4, maxLength: 4 }),
		{ minLength: 2, maxLength: 40 }
	);
	const weightsArb = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), {
		minLength: 4,
		maxLength: 4
	});

	it('ranks are a permutation of 1 … n when there are no ties', () => {
		fc.assert(
			fc.property(citiesArb, weightsArb, (rows, w) => {
				const scores = aggregate(rows, w) as number[];
				fc.pre(new Set(scores).size === scores.length);
				expect([...(rank(scores) as number[])].sort((a, b) => a - b)).toEqual(
					scores.map((_, i) => i + 1)
				);
			}),
			runs
		);
	});

	it('equal weights on identical indicators give ties for cities with identical values', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }),
				(v) => {
					const rows = [...v.map((x) => [x, x, x]), [v[0], v[0], v[0]]];
					const r = rank(aggregate(rows, [1, 1, 1]));
					expect(r[rows.length - 1]).toBe(r[0]);
				}
			),
			runs
		);
	});

	it('identical weight sets give p5 = median = p95 = the nominal rank; band probabilities sum to 1', () => {
		fc.assert(
			fc.property(citiesArb, weightsArb, fc.integer({ min: 1, max: 30 }), (rows, w, draws) => {
				const u = rankUncertainty(
					rows,
					Array.from({ length: draws }, () => w),
					{ nominalWeights: w }
				);
				expect(u.nominal).toEqual(rank(aggregate(rows, w)));
				expect(u.p5).toEqual(u.nominal);
				expect(u.median).toEqual(u.nominal);
				expect(u.p95).toEqual(u.nominal);
				for (const p of u.bandProbabilities)
					expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
			}),
			runs
		);
	});

	it('varied weights: p5 ≤ median ≤ p95 within 1 … n', () => {
		fc.assert(
			fc.property(citiesArb, fc.integer({ min: 1, max: 1000 }), (rows, seed) => {
				const sets = weightNoise([0.25, 0.25, 0.25, 0.25], { draws: 50, seed, f: 0.5 });
				const u = rankUncertainty(rows, sets);
				u.median.forEach((m, c) => {
					expect(u.p5[c]).toBeLessThanOrEqual(m);
					expect(m).toBeLessThanOrEqual(u.p95[c]);
					expect(u.p5[c]).toBeGreaterThanOrEqual(1);
					expect(u.p95[c]).toBeLessThanOrEqual(rows.length);
				});
			}),
			{ ...runs, numRuns: 40 }
		);
	});
});

describe('samplers', () => {
	it('are seeded: the same seed gives the same draws; weights stay normalised', () => {
		const a = weightNoise([0.5, 0.3, 0.2], { draws: 5, seed: 7, f: 0.2 });
		expect(weightNoise([0.5, 0.3, 0.2], { draws: 5, seed: 7, f: 0.2 })).toEqual(a);
		expect(weightNoise([0.5, 0.3, 0.2], { draws: 5, seed: 8, f: 0.2 })).not.toEqual(a);
		for (const w of a) {
			expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
			w.forEach((x, i) =>
				expect(Math.abs(x / [0.5, 0.3, 0.2][i] - 1)).toBeLessThanOrEqual(0.2 / 0.8 + 0.3)
			);
		}
	});

	it('the expert bootstrap gives global weights over the 16 indicators, reproducibly', () => {
		const panel = syntheticPanel(DEMO_HIERARCHY, { experts: 10, seed: 'boot' });
		const sets = expertBootstrap(DEMO_HIERARCHY, panel, { draws: 20, seed: 3 });
		expect(sets).toHaveLength(20);
		for (const w of sets) {
			expect(w).toHaveLength(16);
			expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
		}
		expect(expertBootstrap(DEMO_HIERARCHY, panel, { draws: 20, seed: 3 })).toEqual(sets);
		// a panel of identical experts has nothing to resample: every draw is the same
		const same = expertBootstrap(DEMO_HIERARCHY, [panel[0], panel[0], panel[0]], {
			draws: 5,
			seed: 1
		});
		for (const w of same) w.forEach((x, i) => expect(x).toBeCloseTo(same[0][i], 12));
	});
});

describe('the Monte Carlo scores as the point estimate does', () => {
	const method = (
		aggregation: 'aij' | 'aip',
		priorityMethod: 'eigenvector' | 'geometric-mean'
	) => ({
		aggregation,
		priorityMethod
	});

	it('every expert once, the bootstrap’s group priorities equal analyzeRound’s (AIJ and AIP, both methods)', () => {
		const panel = syntheticPanel(DEMO_HIERARCHY, {
			experts: 9,
			seed: 'differential',
			skipShare: 0.1
		});
		for (const m of [
			method('aij', 'eigenvector'),
			method('aij', 'geometric-mean'),
			method('aip', 'eigenvector'),
			method('aip', 'geometric-mean')
		]) {
			const a = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel, options: m });
			for (const node of [DEMO_HIERARCHY.goal, ...DEMO_HIERARCHY.pillars]) {
				const g = groupNodePriorities(
					panel.map((e) => e.matrices[node.id]),
					panel.map((e) => e.weight ?? 1),
					m
				);
				g.forEach((x, i) => expect(x).toBeCloseTo(a.nodes[node.id].groupPriorities![i], 10));
			}
		}
	});

	it('zero noise and a bootstrap of identical experts: nominal = p5 = median = p95 for every city, missing values included', () => {
		const expert = syntheticPanel(DEMO_HIERARCHY, { experts: 1, seed: 'same' })[0];
		const panel: BootstrapPanel = {
			hierarchy: DEMO_HIERARCHY,
			experts: [expert, expert, expert, expert].map((e) => ({ matrices: e.matrices, weight: 1 })),
			method: method('aij', 'eigenvector')
		};
		const nominal = monteCarloWeights({
			nominal: [],
			draws: 1,
			seed: 1,
			noise: 0,
			bootstrap: panel
		})[0];
		fc.assert(
			fc.property(
				fc.array(
					fc.array(
						fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null, freq: 8 }),
						{
							minLength: 16,
							maxLength: 16
						}
					),
					{ minLength: 3, maxLength: 40 }
				),
				(matrix) => {
					const sets = monteCarloWeights({
						nominal,
						draws: 30,
						seed: 7,
						noise: 0,
						bootstrap: panel
					});
					const u = editionUncertainty(matrix, sets, { nominalWeights: nominal });
					const point = scoreEdition(matrix, nominal);
					matrix.forEach((_, c) => {
						expect(u.nominal[c]).toBe(point.ranks[c]);
						if (point.ranks[c] === null) expect(u.p5[c]).toBeNull();
						else {
							expect(u.p5[c]).toBe(point.ranks[c]);
							expect(u.median[c]).toBe(point.ranks[c]);
							expect(u.p95[c]).toBe(point.ranks[c]);
						}
					});
				}
			),
			{ numRuns: 40, seed: 11 }
		);
	});
});
