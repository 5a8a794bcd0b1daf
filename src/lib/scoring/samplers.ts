/**
 * The weight sets a Monte Carlo draws from, both seeded so that a figure in a report can be
 * reproduced (OECD/JRC Handbook 2008, §7: "which expert" as an uncertain input):
 * - expert bootstrap: resample the experts with replacement, aggregate their judgements (AIJ, weights
 *   = how often each was drawn), derive the global weights;
 * - weight noise: multiply each weight by (1 + U(−f, f)) and renormalise.
 */
import {
	aggregateJudgments,
	globalWeights,
	priorityVector,
	type Hierarchy,
	type PairwiseMatrix
} from '../ahp/index';
import { mulberry32 } from './random';

export type BootstrapExpert = {
	matrices: Readonly<Record<string, PairwiseMatrix>>;
	weight?: number;
};

export function expertBootstrap(
	hierarchy: Hierarchy,
	experts: readonly BootstrapExpert[],
	options: { draws: number; seed: number; noise?: number }
): number[][] {
	const k = experts.length;
	if (k === 0) throw new Error('the bootstrap needs at least one expert');
	const random = mulberry32(options.seed);
	const nodes = [hierarchy.goal, ...hierarchy.pillars];
	const out: number[][] = [];
	const counts = new Array<number>(k);
	for (let d = 0; d < options.draws; d++) {
		counts.fill(0);
		for (let j = 0; j < k; j++) counts[Math.floor(random() * k)]++;
		const chosen = experts.flatMap((e, j) =>
			counts[j] > 0 ? [{ e, c: counts[j] * (e.weight ?? 1) }] : []
		);
		const priorities = nodes.map((node) =>
			priorityVector(
				aggregateJudgments(
					chosen.map(({ e }) => e.matrices[node.id]),
					{ expertWeights: chosen.map(({ c }) => c) }
				)
			)
		);
		let w = globalWeights(priorities[0], priorities.slice(1));
		if (options.noise) w = perturb(w, options.noise, random);
		out.push(w);
	}
	return out;
}

export function weightNoise(
	weights: readonly number[],
	options: { draws: number; seed: number; f: number }
): number[][] {
	if (!(options.f >= 0 && options.f < 1))
		throw new Error(`the noise factor f must be in [0, 1), got ${options.f}`);
	const random = mulberry32(options.seed);
	return Array.from({ length: options.draws }, () => perturb(weights, options.f, random));
}

function perturb(weights: readonly number[], f: number, random: () => number): number[] {
	const w = weights.map((x) => x * (1 + (2 * random() - 1) * f));
	const s = w.reduce((a, b) => a + b, 0);
	return w.map((x) => x / s);
}
