import { describe, expect, it } from 'vitest';
import { clusterPillarsConfig, clusterPillarsHeight } from './preview';

describe('the clusters × pillars chart', () => {
	it('names every cluster (no label skipped) and draws one bar per cluster and figure', () => {
		const rows = Array.from({ length: 12 }, (_, i) => ({
			name: `A long cluster name number ${i + 1} with several words in it`,
			mean: 50 + i,
			pillarMeans: [40 + i, null, 60 + i]
		}));
		const c = clusterPillarsConfig(rows, ['T', 'D', 'I']);
		expect(c.options.scales.y.ticks.autoSkip).toBe(false);
		expect(c.data.labels).toHaveLength(12);
		expect(c.data.datasets.map((d) => d.data.length)).toEqual([12, 12, 12, 12]);
		expect(c.data.datasets[2].data[0]).toBeNull(); // a pillar with no data stays a gap, not a zero
	});

	it('gives each cluster a band tall enough for every line of its name', () => {
		expect(clusterPillarsHeight([['One line']])).toBe(90 + 56);
		expect(clusterPillarsHeight([['a', 'b', 'c', 'd'], ['x']])).toBe(90 + (16 * 4 + 24) + 56);
	});
});
