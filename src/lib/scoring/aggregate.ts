/**
 * Weighted aggregation of normalised indicator values into one score per city (OECD/JRC Handbook
 * 2008, §6; COINr's a_amean and a_gmean):
 * - 'arithmetic' (default): Σ w_i x_i / Σ w_i over the values present;
 * - 'geometric': Π x_i^(w_i / Σ w_i) over the values present — needs every value > 0 (say min-max
 *   onto [1, 100]); a value ≤ 0 is an error that names the city and indicator, never NaN.
 * Missing values drop out with the remaining weights renormalised; a city whose share of indicators
 * present is below `minCoverage` (0 … 1) gets no score (null).
 * @example aggregate([[0, 100], [50, 50]], [0.25, 0.75]) // [75, 50]
 */
export function aggregate(
	rows: readonly (readonly (number | null)[])[],
	weights: readonly number[],
	options: { method?: 'arithmetic' | 'geometric'; minCoverage?: number } = {}
): (number | null)[] {
	const method = options.method ?? 'arithmetic';
	if (method !== 'arithmetic' && method !== 'geometric')
		throw new Error(`unknown aggregation "${String(method)}"; use arithmetic or geometric`);
	const minCoverage = options.minCoverage ?? 0;
	if (!(minCoverage >= 0 && minCoverage <= 1))
		throw new Error(`minCoverage is a share from 0 to 1, got ${minCoverage}`);
	const k = weights.length;
	weights.forEach((w, i) => {
		if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
			throw new Error(`weights must be finite and non-negative, got ${String(w)} at ${i}`);
	});
	return rows.map((row, r) => {
		if (row.length !== k) throw new Error(`row ${r} has ${row.length} values for ${k} weights`);
		let present = 0;
		let wsum = 0;
		let acc = 0;
		for (let i = 0; i < k; i++) {
			const v = row[i];
			if (v === null || v === undefined) continue;
			if (!Number.isFinite(v))
				throw new Error(
					`values must be finite numbers or null, got ${String(v)} at row ${r}, indicator ${i}`
				);
			present++;
			if (weights[i] === 0) continue;
			if (method === 'geometric') {
				if (v <= 0)
					throw new Error(
						`the geometric mean needs every value > 0, got ${v} at row ${r}, indicator ${i} (normalise onto a positive range, e.g. [1, 100])`
					);
				acc += weights[i] * Math.log(v);
			} else acc += weights[i] * v;
			wsum += weights[i];
		}
		if (present / k < minCoverage || wsum === 0) return null;
		return method === 'geometric' ? Math.exp(acc / wsum) : acc / wsum;
	});
}
