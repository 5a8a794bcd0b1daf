import { describe, expect, it } from 'vitest';
import { frameworkToCsv, parseFrameworkCsv, parseFrameworkJson } from './framework';
import { DEMO_INDICATORS, DEMO_PILLARS } from '../server/demo/framework';

const demo = {
	pillars: DEMO_PILLARS.map((p) => ({
		...p,
		indicators: DEMO_INDICATORS.filter((i) => i.pillar === p.code).map(({ pillar: _p, ...i }) => i)
	}))
};

describe('framework import', () => {
	it('the demo framework survives a CSV round trip, Chinese text included', () => {
		const { framework } = parseFrameworkJson(demo);
		expect(framework).not.toBeNull();
		const back = parseFrameworkCsv(frameworkToCsv(framework!));
		expect(back.problems).toEqual([]);
		expect(back.framework!.pillars.map((p) => p.indicators.length)).toEqual([5, 6, 5]);
		expect(back.framework!.pillars[0].nameZh).toBe('传统基础设施');
		expect(back.framework!.pillars[2].indicators[1]).toMatchObject({
			code: 'I2',
			direction: -1,
			isNational: true,
			rangeMin: 0.04,
			rangeMax: 0.48
		});
	});

	it('says what is wrong: duplicate codes, one pillar, bad direction, missing columns', () => {
		expect(parseFrameworkJson({ pillars: [demo.pillars[0]] }).problems).toContain(
			'pillars: A framework needs at least two pillars to compare.'
		);
		const dup = structuredClone(demo);
		dup.pillars[1].indicators[0].code = 'T1';
		expect(parseFrameworkJson(dup).problems).toContain(
			'pillars.1.indicators.0.code: The code “T1” is used twice.'
		);
		expect(
			parseFrameworkCsv(
				'pillar_code,pillar_name_en,code,name_en,direction\nA,Alpha,A1,One,sideways\n'
			).problems
		).toEqual(['Row 2, direction: “sideways” is neither higher (1) nor lower (−1).']);
		expect(parseFrameworkCsv('code,name\nA,B\n').problems[0]).toMatch(/no “pillar_code” column/);
	});
});
