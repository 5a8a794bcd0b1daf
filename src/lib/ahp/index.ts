/**
 * Concord's AHP method engine: pure TypeScript, no IO, runs in the browser and on the server.
 * Every formula and default is in docs/method.md; sources are cited in each module.
 */
/** Recorded with every locked weight set: a change to how weights are computed bumps it. */
export const ENGINE_VERSION = 'concord-ahp/1';

export type {
	Judgment,
	PairwiseMatrix,
	RandomIndexTable,
	PriorityMethod,
	CompletionMethod
} from './types';
export { priorityVector, geometricMeanVector, roundPriorities } from './priorities';
export {
	consistency,
	geometricConsistencyIndex,
	gciThreshold,
	DEFAULT_CR_THRESHOLD,
	type ConsistencyResult
} from './consistency';
export { randomIndex, RANDOM_INDEX_TABLES, DEFAULT_RANDOM_INDEX } from './random-index';
export { completeMatrix, harkerWeights, llsmWeights } from './completion';
export { inconsistentJudgments, type InconsistentJudgment } from './inconsistent';
export { aggregateJudgments, aggregatePriorities } from './aggregate';
export { consensus, consensusLabel, type ConsensusResult, type ConsensusLabel } from './consensus';
export { kendallW, type KendallResult } from './kendall';
export { quartiles, quantile7, averageRanks, chiSquareUpperTail, type Quartiles } from './stats';
export { globalWeights } from './hierarchy';
export {
	positionToValue,
	valueToPosition,
	snapToScale,
	SCALE_LABELS,
	SCALE_MAX,
	SCALE_POSITIONS
} from './scale';
export { normaliseMatrix, isComplete, unreachableItems, countJudgments } from './matrix';
export { perron } from './eigen';
export {
	analyzeRound,
	type Hierarchy,
	type HierarchyNode,
	type ExpertRoundInput,
	type RoundOptions,
	type RoundAnalysis,
	type NodeAnalysis,
	type ExpertNodeAnalysis,
	type PairStatistics
} from './analyze-round';
