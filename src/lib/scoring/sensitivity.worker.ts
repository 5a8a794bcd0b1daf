/// <reference lib="webworker" />
/**
 * The preview's sensitivity analysis, off the main thread: the Sobol indices of the ranking's four
 * input groups (sensitivity.ts) with progress, then — where the weights come from a panel —
 * leave-one-expert-out.
 */
import {
	leaveOneExpertOut,
	rankSensitivity,
	type SensitivityRequest,
	type SensitivityResult
} from './sensitivity';

export type SensRequest = SensitivityRequest;
export type SensMessage =
	| { type: 'progress'; done: number; total: number }
	| {
			type: 'done';
			sobol: SensitivityResult;
			leaveOneOut: ReturnType<typeof leaveOneExpertOut>;
			ms: number;
			N: number;
	  }
	| { type: 'error'; message: string };

const post = (m: SensMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<SensRequest>) => {
	const t0 = performance.now();
	try {
		const r = e.data;
		const sobol = rankSensitivity(r, (done, total) => post({ type: 'progress', done, total }));
		const ms = performance.now() - t0;
		const leaveOneOut = r.panel
			? leaveOneExpertOut({
					cities: r.cities,
					indicators: r.indicators,
					method: r.nominalMethod,
					panel: r.panel
				})
			: [];
		post({ type: 'done', sobol, leaveOneOut, ms, N: r.N });
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
