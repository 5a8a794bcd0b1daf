import { describe, expect, it } from 'vitest';
import {
	editionMatrix,
	effectiveImportance,
	joinWeights,
	pillarContributions,
	scoreEdition,
	splitWeights
} from './preview';

const indicators = [
	{ code: 'A', pillar: 'P', direction: 1 as const },
	{ code: 'B', pillar: 'P', direction: -1 as const },
	{ code: 'C', pillar: 'Q', direction: 1 as const }
];
const cities = [
	{ id: '1', name: 'One', country: 'X', region: 'r', values: [10, 1, 5] },
	{ id: '2', name: 'Two', country: 'X', region: 'r', values: [20, 3, null] },
	{ id: '3', name: 'Three', country: 'Y', region: 'r', values: [30, 2, 1] }
];

describe('preview computations', () => {
	it('normalises within the edition, direction applied', () => {
		expect(editionMatrix(cities, indicators)).toEqual([
			[0, 100, 100],
			[50, 0, null],
			[100, 50, 0]
		]);
	});

	it('scores, ranks and bands; pillar contributions add up to the score', () => {
		const m = editionMatrix(cities, indicators);
		const w = [0.25, 0.25, 0.5];
		const s = scoreEdition(m, w, { minCoverage: 0.5 });
		expect(s.scores[0]).toBeCloseTo(0.25 * 0 + 0.25 * 100 + 0.5 * 100, 12);
		expect(s.scores[1]).toBeCloseTo((0.25 * 50 + 0.25 * 0) / 0.5, 12);
		expect(s.ranks).toEqual([1, 3, 2]);
		const parts = pillarContributions(m[0], w, indicators, ['P', 'Q']);
		expect(parts[0] + parts[1]).toBeCloseTo(s.scores[0]!, 12);
		expect(scoreEdition(m, w, { minCoverage: 1 }).scores[1]).toBeNull();
	});

	it('weights split into pillar and local shares and join back', () => {
		const w = [0.2, 0.3, 0.5];
		const { pillarW, local } = splitWeights(w, indicators, ['P', 'Q']);
		expect(pillarW).toEqual([0.5, 0.5]);
		joinWeights(pillarW, local, indicators, ['P', 'Q']).forEach((x, i) =>
			expect(x).toBeCloseTo(w[i], 14)
		);
		// moving one slider keeps the whole summing to 1
		const moved = joinWeights([0.9, 0.5], local, indicators, ['P', 'Q']);
		expect(moved.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
	});

	it('effective importance is the correlation with the index', () => {
		const m = [
			[0, 10],
			[50, 20],
			[100, null]
		];
		expect(effectiveImportance(m, [0, 50, 100])[0]).toBeCloseTo(1, 14);
	});
});
