/**
 * Published reference cases. Each block names where its numbers come from; tolerances follow the
 * digits the source prints.
 */
import { describe, expect, it } from 'vitest';
import {
	chiSquareUpperTail,
	completeMatrix,
	consistency,
	globalWeights,
	kendallW,
	perron,
	priorityVector,
	quartiles,
	randomIndex,
	type PairwiseMatrix
} from './index';

/** Builds a matrix from AHPy-style pair dictionaries: [a, b, value] means a over b = value. */
function fromPairs(items: string[], pairs: [string, string, number][]): (number | null)[][] {
	const m: (number | null)[][] = items.map((_, i) => items.map((__, j) => (i === j ? 1 : null)));
	for (const [a, b, v] of pairs) {
		const i = items.indexOf(a);
		const j = items.indexOf(b);
		if (i < 0 || j < 0) throw new Error(`unknown item in ${a}/${b}`);
		m[i][j] = v;
		m[j][i] = 1 / v;
	}
	return m;
}

// Saaty, "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1), 2008,
// pp. 83–98 — the drinks consumption example, with the values AHPy's test suite asserts
// (PhilipGriffith/AHPy tests/test_ahp.py: test_drinks_*).
const DRINKS_ITEMS = ['coffee', 'wine', 'tea', 'beer', 'soda', 'milk', 'water'];
const DRINKS: PairwiseMatrix = [
	[1, 9, 5, 2, 1, 1, 0.5],
	[1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
	[1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
	[1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
	[1, 9, 4, 2, 1, 2, 1 / 2],
	[1, 9, 3, 1, 1 / 2, 1, 1 / 3],
	[2, 9, 9, 3, 2, 3, 1]
];

describe('Saaty 2008 drinks example (AHPy tests)', () => {
	it('eigenvector weights match AHPy to its 4 printed decimals', () => {
		const w = priorityVector(DRINKS);
		const expected = {
			coffee: 0.1775,
			wine: 0.0191,
			tea: 0.0418,
			beer: 0.1164,
			soda: 0.1896,
			milk: 0.1288,
			water: 0.3268
		};
		DRINKS_ITEMS.forEach((item, i) =>
			expect(w[i], item).toBeCloseTo(expected[item as keyof typeof expected], 4)
		);
	});

	it('CR is 0.022 with Saaty’s RI and 0.0235 with Donegan & Dodd’s', () => {
		expect(consistency(DRINKS, { randomIndex: 'saaty-1980' }).cr).toBeCloseTo(0.022, 3);
		expect(consistency(DRINKS, { randomIndex: 'donegan-dodd-1991' }).cr).toBeCloseTo(0.0235, 4);
	});
});

// Saaty, Theory and Applications of the Analytic Network Process (2005): choosing a city to live in;
// target weights as AHPy asserts them (tests/test_ahp.py: test_cities_weights_dd_precision_4).
describe('Saaty 2005 best city example (AHPy tests)', () => {
	const cities = ['Bethesda', 'Boston', 'Pittsburgh', 'Santa Fe'];
	const criteriaItems = ['Culture', 'Family', 'Housing', 'Jobs', 'Transportation'];
	const criteria = fromPairs(criteriaItems, [
		['Culture', 'Housing', 3],
		['Culture', 'Transportation', 5],
		['Family', 'Culture', 5],
		['Family', 'Housing', 7],
		['Family', 'Transportation', 7],
		['Housing', 'Transportation', 3],
		['Jobs', 'Culture', 2],
		['Jobs', 'Housing', 4],
		['Jobs', 'Transportation', 7],
		['Family', 'Jobs', 1]
	]);
	const children: Record<string, (number | null)[][]> = {
		Culture: fromPairs(cities, [
			['Bethesda', 'Pittsburgh', 1],
			['Boston', 'Bethesda', 2],
			['Boston', 'Pittsburgh', 2.5],
			['Boston', 'Santa Fe', 1],
			['Santa Fe', 'Bethesda', 2],
			['Santa Fe', 'Pittsburgh', 2.5]
		]),
		Family: fromPairs(cities, [
			['Bethesda', 'Boston', 2],
			['Bethesda', 'Santa Fe', 4],
			['Boston', 'Santa Fe', 2],
			['Pittsburgh', 'Bethesda', 3],
			['Pittsburgh', 'Boston', 8],
			['Pittsburgh', 'Santa Fe', 9]
		]),
		Housing: fromPairs(cities, [
			['Bethesda', 'Boston', 5],
			['Bethesda', 'Santa Fe', 2.5],
			['Pittsburgh', 'Bethesda', 2],
			['Pittsburgh', 'Boston', 9],
			['Pittsburgh', 'Santa Fe', 7],
			['Santa Fe', 'Boston', 4]
		]),
		Jobs: fromPairs(cities, [
			['Bethesda', 'Pittsburgh', 3],
			['Bethesda', 'Santa Fe', 4],
			['Boston', 'Bethesda', 2],
			['Boston', 'Pittsburgh', 6],
			['Boston', 'Santa Fe', 8],
			['Pittsburgh', 'Santa Fe', 1]
		]),
		Transportation: fromPairs(cities, [
			['Bethesda', 'Boston', 1.5],
			['Bethesda', 'Santa Fe', 4],
			['Boston', 'Santa Fe', 2.5],
			['Pittsburgh', 'Bethesda', 2],
			['Pittsburgh', 'Boston', 3.5],
			['Pittsburgh', 'Santa Fe', 9]
		])
	};

	it('synthesises the target weights Bethesda 0.2291, Boston 0.2748, Pittsburgh 0.3852, Santa Fe 0.1110', () => {
		const cw = priorityVector(criteria);
		const locals = criteriaItems.map((c) => priorityVector(children[c]));
		// Distributive synthesis: Σ_c w_c · local_c (globalWeights gives each criterion × alternative term).
		const g = globalWeights(cw, locals);
		const target = cities.map((_, a) =>
			criteriaItems.reduce((s, _c, k) => s + g[k * cities.length + a], 0)
		);
		const expected = [0.2291, 0.2748, 0.3852, 0.111];
		target.forEach((t, i) =>
			expect(Math.abs(t - expected[i]), cities[i]).toBeLessThanOrEqual(0.00011)
		);
		expect(target.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
	});
});

// Bozóki, Fülöp & Rónyai, "On optimal completion of incomplete pairwise comparison matrices",
// Math. Comput. Modelling 52 (2010) 318–333; the λ-min completions as AHPy's tests assert them
// (tests/test_ahp.py: test_incomplete_example_*, test_incomplete_housing_missing_comparisons).
describe('Bozóki, Fülöp & Rónyai 2010 incomplete matrices (AHPy tests)', () => {
	const u = fromPairs(
		['a', 'b', 'c', 'd'],
		[
			['a', 'b', 1],
			['a', 'c', 5],
			['a', 'd', 2],
			['b', 'c', 3],
			['b', 'd', 4]
		]
	);

	// AHPy's fills come from a general-purpose optimiser and agree with the true optimum to ~1e-6; at
	// our fill dλmax/dt is ~1e-13 (at AHPy's printed value it is 1.3e-7), so beside agreement we check
	// that our completion's λmax is no higher than the published one's.
	it('λ-min completes c/d to 0.730297106886979 (to the optimiser’s accuracy), at a λmax no higher', () => {
		const full = completeMatrix(u);
		expect(Math.abs(full[2][3] - 0.730297106886979) / 0.730297106886979).toBeLessThan(1e-6);
		const published = u.map((row) => [...row]);
		published[2][3] = 0.730297106886979;
		published[3][2] = 1 / 0.730297106886979;
		expect(perron(full).lambda).toBeLessThanOrEqual(perron(published as number[][]).lambda + 1e-13);
		// the given entries are untouched
		expect(full[0][2]).toBe(5);
		expect(full[1][3]).toBe(4);
	});

	it('gives the weights a 0.3738, b 0.392, c 0.0985, d 0.1357 and CR 0.0372 (Donegan & Dodd RI)', () => {
		const w = priorityVector(u);
		[0.3738, 0.392, 0.0985, 0.1357].forEach((e, i) => expect(w[i]).toBeCloseTo(e, 4));
		const c = consistency(u, { randomIndex: 'donegan-dodd-1991' });
		expect(c.cr).toBeCloseTo(0.0372, 4);
		expect(c.completed).toBe(true);
	});

	it('completes the 8 × 8 housing example (12 missing entries) to the published fills', () => {
		const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
		const m = fromPairs(items, [
			['a', 'b', 5],
			['a', 'c', 3],
			['a', 'd', 7],
			['a', 'e', 6],
			['a', 'f', 6],
			['b', 'd', 5],
			['b', 'f', 3],
			['c', 'e', 3],
			['c', 'g', 6],
			['f', 'd', 4],
			['g', 'a', 3],
			['g', 'e', 5],
			['h', 'a', 4],
			['h', 'b', 7],
			['h', 'd', 8],
			['h', 'f', 6]
		]);
		const expected: [string, string, number][] = [
			['b', 'c', 0.3300187496240363],
			['b', 'e', 1.7197409185349517],
			['b', 'g', 0.4663515002203321],
			['c', 'd', 9.920512661898753],
			['c', 'f', 4.852486449214693],
			['c', 'h', 0.5696073301509899],
			['d', 'e', 0.5252768142894285],
			['d', 'g', 0.1424438146531802],
			['e', 'f', 0.9311973564754218],
			['e', 'h', 0.10930828182051665],
			['f', 'g', 0.2912120796181874],
			['g', 'h', 0.4030898885178746]
		];
		const full = completeMatrix(m);
		const published = m.map((row) => [...row]);
		for (const [a, b, v] of expected) {
			const [i, j] = [items.indexOf(a), items.indexOf(b)];
			expect(Math.abs(full[i][j] - v) / v, `${a}/${b}`).toBeLessThan(2e-5);
			published[i][j] = v;
			published[j][i] = 1 / v;
		}
		expect(perron(full).lambda).toBeLessThanOrEqual(perron(published as number[][]).lambda + 1e-12);
	});
});

// irr::kendall's anxiety data (Gamer, Lemon, Fellows & Singh, R package irr; 20 subjects, 3 raters),
// with the values pyirr's test asserts for the tie-corrected coefficient: Wt 0.54, χ²(19) 30.8,
// p 0.0429 (sophiedkk/pyirr tests/test_kendall.py).
describe("Kendall's W on irr's anxiety data", () => {
	const anxiety = [
		[3, 3, 2],
		[3, 6, 1],
		[3, 4, 4],
		[4, 6, 4],
		[5, 2, 3],
		[5, 4, 2],
		[2, 2, 1],
		[3, 4, 6],
		[5, 3, 1],
		[2, 3, 1],
		[2, 2, 1],
		[6, 3, 2],
		[1, 3, 3],
		[5, 3, 3],
		[2, 2, 1],
		[2, 2, 1],
		[1, 1, 3],
		[2, 3, 3],
		[4, 3, 2],
		[3, 4, 2]
	];
	it('tie-corrected W 0.54 with χ² 30.8 on 19 df and p 0.0429', () => {
		const k = kendallW(anxiety);
		expect(k.wTieCorrected).toBeCloseTo(0.54, 2);
		expect(k.degreesOfFreedom).toBe(19);
		const chiCorrected = 3 * 19 * k.wTieCorrected;
		expect(chiCorrected).toBeCloseTo(30.8, 1);
		expect(chiSquareUpperTail(chiCorrected, 19)).toBeCloseTo(0.0429, 4);
		// The uncorrected statistics (what Concord reports as chiSquare and pValue, method.md).
		expect(k.w).toBeLessThan(k.wTieCorrected);
		expect(k.chiSquare).toBeCloseTo(3 * 19 * k.w, 12);
	});
});

describe('χ² upper tail against textbook critical values', () => {
	// Pearson & Hartley tables: P(χ²₁ ≥ 3.841) = 0.05, P(χ²₁₀ ≥ 18.307) = 0.05, P(χ²₂ ≥ 9.210) = 0.01.
	it.each([
		[3.841459, 1, 0.05],
		[18.307038, 10, 0.05],
		[9.21034, 2, 0.01],
		[30.143527, 19, 0.05]
	])('P(χ² ≥ %f | df %i) = %f', (x, df, p) => {
		expect(chiSquareUpperTail(x, df)).toBeCloseTo(p, 6);
	});
});

describe('quartiles, Hyndman & Fan type 7 (method.md)', () => {
	it('3,3,4,4,4,4,5,5,5,6 gives IQR 1 (type 6 would give 1.25)', () => {
		expect(quartiles([3, 3, 4, 4, 4, 4, 5, 5, 5, 6])).toEqual({ q1: 4, median: 4, q3: 5, iqr: 1 });
	});
	it('matches R quantile(type = 7) on 1:10: 3.25, 5.5, 7.75', () => {
		expect(quartiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({
			q1: 3.25,
			median: 5.5,
			q3: 7.75,
			iqr: 4.5
		});
	});
});

describe('random index tables (method.md)', () => {
	it.each([
		[
			'alonso-lamata-2006',
			[
				0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551,
				1.5713, 1.5838
			]
		],
		['saaty-1980', [0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]],
		['saaty-2005', [0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]],
		[
			'donegan-dodd-1991',
			[
				0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643,
				1.4822, 1.4969
			]
		]
	] as const)('%s for n = 3 … 15', (table, values) => {
		values.forEach((v, k) => expect(randomIndex(k + 3, table)).toBe(v));
		expect(randomIndex(1, table)).toBe(0);
		expect(randomIndex(2, table)).toBe(0);
		expect(() => randomIndex(16, table)).toThrow(/n = 3 … 15/);
	});
	it('defaults to Alonso & Lamata', () => {
		expect(randomIndex(4)).toBe(0.8815);
		expect(consistency(DRINKS).randomIndexTable).toBe('alonso-lamata-2006');
	});
});
