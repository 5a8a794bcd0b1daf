/** Differential checks: two methods that must agree where theory says they do. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	aggregateJudgments,
	aggregatePriorities,
	completeMatrix,
	consistency,
	priorityVector
} from './index';
import { consistentMatrix, dropKeepingConnected, weightsArb } from '../testing/arbitraries';

const runs = { numRuns: 100, seed: 7 };

/** A consistent matrix perturbed by a factor in [1/(1+e), 1+e] per judgement. */
const nearConsistentArb = (eps: number) =>
	fc
		.tuple(
			weightsArb(3, 8),
			fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 28, maxLength: 28 })
		)
		.map(([w, noise]) => {
			const m = consistentMatrix(w);
			let k = 0;
			for (let i = 0; i < m.length; i++)
				for (let j = i + 1; j < m.length; j++) {
					m[i][j] *= Math.exp(eps * noise[k++]);
					m[j][i] = 1 / m[i][j];
				}
			return { w, m };
		});

describe('eigenvector vs geometric mean', () => {
	it('agree closely on near-consistent matrices (and coincide for n = 3)', () => {
		fc.assert(
			fc.property(nearConsistentArb(0.05), ({ m }) => {
				const ev = priorityVector(m);
				const gm = priorityVector(m, { method: 'geometric-mean' });
				ev.forEach((x, i) => expect(Math.abs(x - gm[i])).toBeLessThan(2e-3));
				if (m.length === 3) ev.forEach((x, i) => expect(Math.abs(x - gm[i])).toBeLessThan(1e-10));
			}),
			runs
		);
	});

	it('CR and GCI are both clearly above zero once judgements are perturbed (n ≥ 3)', () => {
		fc.assert(
			fc.property(nearConsistentArb(0.3), ({ m }) => {
				const n = m.length;
				fc.pre(n >= 3);
				// a matrix with a cycle of judgements that does not multiply to 1 is inconsistent
				const cycle = Math.abs(Math.log(m[0][1] * m[1][2] * m[2][0]));
				fc.pre(cycle > 0.05);
				const c = consistency(m);
				expect(c.cr).toBeGreaterThan(1e-6);
				expect(c.gci).toBeGreaterThan(1e-6);
			}),
			runs
		);
	});
});

describe('AIJ vs AIP', () => {
	it('the geometric-mean priorities of the AIJ matrix equal the geometric AIP of the experts’ geometric-mean priorities', () => {
		fc.assert(
			fc.property(fc.array(nearConsistentArb(0.5), { minLength: 2, maxLength: 6 }), (experts) => {
				const n = experts[0].m.length;
				const ms = experts.filter((e) => e.m.length === n).map((e) => e.m);
				const weights = ms.map((_, k) => k + 1);
				const aij = priorityVector(aggregateJudgments(ms, { expertWeights: weights }), {
					method: 'geometric-mean'
				});
				const aip = aggregatePriorities(
					ms.map((m) => priorityVector(m, { method: 'geometric-mean' })),
					{ expertWeights: weights }
				);
				aij.forEach((x, i) => expect(x).toBeCloseTo(aip[i], 12));
			}),
			runs
		);
	});
});

describe('LLSM completion vs geometric mean', () => {
	it('the geometric mean of the LLSM-completed matrix is the incomplete-LLSM solution itself', () => {
		fc.assert(
			fc.property(
				nearConsistentArb(0.6),
				fc.array(fc.boolean(), { minLength: 28, maxLength: 28 }),
				({ m }, drop) => {
					fc.pre(m.length >= 4);
					const inc = dropKeepingConnected(m, drop);
					const full = completeMatrix(inc, { method: 'llsm' });
					const direct = priorityVector(inc, { method: 'geometric-mean' });
					priorityVector(full, { method: 'geometric-mean' }).forEach((x, i) =>
						expect(x).toBeCloseTo(direct[i], 12)
					);
				}
			),
			runs
		);
	});
});
