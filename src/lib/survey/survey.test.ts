import { describe, expect, it } from 'vitest';
import { consistency, positionToValue } from '../ahp/index';
import { DEMO_INDICATORS, DEMO_PILLARS } from '../server/demo/framework';
import {
	GOAL,
	countPairs,
	hierarchyOf,
	matrixFromJudgments,
	nodeMatrix,
	nodeStatus,
	outsideBand,
	pairKey,
	roundOptions,
	submissionProblems,
	surveyNodes,
	type SurveyFramework
} from './index';

const fw: SurveyFramework = {
	pillars: DEMO_PILLARS.map((p) => ({
		id: `id-${p.code}`,
		code: p.code,
		nameEn: p.nameEn,
		nameZh: p.nameZh,
		indicators: DEMO_INDICATORS.filter((i) => i.pillar === p.code).map((i) => ({
			id: `id-${i.code}`,
			code: i.code,
			nameEn: i.nameEn,
			nameZh: i.nameZh,
			descriptionEn: '',
			descriptionZh: '',
			unit: i.unit,
			direction: i.direction,
			isNational: i.isNational
		}))
	}))
};
const settings = {
	randomIndex: 'alonso-lamata-2006' as const,
	crThreshold: 0.1,
	priorityMethod: 'eigenvector' as const,
	aggregation: 'aij' as const,
	rationaleAboveThreshold: true,
	rationaleOutsideBand: true
};

describe('the survey of a framework', () => {
	it('the demo hierarchy asks 3 + 10 + 15 + 10 = 38 comparisons, goal first', () => {
		const nodes = surveyNodes(fw);
		expect(nodes.map((n) => n.pairs.length)).toEqual([3, 10, 15, 10]);
		expect(countPairs(nodes)).toBe(38);
		expect(nodes[0].key).toBe(GOAL);
		expect(hierarchyOf(nodes).pillars.map((p) => p.items.length)).toEqual([5, 6, 5]);
	});

	it('judgements become reciprocal matrices the same way from a Map, a record or item pairs', () => {
		const [goal] = surveyNodes(fw);
		const [a, b, c] = goal.items.map((i) => i.id);
		const map = new Map<string, number | null>([
			[pairKey(GOAL, a, b), 2],
			[pairKey(GOAL, a, c), -3],
			[pairKey(GOAL, b, c), null]
		]);
		const m = nodeMatrix(goal, map);
		expect(m).toEqual(nodeMatrix(goal, Object.fromEntries(map)));
		expect(m[0][1]).toBe(positionToValue(2));
		expect(m[1][0]).toBeCloseTo(1 / 3, 15);
		expect(m[0][2]).toBeCloseTo(1 / 4, 15);
		expect(m[1][2]).toBeNull();
		// a judgement given as (b, a) is the same judgement seen from the other side
		const flipped = matrixFromJudgments(
			[a, b, c],
			[
				{ a: b, b: a, position: -2 },
				{ a: c, b: a, position: 3 },
				{ a: b, b: c, position: null }
			]
		);
		expect(flipped).toEqual(m);
		expect(() => matrixFromJudgments([a, b], [{ a, b: 'nope', position: 1 }])).toThrow(
			/unknown items/
		);
	});

	it('a node status agrees with the engine: CR, threshold, connectivity, filled pairs', () => {
		const [goal] = surveyNodes(fw);
		const [a, b, c] = goal.items.map((i) => i.id);
		const inconsistent = {
			[pairKey(GOAL, a, b)]: 4,
			[pairKey(GOAL, b, c)]: 4,
			[pairKey(GOAL, a, c)]: -4
		};
		const s = nodeStatus(goal, inconsistent, settings);
		expect(s.cr).toBeCloseTo(
			consistency(nodeMatrix(goal, inconsistent), roundOptions(settings)).cr,
			12
		);
		expect(s.acceptable).toBe(false);
		expect(s.completed).toBeNull();
		const partial = nodeStatus(
			goal,
			{ [pairKey(GOAL, a, b)]: 1, [pairKey(GOAL, b, c)]: null },
			settings
		);
		expect(partial.connected).toBe(false);
		expect(partial.cr).toBeNull();
		const filled = nodeStatus(
			goal,
			{ [pairKey(GOAL, a, b)]: 1, [pairKey(GOAL, b, c)]: 1 },
			settings
		);
		expect(filled).toMatchObject({
			connected: true,
			acceptable: true,
			completed: { noOpinion: 0, unanswered: 1 }
		});
		expect(filled.weights!.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
	});

	it('the submission rule: incomplete, high CR with a rationale, answers outside the band', () => {
		const nodes = surveyNodes(fw);
		const answers: Record<string, number | null> = {};
		for (const n of nodes) for (const [a, b] of n.pairs) answers[pairKey(n.key, a, b)] = 0;
		const [a, b, c] = nodes[0].items.map((i) => i.id);
		Object.assign(answers, {
			[pairKey(GOAL, a, b)]: 4,
			[pairKey(GOAL, b, c)]: 4,
			[pairKey(GOAL, a, c)]: -4
		});
		const bands = { [pairKey(GOAL, a, b)]: { q1: -1, q3: 1 } };
		const r = submissionProblems({
			nodes,
			answers,
			settings,
			hasNodeRationale: () => false,
			hasPairRationale: () => false,
			bands
		});
		expect(r.problems.highCr).toEqual([GOAL]);
		expect(r.problems.missingNodeRationale).toEqual([GOAL]);
		expect(r.problems.missingPairRationale).toEqual([pairKey(GOAL, a, b)]);
		expect(r.blocking).toBe(2);
		expect(outsideBand(answers, bands)).toEqual([pairKey(GOAL, a, b)]);
		delete answers[pairKey(GOAL, a, c)];
		const r2 = submissionProblems({
			nodes,
			answers,
			settings,
			hasNodeRationale: () => true,
			hasPairRationale: () => true,
			bands
		});
		expect(r2.problems.incomplete).toEqual([GOAL]);
	});
});
