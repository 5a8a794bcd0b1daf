/** Known answers and clear errors for each function of the public API. */
import { describe, expect, it } from 'vitest';
import {
	aggregateJudgments,
	aggregatePriorities,
	completeMatrix,
	consensus,
	consistency,
	globalWeights,
	inconsistentJudgments,
	kendallW,
	positionToValue,
	priorityVector,
	quartiles,
	randomIndex,
	snapToScale,
	valueToPosition
} from './index';

describe('input validation: clear errors, never NaN', () => {
	it.each([
		[[], /at least one row/],
		[
			[
				[1, 2, 3],
				[0.5, 1, 2]
			],
			/square, got 2×3/
		],
		[[[1, 2], [0.5]], /square/],
		[
			[
				[1, -2],
				[-0.5, 1]
			],
			/positive finite/
		],
		[
			[
				[1, 0],
				[Infinity, 1]
			],
			/positive finite/
		],
		[
			[
				[1, Number.NaN],
				[1, 1]
			],
			/positive finite/
		],
		[
			[
				[1, 2],
				[2, 1]
			],
			/not reciprocal at \(0, 1\)/
		],
		[
			[
				[2, 1],
				[1, 1]
			],
			/diagonal entries must be 1/
		],
		[
			[
				[1, 2, null],
				[0.5, 1, null],
				[null, null, 1]
			],
			/not connected: item 2 is not linked/
		]
	])('priorityVector(%j) throws %s', (m, message) => {
		expect(() => priorityVector(m as never)).toThrow(message);
	});

	it('rejects unknown options', () => {
		expect(() => priorityVector([[1]], { method: 'median' as never })).toThrow(
			/unknown priority method/
		);
		expect(() =>
			completeMatrix(
				[
					[1, null, 2],
					[null, 1, 2],
					[0.5, 0.5, 1]
				],
				{ method: 'magic' as never }
			)
		).toThrow(/unknown completion method/);
		expect(() => randomIndex(4, 'nope' as never)).toThrow(/unknown random index table/);
		expect(() => consistency([[1]], { threshold: -1 })).toThrow(/threshold/);
	});

	it('rejects mismatched lengths in group functions', () => {
		expect(() =>
			aggregateJudgments([
				[[1]],
				[
					[1, 2],
					[0.5, 1]
				]
			])
		).toThrow(/same order/);
		expect(() => aggregateJudgments([[[1]]], { expertWeights: [1, 2] })).toThrow(/1 entries/);
		expect(() => aggregateJudgments([[[1]], [[1]]], { expertWeights: [0, 0] })).toThrow(
			/not all be zero/
		);
		expect(() => aggregatePriorities([[0.5, 0.5], [1]])).toThrow(/same length/);
		expect(() => aggregatePriorities([])).toThrow(/at least one/);
		expect(() =>
			consensus([
				[0.5, 0.5],
				[0.2, 0.3, 0.5]
			])
		).toThrow(/same length/);
		expect(() => consensus([[1]])).toThrow(/at least 2 items/);
		expect(() => kendallW([[1, 2], [3]])).toThrow(/one rating per rater/);
		expect(() => kendallW([[1], [2]])).toThrow(/at least 2 raters/);
		expect(() => globalWeights([0.5, 0.5], [[1]])).toThrow(/one local weight vector per pillar/);
		expect(() => quartiles([])).toThrow(/at least one value/);
		expect(() => randomIndex(0)).toThrow(/positive integer/);
	});

	it('fills a one-sided judgement with its reciprocal', () => {
		expect(
			priorityVector([
				[1, 3],
				[null, 1]
			])
		).toEqual([0.75, 0.25]);
	});
});

describe('small cases', () => {
	it('n = 1 and n = 2', () => {
		expect(priorityVector([[1]])).toEqual([1]);
		expect(
			priorityVector([
				[1, 3],
				[1 / 3, 1]
			])
		).toEqual([0.75, 0.25]);
		const c = consistency([
			[1, 9],
			[1 / 9, 1]
		]);
		expect([c.cr, c.ci, c.crAlonsoLamataLinear, c.gci, c.randomIndex]).toEqual([0, 0, 0, 0, 0]);
		expect(c.acceptable).toBe(true);
	});

	it('a consistent 3 × 3 completes its missing corner to the product of the others', () => {
		expect(
			completeMatrix([
				[1, 2, null],
				[0.5, 1, 2],
				[null, 0.5, 1]
			])[0][2]
		).toBeCloseTo(4, 10);
	});
});

