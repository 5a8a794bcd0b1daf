import {
	positionToValue,
	valueToPosition,
	type ExpertRoundInput,
	type Hierarchy
} from '../ahp/index';
import { hashSeed, mulberry32, normal } from '../random';

/**
 * A seeded synthetic panel for tests, benchmarks and the demo: each expert's judgements are a shared
 * "true" weighting, the expert's own bias and per-judgement noise, snapped to the 17-point scale —
 * plausible, varied, some of them inconsistent. Not data about anyone.
 */
export function syntheticPanel(
	hierarchy: Hierarchy,
	options: { experts: number; seed?: string; noise?: number; skipShare?: number }
): ExpertRoundInput[] {
	const seed = options.seed ?? 'concord-panel';
	const noise = options.noise ?? 0.45;
	const nodes = [hierarchy.goal, ...hierarchy.pillars];
	const truth = new Map(
		nodes.map((nd) => [
			nd.id,
			nd.items.map((_, i) =>
				Math.exp(0.6 * normal(mulberry32(hashSeed(`${seed}:truth:${nd.id}:${i}`))))
			)
		])
	);
	return Array.from({ length: options.experts }, (_, e) => {
		const rand = mulberry32(hashSeed(`${seed}:expert:${e}`));
		const matrices: Record<string, (number | null)[][]> = {};
		for (const nd of nodes) {
			const base = truth.get(nd.id)!;
			const own = base.map((w) => w * Math.exp(0.5 * normal(rand)));
			const n = nd.items.length;
			const m: (number | null)[][] = Array.from({ length: n }, (_, i) =>
				Array.from({ length: n }, (_, j) => (i === j ? 1 : null))
			);
			for (let i = 0; i < n; i++)
				for (let j = i + 1; j < n; j++) {
					// keep the path i, i+1 so the graph stays connected when some pairs are skipped
					if (j > i + 1 && rand() < (options.skipShare ?? 0)) continue;
					const v = positionToValue(
						valueToPosition((own[i] / own[j]) * Math.exp(noise * normal(rand)))
					);
					m[i][j] = v;
					m[j][i] = 1 / v;
				}
			matrices[nd.id] = m;
		}
		return { expertId: `E${String(e + 1).padStart(2, '0')}`, matrices };
	});
}

/** The demo's hierarchy shape: 3 pillars of 5, 6 and 5 indicators (38 judgements per expert). */
export const DEMO_HIERARCHY: Hierarchy = {
	goal: { id: 'goal', items: ['T', 'D', 'I'] },
	pillars: [
		{ id: 'T', items: ['T1', 'T2', 'T3', 'T4', 'T5'] },
		{ id: 'D', items: ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'] },
		{ id: 'I', items: ['I1', 'I2', 'I3', 'I4', 'I5'] }
	]
};
