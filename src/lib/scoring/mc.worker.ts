/// <reference lib="webworker" />
/**
 * The preview's Monte Carlo, off the main thread: draws the weight sets (expert bootstrap of the
 * chosen round, weight noise, or both), ranks every draw, and reports progress as it goes.
 */
import type { Hierarchy, PairwiseMatrix } from '../ahp/index';
import { expertBootstrap, weightNoise } from './samplers';
import { rankUncertainty } from './uncertainty';

export type McRequest = {
	values: number[][];
	nominal: number[];
	draws: number;
	seed: number;
	noise: number;
	bootstrap: {
		hierarchy: Hierarchy;
		experts: { matrices: Record<string, PairwiseMatrix>; weight: number }[];
	} | null;
};
export type McMessage =
	| { type: 'progress'; phase: 'weights' | 'ranks'; done: number; total: number }
	| { type: 'done'; result: ReturnType<typeof rankUncertainty>; ms: number }
	| { type: 'error'; message: string };

const post = (m: McMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<McRequest>) => {
	const t0 = performance.now();
	try {
		const { values, nominal, draws, seed, noise, bootstrap } = e.data;
		let sets: number[][];
		if (bootstrap && bootstrap.experts.length > 0) {
			sets = [];
			const chunk = Math.max(50, Math.ceil(draws / 20));
			for (let d = 0; d < draws; d += chunk) {
				sets.push(
					...expertBootstrap(bootstrap.hierarchy, bootstrap.experts, {
						draws: Math.min(chunk, draws - d),
						seed: seed + d,
						noise
					})
				);
				post({
					type: 'progress',
					phase: 'weights',
					done: Math.min(d + chunk, draws),
					total: draws
				});
			}
		} else {
			sets = weightNoise(nominal, { draws, seed, f: noise });
		}
		const result = rankUncertainty(values, sets, {
			nominalWeights: nominal,
			onProgress: (done, total) => post({ type: 'progress', phase: 'ranks', done, total })
		});
		post({ type: 'done', result, ms: performance.now() - t0 });
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
