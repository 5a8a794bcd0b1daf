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

import { bandProbabilityConfig, importanceConfig, intervalsConfig, slopeConfig } from './preview';

describe('preview charts', () => {
	it('slope, intervals, band probabilities and importance carry the numbers they are given', () => {
		expect(slopeConfig([{ name: 'Oslo', from: 12, to: 4 }]).data.datasets[0].data).toEqual([12, 4]);
		const iv = intervalsConfig([{ name: 'Oslo', nominal: 4, p5: 2, p95: 9 }]);
		expect(iv.data.datasets[0].data).toEqual([[2, 9]]);
		expect(iv.data.datasets[1].data).toEqual([{ x: 4, y: 'Oslo' }]);
		expect(
			bandProbabilityConfig(
				[{ name: 'Oslo', p: [0.25, 0.5, 0.25, 0] }],
				['a', 'b', 'c', 'd']
			).data.datasets.map((d) => d.data[0])
		).toEqual([25, 50, 25, 0]);
		expect(importanceConfig(['T1'], [0.125], [0.8]).data.datasets.map((d) => d.data[0])).toEqual([
			12.5, 0.8
		]);
	});
});

describe('wrapLabel', () => {
	it('breaks long labels into lines at spaces, and cuts words longer than a line', async () => {
		const { wrapLabel } = await import('./preview');
		expect(wrapLabel('Guangdong–Hong Kong–Macao Greater Bay Area', 22)).toEqual([
			'Guangdong–Hong',
			'Kong–Macao Greater Bay',
			'Area'
		]);
		expect(wrapLabel('Alps')).toEqual(['Alps']);
		expect(wrapLabel('亚洲内陆：西安—乌鲁木齐/喀什、中亚与伊朗高原', 10)).toEqual([
			'亚洲内陆：西安—乌鲁',
			'木齐/喀什、中亚与伊',
			'朗高原'
		]);
		for (const line of wrapLabel(
			'Asian inland: Xi’an–Ürümqi/Kashgar, Central Asia and the Iranian plateau',
			22
		))
			expect(line.length).toBeLessThanOrEqual(22);
	});
});
