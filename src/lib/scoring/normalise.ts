/**
 * Normalisation of one indicator across an edition's cities (OECD/JRC Handbook on Constructing
 * Composite Indicators, 2008, §5; COINr's n_minmax and n_zscore):
 * - 'min-max' (default): (x − min)/(max − min) mapped onto `range` (default [0, 100]);
 * - 'z-score': (x − mean)/sd with the sample SD (n − 1);
 * - 'percentile': the percentile rank (min rank − 1)/(n − 1) among the values present, as dplyr's
 *   `percent_rank` (ties share the lower rank), mapped onto `range` like min-max.
 * A lower-is-better indicator (direction −1) is multiplied by −1 first. Missing values stay null. A
 * constant indicator does not discriminate: min-max gives the middle of the range and z-score 0.
 * @example normalise([1, 2, 3]) // [0, 50, 100]
 */
export const NORMALISATION_METHODS = ['min-max', 'z-score', 'percentile'] as const;
export type NormalisationMethod = (typeof NORMALISATION_METHODS)[number];

export function normalise(
	values: readonly (number | null)[],
	options: {
		method?: NormalisationMethod;
		direction?: 1 | -1;
		range?: readonly [number, number];
	} = {}
): (number | null)[] {
	const method = options.method ?? 'min-max';
	const direction = options.direction ?? 1;
	if (direction !== 1 && direction !== -1)
		throw new Error(`direction must be 1 or −1, got ${String(direction)}`);
	const [lo, hi] = options.range ?? [0, 100];
	if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo))
		throw new Error(`range must be two finite numbers, low < high, got [${lo}, ${hi}]`);
	const xs = values.map((v, i) => {
		if (v === null || v === undefined) return null;
		if (typeof v !== 'number' || !Number.isFinite(v))
			throw new Error(`values must be finite numbers or null, got ${String(v)} at ${i}`);
		return direction * v;
	});
	const present = xs.filter((v): v is number => v !== null);
	if (present.length === 0) return xs;
	if (method === 'min-max') {
		let min = Infinity;
		let max = -Infinity;
		for (const v of present) {
			if (v < min) min = v;
			if (v > max) max = v;
		}
		if (max === min) return xs.map((v) => (v === null ? null : (lo + hi) / 2));
		return xs.map((v) => (v === null ? null : lo + ((v - min) / (max - min)) * (hi - lo)));
	}
	if (method === 'z-score') {
		const mean = present.reduce((s, v) => s + v, 0) / present.length;
		const sd =
			present.length > 1
				? Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / (present.length - 1))
				: 0;
		if (sd === 0) return xs.map((v) => (v === null ? null : 0));
		return xs.map((v) => (v === null ? null : (v - mean) / sd));
	}
	if (method === 'percentile') {
		const sorted = [...present].sort((a, b) => a - b);
		const n = sorted.length;
		if (sorted[0] === sorted[n - 1]) return xs.map((v) => (v === null ? null : (lo + hi) / 2));
		// The number of values strictly below v (= min rank − 1), by binary search in the sorted copy.
		const below = (v: number) => {
			let a = 0;
			let b = n;
			while (a < b) {
				const mid = (a + b) >> 1;
				if (sorted[mid] < v) a = mid + 1;
				else b = mid;
			}
			return a;
		};
		return xs.map((v) => (v === null ? null : lo + (below(v) / (n - 1)) * (hi - lo)));
	}
	throw new Error(`unknown normalisation "${String(method)}"; use min-max, z-score or percentile`);
}
