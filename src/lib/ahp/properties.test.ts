/** Invariants on seeded random input (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	aggregateJudgments,
	aggregatePriorities,
	completeMatrix,
	consensus,
	consistency,
	kendallW,
	perron,
	priorityVector,
	quartiles
} from './index';
import {
	consistentMatrix,
	dropKeepingConnected,
	permuteMatrix,
	permutationArb,
	scaleMatrixArb,
	weightsArb
} from '../testing/arbitraries';

const runs = { numRuns: 150, seed: 20231106 };
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('priority vectors', () => {
	it('sum to 1 and are positive, by both methods', () => {
		fc.assert(
			fc.property(scaleMatrixArb(), (m) => {
				for (const method of ['eigenvector', 'geometric-mean'] as const) {
					const w = priorityVector(m, { method });
					expect(sum(w)).toBeCloseTo(1, 12);
					expect(w.every((x) => x > 0)).toBe(true);
				}
			}),
			runs
		);
	});

	it('the eigenvector satisfies A·w = λmax·w', () => {
		fc.assert(
			fc.property(scaleMatrixArb(), (m) => {
				const { vector: w, lambda } = perron(m);
				m.forEach((row, i) =>
					expect(row.reduce((s, a, j) => s + a * w[j], 0)).toBeCloseTo(lambda * w[i], 9)
				);
				expect(lambda).toBeGreaterThanOrEqual(m.length - 1e-9);
			}),
			runs
		);
	});

	it('recover w exactly from a consistent matrix a_ij = w_i/w_j, with CR = 0 and GCI = 0', () => {
		fc.assert(
			fc.property(weightsArb(), (w) => {
				const m = consistentMatrix(w);
				for (const method of ['eigenvector', 'geometric-mean'] as const) {
					priorityVector(m, { method }).forEach((x, i) =>
						expect(Math.abs(x - w[i])).toBeLessThan(1e-9)
					);
				}
				const c = consistency(m);
				expect(c.cr).toBeLessThan(1e-9);
				expect(c.gci).toBeLessThan(1e-12);
				expect(c.lambdaMax).toBeCloseTo(w.length, 9);
			}),
			runs
		);
	});

	it('are permutation-equivariant', () => {
		fc.assert(
			fc.property(
				scaleMatrixArb().chain((m) => fc.tuple(fc.constant(m), permutationArb(m.length))),
				([m, p]) => {
					const w = priorityVector(m);
					const wp = priorityVector(permuteMatrix(m, p));
					p.forEach((pi, i) => expect(Math.abs(wp[i] - w[pi])).toBeLessThan(1e-10));
					expect(consistency(permuteMatrix(m, p)).cr).toBeCloseTo(consistency(m).cr, 9);
				}
			),
			runs
		);
	});

	it('transposing (every judgement reversed) gives the reciprocal priorities for the geometric mean', () => {
		fc.assert(
			fc.property(scaleMatrixArb(), (m) => {
				const t = m.map((row, i) => row.map((_, j) => m[j][i]));
				const w = priorityVector(m, { method: 'geometric-mean' });
				const wt = priorityVector(t, { method: 'geometric-mean' });
				const inv = w.map((x) => 1 / x);
				const s = sum(inv);
				wt.forEach((x, i) => expect(x).toBeCloseTo(inv[i] / s, 10));
			}),
			runs
		);
	});
});

describe('completion', () => {
	const incompleteArb = scaleMatrixArb(4, 7).chain((m) =>
		fc.tuple(fc.constant(m), fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }))
	);

	it('leaves the given entries untouched and returns a positive reciprocal matrix, for every method', () => {
		fc.assert(
			fc.property(incompleteArb, ([m, drop]) => {
				const inc = dropKeepingConnected(m, drop);
				for (const method of ['lambda-min', 'harker', 'llsm'] as const) {
					const full = completeMatrix(inc, { method });
					full.forEach((row, i) =>
						row.forEach((v, j) => {
							if (inc[i][j] !== null) expect(v).toBe(inc[i][j]);
							expect(v).toBeGreaterThan(0);
							expect(v * full[j][i]).toBeCloseTo(1, 12);
						})
					);
				}
			}),
			{ ...runs, numRuns: 60 }
		);
	});

	it('λ-min gives the lowest λmax of the three fills', () => {
		fc.assert(
			fc.property(incompleteArb, ([m, drop]) => {
				const inc = dropKeepingConnected(m, drop);
				const lam = (method: 'lambda-min' | 'harker' | 'llsm') =>
					perron(completeMatrix(inc, { method })).lambda;
				const best = lam('lambda-min');
				expect(best).toBeLessThanOrEqual(lam('harker') + 1e-9);
				expect(best).toBeLessThanOrEqual(lam('llsm') + 1e-9);
			}),
			{ ...runs, numRuns: 60 }
		);
	});

	it('recovers a consistent matrix exactly from any connected subset of its judgements', () => {
		fc.assert(
			fc.property(
				weightsArb(4, 7),
				fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }),
				(w, drop) => {
					const inc = dropKeepingConnected(consistentMatrix(w), drop);
					for (const method of ['lambda-min', 'harker', 'llsm'] as const) {
						priorityVector(inc, { completion: method }).forEach((x, i) =>
							expect(Math.abs(x - w[i])).toBeLessThan(1e-9)
						);
					}
				}
			),
			{ ...runs, numRuns: 60 }
		);
	});
});

describe('group aggregation and consensus', () => {
	it('AIJ of identical experts equals each one; S* of identical experts is 1', () => {
		fc.assert(
			fc.property(scaleMatrixArb(), fc.integer({ min: 2, max: 6 }), (m, k) => {
				const g = aggregateJudgments(Array.from({ length: k }, () => m));
				g.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(m[i][j], 12)));
				const w = priorityVector(m);
				expect(consensus(Array.from({ length: k }, () => w)).sStar).toBeCloseTo(1, 12);
				aggregatePriorities(Array.from({ length: k }, () => w)).forEach((x, i) =>
					expect(x).toBeCloseTo(w[i], 12)
				);
			}),
			runs
		);
	});

	it('AIJ keeps the group matrix reciprocal and lies between the experts', () => {
		fc.assert(
			fc.property(scaleMatrixArb(4, 4), scaleMatrixArb(4, 4), scaleMatrixArb(4, 4), (a, b, c) => {
				const g = aggregateJudgments([a, b, c], { expertWeights: [1, 2, 3] });
				g.forEach((row, i) =>
					row.forEach((v, j) => {
						expect(v * g[j][i]).toBeCloseTo(1, 12);
						expect(v).toBeGreaterThanOrEqual(Math.min(a[i][j], b[i][j], c[i][j]) - 1e-12);
						expect(v).toBeLessThanOrEqual(Math.max(a[i][j], b[i][j], c[i][j]) + 1e-12);
					})
				);
			}),
			runs
		);
	});

	it('S* lies in [0, 1] for vectors the scale can produce', () => {
		fc.assert(
			fc.property(fc.array(scaleMatrixArb(4, 4), { minLength: 2, maxLength: 8 }), (ms) => {
				const s = consensus(ms.map((m) => priorityVector(m))).sStar;
				expect(s).toBeGreaterThanOrEqual(-1e-12);
				expect(s).toBeLessThanOrEqual(1 + 1e-12);
			}),
			runs
		);
	});
});

describe("Kendall's W and quartiles", () => {
	it('W is 1 when every rater ranks alike and within [0, 1] always', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 10 }),
				fc.integer({ min: 2, max: 8 }),
				(scores, m) => {
					fc.pre(new Set(scores).size === scores.length);
					const same = scores.map((s) => Array.from({ length: m }, () => s));
					expect(kendallW(same).w).toBeCloseTo(1, 12);
					const mixed = scores.map((s, i) =>
						Array.from({ length: m }, (_, j) => (j % 2 ? s : scores[(i + 1) % scores.length]))
					);
					const k = kendallW(mixed);
					expect(k.w).toBeGreaterThanOrEqual(0);
					expect(k.w).toBeLessThanOrEqual(1 + 1e-12);
					expect(k.pValue).toBeGreaterThanOrEqual(0);
					expect(k.pValue).toBeLessThanOrEqual(1);
				}
			),
			runs
		);
	});

	it('quartiles are ordered and inside the data', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 1, maxLength: 40 }),
				(xs) => {
					const q = quartiles(xs);
					expect(Math.min(...xs)).toBeLessThanOrEqual(q.q1);
					expect(q.q1).toBeLessThanOrEqual(q.median);
					expect(q.median).toBeLessThanOrEqual(q.q3);
					expect(q.q3).toBeLessThanOrEqual(Math.max(...xs));
					expect(q.iqr).toBeCloseTo(q.q3 - q.q1, 12);
				}
			),
			runs
		);
	});
});
