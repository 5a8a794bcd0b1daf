import { describe, expect, it } from 'vitest';
import {
	inconsistentJudgments,
	aggregateJudgments,
	aggregatePriorities,
	analyzeRound,
	consensus,
	consistency,
	globalWeights,
	kendallW,
	priorityVector,
	quartiles,
	valueToPosition,
	type ExpertRoundInput
} from './index';
import { DEMO_HIERARCHY, syntheticPanel } from '../testing/synthetic-panel';

const panel = syntheticPanel(DEMO_HIERARCHY, { experts: 12, seed: 'analyze-test' });

describe('analyzeRound', () => {
	const r = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel });

	it('reports each expert’s priorities, CR, GCI and inconsistent judgements per node', () => {
		expect(r.experts).toHaveLength(12);
		const e = r.experts[0];
		for (const node of ['goal', 'T', 'D', 'I']) {
			const a = e.nodes[node]!;
			const direct = consistency(panel[0].matrices[node]);
			expect(a.priorities).toEqual(priorityVector(panel[0].matrices[node]));
			expect(a.consistency!.cr).toBeCloseTo(direct.cr, 12);
			expect(a.consistency!.gci).toBeCloseTo(direct.gci, 12);
			// Hints (three more eigenproblems each) are ranked only where the CR is above the threshold.
			if (!direct.acceptable)
				expect(a.inconsistent).toEqual(inconsistentJudgments(panel[0].matrices[node]));
			else expect(a.inconsistent).toEqual([]);
		}
		expect(e.nodes.D!.answered).toBe(15);
		expect(e.globalWeights!.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
	});

	it('hints: "all" ranks every node with CR > 0, "none" no node; the rankings equal inconsistentJudgments', () => {
		const all = analyzeRound({
			hierarchy: DEMO_HIERARCHY,
			experts: panel,
			options: { hints: 'all' }
		});
		const none = analyzeRound({
			hierarchy: DEMO_HIERARCHY,
			experts: panel,
			options: { hints: 'none' }
		});
		let ranked = 0;
		panel.forEach((p, k) => {
			for (const node of ['goal', 'T', 'D', 'I']) {
				const direct = consistency(p.matrices[node]);
				const hints = all.experts[k].nodes[node]!.inconsistent;
				if (direct.cr > 0) {
					expect(hints).toEqual(inconsistentJudgments(p.matrices[node]));
					ranked++;
				} else expect(hints).toEqual([]);
				expect(none.experts[k].nodes[node]!.inconsistent).toEqual([]);
			}
		});
		expect(ranked).toBeGreaterThan(0);
	});

	it('group priorities are the AIJ matrix’s eigenvector, and global weights the distributive synthesis', () => {
		for (const node of ['goal', 'T', 'D', 'I']) {
			const agg = aggregateJudgments(panel.map((p) => p.matrices[node]));
			expect(r.nodes[node].groupPriorities).toEqual(priorityVector(agg));
			expect(r.nodes[node].respondents).toBe(12);
			expect(r.nodes[node].consensus!.sStar).toBeCloseTo(
				consensus(r.experts.map((e) => e.nodes[node]!.priorities!)).sStar,
				14
			);
		}
		const expected = globalWeights(
			r.nodes.goal.groupPriorities!,
			['T', 'D', 'I'].map((p) => r.nodes[p].groupPriorities!)
		);
		expect(r.globalWeights).toEqual(expected);
		expect(r.indicators).toEqual([
			'T1',
			'T2',
			'T3',
			'T4',
			'T5',
			'D1',
			'D2',
			'D3',
			'D4',
			'D5',
			'D6',
			'I1',
			'I2',
			'I3',
			'I4',
			'I5'
		]);
	});

	it('Kendall’s W over the experts’ global indicator weights', () => {
		const ratings = r.indicators.map((_, i) => r.experts.map((e) => e.globalWeights![i]));
		expect(r.kendall!.w).toBeCloseTo(kendallW(ratings).w, 14);
		expect(r.kendall!.w).toBeGreaterThan(0);
	});

	it('pair quartiles on the scale positions, only with at least 5 answers', () => {
		const pair = r.nodes.T.pairs.find((p) => p.i === 0 && p.j === 1)!;
		const positions = panel.map((p) => valueToPosition(p.matrices.T[0][1]!));
		expect(pair.positions).toEqual(positions);
		expect(pair.quartiles).toEqual(quartiles(positions));
		const few = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel.slice(0, 4) });
		expect(few.nodes.T.pairs[0].quartiles).toBeNull();
	});

	it('leaves excluded and zero-weight experts out of every group figure', () => {
		const withOutlier: ExpertRoundInput[] = [
			...panel,
			{ ...panel[0], expertId: 'X', excluded: true },
			{ ...panel[1], expertId: 'Y', weight: 0 }
		];
		const r2 = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: withOutlier });
		expect(r2.globalWeights).toEqual(r.globalWeights);
		expect(r2.experts.find((e) => e.expertId === 'X')!.included).toBe(false);
		expect(r2.experts.find((e) => e.expertId === 'X')!.nodes.goal!.priorities).toEqual(
			r.experts[0].nodes.goal!.priorities
		);
	});

	it('applies expert weights and AIP on request', () => {
		const weighted = panel.map((p, k) => ({ ...p, weight: k + 1 }));
		const r3 = analyzeRound({
			hierarchy: DEMO_HIERARCHY,
			experts: weighted,
			options: { aggregation: 'aip' }
		});
		const expected = aggregatePriorities(
			r3.experts.map((e) => e.nodes.goal!.priorities!),
			{ expertWeights: weighted.map((p) => p.weight) }
		);
		r3.nodes.goal.groupPriorities!.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 14));
	});

	it('stability: 0 against itself, the mean absolute change in percentage points otherwise', () => {
		const again = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel }, r);
		expect(again.stability!.meanAbsoluteChangePP).toBe(0);
		const other = analyzeRound(
			{
				hierarchy: DEMO_HIERARCHY,
				experts: syntheticPanel(DEMO_HIERARCHY, { experts: 12, seed: 'other' })
			},
			r
		);
		const diffs = other.globalWeights!.map((w, i) => 100 * Math.abs(w - r.globalWeights![i]));
		expect(other.stability!.meanAbsoluteChangePP).toBeCloseTo(
			diffs.reduce((s, x) => s + x, 0) / 16,
			12
		);
		expect(other.stability!.cvChange).toHaveLength(16);
		expect(analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel }).stability).toBeNull();
	});

	it('an expert whose node is not connected yet gets no priorities there and no global weights', () => {
		const partial: ExpertRoundInput = {
			expertId: 'P',
			matrices: {
				...panel[0].matrices,
				T: [
					[1, 2, null, null, null],
					[0.5, 1, null, null, null],
					[null, null, 1, null, null],
					[null, null, null, 1, null],
					[null, null, null, null, 1]
				]
			}
		};
		const r4 = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: [...panel, partial] });
		const p = r4.experts.find((e) => e.expertId === 'P')!;
		expect(p.nodes.T!.usable).toBe(false);
		expect(p.nodes.T!.answered).toBe(1);
		expect(p.globalWeights).toBeNull();
		expect(r4.nodes.T.respondents).toBe(12);
		expect(r4.nodes.goal.respondents).toBe(13);
	});

	it('handles "no opinion" (incomplete but connected matrices) by completing them', () => {
		const sparse = syntheticPanel(DEMO_HIERARCHY, { experts: 6, seed: 'sparse', skipShare: 0.4 });
		const r5 = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: sparse });
		expect(r5.globalWeights!.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
		expect(
			r5.experts.some((e) => Object.values(e.nodes).some((n) => n!.consistency!.completed))
		).toBe(true);
	});

	it('rejects a malformed hierarchy or matrix with a clear error', () => {
		expect(() =>
			analyzeRound({ hierarchy: { goal: { id: 'goal', items: ['A'] }, pillars: [] }, experts: [] })
		).toThrow(/1 items but the hierarchy has 0 pillars/);
		const wrong: ExpertRoundInput = {
			expertId: 'W',
			matrices: {
				goal: [
					[1, 2],
					[0.5, 1]
				]
			}
		};
		expect(() => analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: [wrong] })).toThrow(
			/expected a 3×3 matrix/
		);
		expect(() =>
			analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: [panel[0], panel[0]] })
		).toThrow(/appears twice/);
	});
});
