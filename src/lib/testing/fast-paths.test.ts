/**
 * The fast paths give the same results as the straightforward ones, on seeded inputs: the rank Monte
 * Carlo (insertion sort from the previous draw, rank histograms) against a comparator sort per draw
 * with every draw stored, ties and missing values included; and the typed-array λ-min completion
 * against the array version with a fresh perron() per evaluation.
 */
import { describe, expect, it } from 'vitest';
import { completeMatrix, globalWeights, isComplete, perron } from '../ahp/index';
import { COMPLETION_AGREEMENT } from '../ahp/tolerances';
import { mulberry32 } from '../random';
import { rankUncertainty, weightNoise } from '../scoring/index';
import { expertBootstrap, groupNodePriorities, type BootstrapExpert } from '../scoring/samplers';
import { lambdaMinCompletionStraightforward } from './reference-completion';
import { rankUncertaintyStraightforward } from './reference-rank';
import { DEMO_HIERARCHY, syntheticPanel } from './synthetic-panel';

const weightsFor = (k: number, draws: number, seed: number) =>
	weightNoise(
		Array.from({ length: k }, () => 1 / k),
		{ draws, seed, f: 0.6 }
	);

describe('rankUncertainty: the fast path equals the straightforward one', () => {
	it('random complete data, with nominal ranks', () => {
		const rnd = mulberry32(7);
		const values = Array.from({ length: 60 }, () => Array.from({ length: 8 }, () => 100 * rnd()));
		const sets = weightsFor(8, 400, 3);
		const o = { nominalWeights: sets[0] };
		expect(rankUncertainty(values, sets, o)).toEqual(
			rankUncertaintyStraightforward(values, sets, o)
		);
	});

	it('exact ties: duplicated cities and coarse values share ranks (1, 2, 2, 4) in every draw', () => {
		const rnd = mulberry32(11);
		const base = Array.from({ length: 20 }, () =>
			Array.from({ length: 5 }, () => Math.round(4 * rnd()) * 25)
		);
		const values = [...base, ...base.slice(0, 8), Array(5).fill(50), Array(5).fill(50)];
		const sets = [...weightsFor(5, 300, 5), Array(5).fill(0.2)];
		const o = { nominalWeights: Array(5).fill(0.2) };
		const fast = rankUncertainty(values, sets, o);
		expect(fast).toEqual(rankUncertaintyStraightforward(values, sets, o));
		// The duplicated cities tie in every draw, so they share every figure.
		for (let c = 0; c < 8; c++) expect(fast.median[c]).toBe(fast.median[20 + c]);
	});

	it('missing values drop out with the weights renormalised; geometric aggregation', () => {
		const rnd = mulberry32(13);
		const values = Array.from({ length: 40 }, (_, c) =>
			Array.from({ length: 6 }, (_, i) => (i === c % 7 ? null : 1 + 99 * rnd()))
		);
		const sets = weightsFor(6, 250, 9);
		for (const method of ['arithmetic', 'geometric'] as const) {
			const o = { method, nominalWeights: sets[1] };
			expect(rankUncertainty(values, sets, o)).toEqual(
				rankUncertaintyStraightforward(values, sets, o)
			);
		}
	});

	it('a draw that gives a city’s present indicators zero weight ranks it last in both', () => {
		const values = [
			[10, null],
			[null, 90],
			[50, 50]
		];
		const sets = [
			[1, 0],
			[0, 1],
			[0.5, 0.5]
		];
		expect(rankUncertainty(values, sets)).toEqual(rankUncertaintyStraightforward(values, sets));
	});
});

describe('λ-min completion: the fast path equals the straightforward one', () => {
	it('every incomplete matrix of two seeded sparse panels, to the solver’s tolerance', () => {
		let checked = 0;
		for (const seed of ['fast-a', 'fast-b']) {
			const panel = syntheticPanel(DEMO_HIERARCHY, { experts: 24, seed, skipShare: 0.3 });
			for (const e of panel)
				for (const m of Object.values(e.matrices)) {
					if (isComplete(m)) continue;
					let slow: number[][];
					try {
						slow = lambdaMinCompletionStraightforward(m.map((r) => [...r]));
					} catch {
						continue; // a disconnected matrix: both refuse it (completeMatrix throws)
					}
					const fast = completeMatrix(m);
					fast.forEach((row, i) =>
						row.forEach((v, j) =>
							expect(Math.abs(Math.log(v / slow[i][j]))).toBeLessThan(COMPLETION_AGREEMENT)
						)
					);
					// Never a worse completion: λmax at least as low (to rounding), and at the optimum —
					// ∂λ/∂ln x_ij = (v_i x_ij w_j − v_j x_ji w_i)/vᵀw vanishes for every filled pair.
					expect(perron(fast).lambda).toBeLessThanOrEqual(perron(slow).lambda + 1e-13);
					const w = perron(fast).vector;
					const v = perron(fast, { transpose: true }).vector;
					const vw = v.reduce((s, x, i) => s + x * w[i], 0);
					m.forEach((row, i) =>
						row.forEach((given, j) => {
							if (given !== null || j <= i) return;
							const g = (v[i] * fast[i][j] * w[j] - v[j] * fast[j][i] * w[i]) / vw;
							expect(Math.abs(g)).toBeLessThan(1e-10);
						})
					);
					checked++;
				}
		}
		expect(checked).toBeGreaterThan(30);
	});
});

describe('expert bootstrap: the precomputed-log AIJ path equals the straightforward one', () => {
	/** The straightforward bootstrap: validate, aggregate and solve every drawn panel from scratch. */
	function straightforward(panel: BootstrapExpert[], draws: number, seed: number) {
		const random = mulberry32(seed);
		const nodes = [DEMO_HIERARCHY.goal, ...DEMO_HIERARCHY.pillars];
		const counts = new Array<number>(panel.length);
		return Array.from({ length: draws }, () => {
			counts.fill(0);
			for (let j = 0; j < panel.length; j++) counts[Math.floor(random() * panel.length)]++;
			const chosen = panel.flatMap((e, j) =>
				counts[j] > 0 ? [{ e, c: counts[j] * (e.weight ?? 1) }] : []
			);
			const p = nodes.map((node) =>
				groupNodePriorities(
					chosen.map(({ e }) => e.matrices[node.id]),
					chosen.map(({ c }) => c)
				)
			);
			return globalWeights(p[0], p.slice(1));
		});
	}
	for (const skipShare of [0, 0.3]) {
		it(`${skipShare ? 'with "no opinion" answers (completion per draw)' : 'complete answers'}, unequal expert weights`, () => {
			const panel = syntheticPanel(DEMO_HIERARCHY, {
				experts: 12,
				seed: `boot-${skipShare}`,
				skipShare
			}).map((e, j) => ({ matrices: e.matrices, weight: [1, 0.5, 2][j % 3] }));
			const fast = expertBootstrap(DEMO_HIERARCHY, panel, { draws: 60, seed: 5 });
			const slow = straightforward(panel, 60, 5);
			fast.forEach((w, d) =>
				w.forEach((x, i) => expect(Math.abs(x - slow[d][i])).toBeLessThan(1e-9))
			);
		});
	}
});
