import { describe, expect, it } from 'vitest';
import { weightBarsConfig, weightsOverRoundsConfig, weightsWithSpreadConfig } from './bars';

describe('chart configurations', () => {
	it('weights become percentages, with the panel band when given', () => {
		const c = weightBarsConfig([
			{ label: 'A', value: 0.25, low: 0.2, high: 0.3 },
			{ label: 'B', value: 0.75 }
		]);
		expect(c.data.datasets[0].data).toEqual([25, 75]);
		expect(c.data.datasets[1].data).toEqual([
			[20, 30],
			[0, 0]
		]);
		expect(weightBarsConfig([{ label: 'A', value: 1 }]).data.datasets).toHaveLength(1);
	});

	it('the strip plot has one dot per expert and indicator', () => {
		const c = weightsWithSpreadConfig(
			['T1', 'T2'],
			[0.6, 0.4],
			[
				[0.5, 0.5],
				[0.7, 0.3]
			]
		);
		expect(c.data.datasets[1].data).toEqual([
			{ x: 'T1', y: 50 },
			{ x: 'T2', y: 50 },
			{ x: 'T1', y: 70 },
			{ x: 'T2', y: 30 }
		]);
	});

	it('weights over rounds: one line per indicator, one point per round', () => {
		const c = weightsOverRoundsConfig(
			['T1', 'T2'],
			[
				{ number: 1, weights: [0.5, 0.5] },
				{ number: 2, weights: [0.6, 0.4] }
			]
		);
		expect(c.data.labels).toEqual(['Round 1', 'Round 2']);
		expect(c.data.datasets.map((d) => d.data)).toEqual([
			[50, 60],
			[50, 40]
		]);
	});
});