describe('consistency', () => {
	// A 3 × 3 with a_12 = 3, a_23 = 3, a_13 = 1: intransitive on purpose.
	const bad = [
		[1, 3, 1],
		[1 / 3, 1, 3],
		[1, 1 / 3, 1]
	];

	it('reports CI, CR with the chosen RI, the Alonso–Lamata linear CR and the verdict', () => {
		const c = consistency(bad);
		expect(c.n).toBe(3);
		expect(c.ci).toBeCloseTo((c.lambdaMax - 3) / 2, 14);
		expect(c.cr).toBeCloseTo(c.ci / 0.5245, 14);
		expect(c.crAlonsoLamataLinear).toBeCloseTo((c.lambdaMax - 3) / (2.7699 * 3 - 4.3513 - 3), 14);
		expect(c.acceptable).toBe(false);
		expect(consistency(bad, { randomIndex: 'saaty-1980' }).cr).toBeCloseTo(c.ci / 0.58, 14);
		expect(consistency(bad, { threshold: 10 }).acceptable).toBe(true);
		expect(c.gciThreshold).toBe(0.31);
	});

	it('GCI follows its definition: 2/((n−1)(n−2)) Σ ln²(a_ij w_j / w_i) with geometric-mean weights', () => {
		const w = priorityVector(bad, { method: 'geometric-mean' });
		let s = 0;
		for (let i = 0; i < 3; i++)
			for (let j = i + 1; j < 3; j++) s += Math.log((bad[i][j] * w[j]) / w[i]) ** 2;
		expect(consistency(bad).gci).toBeCloseTo(s, 14);
	});

	it('says when it completed an incomplete matrix first', () => {
		expect(
			consistency([
				[1, 2, null],
				[0.5, 1, 2],
				[null, 0.5, 1]
			]).completed
		).toBe(true);
		expect(consistency(bad).completed).toBe(false);
	});
});

describe('inconsistentJudgments', () => {
	// Consistent weights (0.5, 0.25, 0.125, 0.125) except a_14, entered as 1/4 instead of 4.
	const w = [0.5, 0.25, 0.125, 0.125];
	const m = w.map((wi) => w.map((wj) => wi / wj));
	m[0][3] = 1 / 4;
	m[3][0] = 4;

	it('puts the one wrong judgement first, suggests a scale value and the CR it would give', () => {
		const top = inconsistentJudgments(m);
		expect(top).toHaveLength(3);
		expect([top[0].i, top[0].j]).toEqual([0, 3]);
		expect(top[0].current).toBe(0.25);
		expect(top[0].suggested).toBeGreaterThan(top[0].current); // towards the consistent 4
		expect(Number.isInteger(top[0].suggested) || Number.isInteger(1 / top[0].suggested)).toBe(true);
		expect(top[0].crIfChanged).toBeLessThan(consistency(m).cr);
		// scores are in decreasing order
		const score = (e: number) => Math.max(e, 1 / e);
		expect(score(top[0].epsilon)).toBeGreaterThanOrEqual(score(top[1].epsilon));
		expect(score(top[1].epsilon)).toBeGreaterThanOrEqual(score(top[2].epsilon));
	});

	it('considers given entries only and honours count', () => {
		const inc = m.map((r) => [...r]) as (number | null)[][];
		inc[1][2] = null;
		inc[2][1] = null;
		const all = inconsistentJudgments(inc, { count: 10 });
		expect(all).toHaveLength(5);
		expect(all.some((e) => e.i === 1 && e.j === 2)).toBe(false);
		expect(
			inconsistentJudgments([
				[1, 2],
				[0.5, 1]
			])
		).toEqual([]);
	});
});

