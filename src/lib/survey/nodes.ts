/**
 * The survey of a framework: the nodes an expert answers (the goal, where pillars are compared, then
 * each pillar, where its indicators are compared), their pairs, and a pair's key. Pure: the
 * questionnaire, the server, the exports, the edition bundle and `npm run verify` all use it.
 */
import type { Hierarchy } from '../ahp/index';

export const GOAL = 'goal';

export type SurveyItem = {
	id: string;
	code: string;
	nameEn: string;
	nameZh: string;
	descriptionEn: string;
	descriptionZh: string;
	unit: string;
	direction: number | null;
	isNational: boolean;
};

export type SurveyNode = {
	/** 'goal', or the pillar's id. */
	key: string;
	code: string;
	nameEn: string;
	nameZh: string;
	items: SurveyItem[];
	/** Every pair [a, b] with a before b in the framework's order. */
	pairs: [string, string][];
};

/** The part of a framework the survey needs. */
export type SurveyFramework = {
	pillars: {
		id: string;
		code: string;
		nameEn: string;
		nameZh: string;
		indicators: (Omit<SurveyItem, 'direction'> & { direction: number })[];
	}[];
};

/** All pairs of `ids`, each once, in order: n(n − 1)/2 of them. */
export function pairsOf(ids: readonly string[]): [string, string][] {
	return ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as [string, string]));
}

/** The nodes an expert answers: the goal (pillars compared), then each pillar (its indicators). */
export function surveyNodes(fw: SurveyFramework): SurveyNode[] {
	const goalItems: SurveyItem[] = fw.pillars.map((p) => ({
		id: p.id,
		code: p.code,
		nameEn: p.nameEn,
		nameZh: p.nameZh,
		descriptionEn: '',
		descriptionZh: '',
		unit: '',
		direction: null,
		isNational: false
	}));
	return [
		{
			key: GOAL,
			code: GOAL,
			nameEn: 'Pillars',
			nameZh: '支柱',
			items: goalItems,
			pairs: pairsOf(goalItems.map((i) => i.id))
		},
		...fw.pillars.map((p) => ({
			key: p.id,
			code: p.code,
			nameEn: p.nameEn,
			nameZh: p.nameZh,
			items: p.indicators.map((i) => ({ ...i, direction: i.direction })),
			pairs: pairsOf(p.indicators.map((i) => i.id))
		}))
	];
}

/** The engine's hierarchy of the survey's nodes (item ids in framework order). */
export function hierarchyOf(
	nodes: readonly { key: string; items: readonly { id: string }[] }[]
): Hierarchy {
	const [goal, ...pillars] = nodes;
	return {
		goal: { id: goal.key, items: goal.items.map((i) => i.id) },
		pillars: pillars.map((p) => ({ id: p.key, items: p.items.map((i) => i.id) }))
	};
}

/** The key of one judgement: node, then the two items with A before B in the framework's order. */
export const pairKey = (node: string, a: string, b: string) => `${node}|${a}|${b}`;

/** The number of comparisons a framework asks for (3 + 10 + 15 + 10 = 38 in the demo). */
export function countPairs(nodes: readonly Pick<SurveyNode, 'pairs'>[]): number {
	return nodes.reduce((n, node) => n + node.pairs.length, 0);
}

/** Pairwise comparisons one expert makes in a framework: C(pillars, 2) + Σ C(indicators in pillar, 2). */
export function countComparisons(fw: {
	pillars: readonly { indicators: readonly unknown[] }[];
}): number {
	const pairs = (n: number) => (n * (n - 1)) / 2;
	return pairs(fw.pillars.length) + fw.pillars.reduce((s, p) => s + pairs(p.indicators.length), 0);
}
