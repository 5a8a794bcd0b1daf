/**
 * A study's method settings → the engine's options. One mapping, used by the questionnaire's live
 * figures, the cockpit, the feedback, the preview's bootstrap, the edition bundle and `npm run verify`,
 * so that none of them can compute with a different table, threshold or method.
 */
import type { PriorityMethod, RandomIndexTable, RoundOptions } from '../ahp/index';

export type MethodSettings = {
	randomIndex: RandomIndexTable;
	crThreshold: number;
	priorityMethod: PriorityMethod;
	aggregation: 'aij' | 'aip';
};

/** The subset of the settings that decides every computed figure, picked from any settings object. */
export function methodSettings(s: MethodSettings): MethodSettings {
	return {
		randomIndex: s.randomIndex,
		crThreshold: s.crThreshold,
		priorityMethod: s.priorityMethod,
		aggregation: s.aggregation
	};
}

/** The options of `analyzeRound` for these settings. */
export function roundOptions(s: MethodSettings): RoundOptions {
	return {
		randomIndex: s.randomIndex,
		threshold: s.crThreshold,
		priorityMethod: s.priorityMethod,
		aggregation: s.aggregation
	};
}

/** The options of `consistency` for these settings. */
export function consistencyOptions(s: Pick<MethodSettings, 'randomIndex' | 'crThreshold'>) {
	return { randomIndex: s.randomIndex, threshold: s.crThreshold };
}

/** Whether a consistency ratio is acceptable under the study's threshold (CR ≤ threshold). */
export function isAcceptableCR(cr: number, s: Pick<MethodSettings, 'crThreshold'>): boolean {
	return cr <= s.crThreshold;
}

/** How a random-index table is cited on pages and in the appendix. */
export const RANDOM_INDEX_CITATION: Record<RandomIndexTable, string> = {
	'alonso-lamata-2006': 'Alonso & Lamata (2006)',
	'saaty-1980': 'Saaty (1980)',
	'saaty-2005': 'Saaty (2005)',
	'donegan-dodd-1991': 'Donegan & Dodd (1991)'
};