describe('aggregation', () => {
	it('AIJ: weighted geometric mean per cell; unanswered cells stay null', () => {
		const g = aggregateJudgments([
			[
				[1, 2, null],
				[0.5, 1, 3],
				[null, 1 / 3, 1]
			],
			[
				[1, 8, null],
				[1 / 8, 1, null],
				[null, null, 1]
			]
		]);
		expect(g[0][1]).toBeCloseTo(4, 12);
		expect(g[1][0]).toBeCloseTo(0.25, 12);
		expect(g[1][2]).toBeCloseTo(3, 12); // only the first expert answered
		expect(g[0][2]).toBeNull();
		const weighted = aggregateJudgments(
			[
				[
					[1, 2],
					[0.5, 1]
				],
				[
					[1, 8],
					[1 / 8, 1]
				]
			],
			{ expertWeights: [3, 1] }
		);
		expect(weighted[0][1]).toBeCloseTo(2 ** 0.75 * 8 ** 0.25, 12);
	});

	it('AIP: geometric by default, arithmetic on request, renormalised', () => {
		const g = aggregatePriorities([
			[0.8, 0.2],
			[0.2, 0.8]
		]);
		expect(g).toEqual([0.5, 0.5]);
		const a = aggregatePriorities(
			[
				[0.6, 0.4],
				[0.2, 0.8]
			],
			{ mean: 'arithmetic', expertWeights: [1, 3] }
		);
		expect(a[0]).toBeCloseTo(0.3, 14);
		const gg = aggregatePriorities([
			[0.6, 0.4],
			[0.2, 0.8]
		]);
		expect(gg[0]).toBeCloseTo(Math.sqrt(0.12) / (Math.sqrt(0.12) + Math.sqrt(0.32)), 14);
	});
});

describe('consensus S* (Goepel 2018)', () => {
	it('is 0 when n experts each give a different item the largest weight the scale allows', () => {
		// With M = 9, the most extreme vector puts M/(n+M−1) on one item and 1/(n+M−1) on the others;
		// n such experts on n different items have H_α = H_αmin and a uniform mean: the definition's zero.
		for (const n of [2, 3, 5, 6]) {
			const big = 9 / (n + 8);
			const small = 1 / (n + 8);
			const vs = Array.from({ length: n }, (_, k) =>
				Array.from({ length: n }, (_, i) => (i === k ? big : small))
			);
			const c = consensus(vs);
			expect(c.sStar).toBeCloseTo(0, 12);
			expect(c.label).toBe('very low');
			expect(c.hGamma).toBeCloseTo(Math.log(n), 12);
		}
	});

	it('reports the entropies and follows the AHP-OS wording', () => {
		const c = consensus([
			[0.5, 0.3, 0.2],
			[0.4, 0.4, 0.2]
		]);
		const H = (p: number[]) => -p.reduce((s, x) => s + x * Math.log(x), 0);
		expect(c.hAlpha).toBeCloseTo((H([0.5, 0.3, 0.2]) + H([0.4, 0.4, 0.2])) / 2, 14);
		expect(c.hGamma).toBeCloseTo(H([0.45, 0.35, 0.2]), 14);
		expect(c.hBeta).toBeCloseTo(c.hGamma - c.hAlpha, 14);
		expect(c.sStar).toBeGreaterThan(0.875);
		expect(c.label).toBe('very high');
	});
});

describe('Kendall’s W known cases', () => {
	it('perfect agreement 1, perfect reversal of two raters 0', () => {
		expect(
			kendallW([
				[1, 1, 1],
				[2, 2, 2],
				[3, 3, 3]
			]).w
		).toBeCloseTo(1, 14);
		expect(
			kendallW([
				[1, 3],
				[2, 2],
				[3, 1]
			]).w
		).toBeCloseTo(0, 14);
	});
	it('refuses the degenerate case where every rater ties every item', () => {
		expect(() =>
			kendallW([
				[1, 1],
				[1, 1]
			])
		).toThrow(/undefined/);
	});
});

describe('the 17-point scale', () => {
	it('maps positions to Saaty values and back', () => {
		expect(positionToValue(0)).toBe(1);
		expect(positionToValue(8)).toBe(9);
		expect(positionToValue(-8)).toBeCloseTo(1 / 9, 15);
		expect(valueToPosition(1 / 3)).toBe(-2);
		expect(snapToScale(4.4)).toBe(4);
		expect(snapToScale(4.6)).toBe(5);
		expect(snapToScale(100)).toBe(9);
		expect(() => positionToValue(9)).toThrow(/−8 to 8/);
	});
});
