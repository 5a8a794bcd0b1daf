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
