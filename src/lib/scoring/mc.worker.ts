/// <reference lib="webworker" />
/**
 * The preview's Monte Carlo, off the main thread: draws the weight sets (expert bootstrap of the
 * chosen round, weight noise, or both), ranks every draw, and reports progress as it goes.
 */
import { editionUncertainty, type EditionUncertainty } from './preview';
import { monteCarloWeights, type BootstrapPanel } from './samplers';
import { groupRankIntervals } from './groups';
import type { ClusterInterval } from './ranking';

export type McRequest = {
	/** The edition's normalised matrix (null = missing), scored as the point estimate scores it. */
	matrix: (number | null)[][];
	nominal: number[];
	draws: number;
	seed: number;
	noise: number;
	/** The panel of the round the nominal weights come from, or null (weight noise only). */
	bootstrap: BootstrapPanel | null;
	aggregation: 'arithmetic' | 'geometric';
	/** Each cluster's member rows of `matrix`: their rank intervals come from the same draws. */
	groups: number[][];
};
export type McMessage =
	| { type: 'progress'; phase: 'weights' | 'ranks'; done: number; total: number }
	| {
			type: 'done';
			result: EditionUncertainty & { groupIntervals: ClusterInterval[] };
			ms: number;
	  }
	| { type: 'error'; message: string };

const post = (m: McMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<McRequest>) => {
	const t0 = performance.now();
	try {
		const { matrix, nominal, draws, seed, noise, bootstrap, aggregation, groups } = e.data;
		const sets = monteCarloWeights({
			nominal,
			draws,
			seed,
			noise,
			bootstrap,
			onProgress: (done, total) => post({ type: 'progress', phase: 'weights', done, total })
		});
		const result = editionUncertainty(matrix, sets, {
			nominalWeights: nominal,
			aggregation,
			onProgress: (done, total) => post({ type: 'progress', phase: 'ranks', done, total })
		});
		const groupIntervals = groupRankIntervals(
			matrix,
			sets,
			groups.map((indices) => ({ indices })),
			{ aggregation }
		);
		post({ type: 'done', result: { ...result, groupIntervals }, ms: performance.now() - t0 });
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
