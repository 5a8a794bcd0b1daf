/**
 * Concord's scoring engine: pure TypeScript, no IO — runs in the browser (what-if sliders, Monte
 * Carlo in a worker) and on the server. Conventions in docs/method.md.
 */
export { normalise } from './normalise';
export { aggregate } from './aggregate';
export { rank, band, BAND_LABELS } from './rank';
export { compareRankings, pearson } from './compare';
export { rankUncertainty, type RankUncertainty } from './uncertainty';
export { expertBootstrap, weightNoise, type BootstrapExpert } from './samplers';
export { mulberry32, hashSeed, normal } from '../random';
export {
	DEFAULT_SCORING,
	AGGREGATION_METHODS,
	NORMALISATION_METHODS,
	GEOMETRIC_RANGE,
	scoringMethodOf,
	type ScoringMethod
} from './method';
export {
	pillarSubscales,
	groupFigures,
	groupRankIntervals,
	cityClasses,
	classChanges,
	classCounts,
	CITY_CLASSES,
	GROUP_KINDS,
	DEFAULT_CLASS_RULE,
	type CityGroup,
	type CityClass,
	type ClassRule,
	type GroupFigures
} from './groups';
export { sobolIndices } from './sobol';
export { rankSensitivity, leaveOneExpertOut, SENSITIVITY_GROUPS } from './sensitivity';
export {
	editionRanking,
	clusterRows,
	TOP_K,
	type EditionRanking,
	type ClusterRow,
	type ClusterInterval
} from './ranking';
