import { describe, expect, it } from 'vitest';
import type { RoundAnalysis } from '../ahp/index';
import { MIN_EXPERTS_FOR_WEIGHT_SPREAD, panelSpread } from './spread';

// A hand-made analysis: three indicators, six experts (one excluded). Quartiles by type 7 (R's
// default; see stats.ts): for 0.1, 0.2, 0.3, 0.4, 0.5 the quartiles are 0.2 and 0.4.
const cr = (x: number | null) => ({ goal: x === null ? null : { consistency: { cr: x } } });
function analysis(included: number): RoundAnalysis {
	const experts = [0.1, 0.2, 0.3, 0.4, 0.5, 0.9].map((w, i) => ({
		expertId: `e${i}`,
		included: i < included,
		nodes: cr(i === 5 ? 0.25 : w / 10) as never,
		globalWeights: [w, 1 - w, 0]
	}));
	return { experts, indicators: ['a', 'b', 'c'] } as unknown as RoundAnalysis;
}
const rows = [0.01, 0.02, 0.03, 0.04, 0.05, 0.25].map((x, i) => ({
	id: `e${i}`,
	pseudonym: String.fromCharCode(65 + i),
	status: i === 4 ? 'started' : 'submitted',
	excluded: i === 5,
	cr: { goal: i === 3 ? 0.15 : x }
}));

describe('panelSpread: the cockpit’s spread of the panel', () => {
	it('CR median, quartiles and range over the included experts only', () => {
		const s = panelSpread(analysis(5), rows, ['goal'], { crThreshold: 0.1 });
		expect(s.nodes.goal.cr).toMatchObject({ median: 0.03, min: 0.01, max: 0.05 });
		expect(s.nodes.goal.cr!.q1).toBeCloseTo(0.02, 12);
		expect(s.nodes.goal.cr!.q3).toBeCloseTo(0.04, 12);
	});
	it('above threshold names submitted, included experts only (not a draft, not an excluded one)', () => {
		const s = panelSpread(analysis(5), rows, ['goal'], { crThreshold: 0.1 });
		expect(s.nodes.goal.aboveThreshold).toEqual(['D']);
	});
	it('a weight’s middle half needs enough included experts', () => {
		expect(panelSpread(analysis(5), rows, ['goal'], { crThreshold: 0.1 }).weights[0]).toMatchObject(
			{
				median: 0.3
			}
		);
		const few = panelSpread(analysis(MIN_EXPERTS_FOR_WEIGHT_SPREAD - 1), rows, ['goal'], {
			crThreshold: 0.1
		});
		expect(few.weights).toEqual([null, null, null]);
	});
	it('no CR at all gives no spread', () => {
		const a = analysis(0);
		expect(panelSpread(a, rows, ['goal'], { crThreshold: 0.1 }).nodes.goal.cr).toBeNull();
	});
});
