import { averageRanks } from '../ahp/stats';

/**
 * Compares two rankings of the same cities (OECD/JRC Handbook 2008, §7 — the mean absolute rank
 * shift R_S): shifts[i] = reference − other (positive: the city moved up under `other`); cities
 * missing from either side get null and are left out of the mean and of ρ. Spearman's ρ is the
 * Pearson correlation of the two rank vectors, ties given average ranks.
 */
export function compareRankings(
	reference: readonly (number | null)[],
	other: readonly (number | null)[]
): { shifts: (number | null)[]; meanAbsoluteShift: number; spearman: number } {
	if (reference.length !== other.length)
		throw new Error(
			`both rankings must cover the same cities: ${reference.length} and ${other.length}`
		);
	const shifts = reference.map((r, i) =>
		r === null || other[i] === null ? null : r - (other[i] as number)
	);
	const both = shifts.flatMap((s, i) => (s === null ? [] : [i]));
	if (both.length === 0) return { shifts, meanAbsoluteShift: 0, spearman: Number.NaN };
	const meanAbsoluteShift = both.reduce((s, i) => s + Math.abs(shifts[i]!), 0) / both.length;
	const a = averageRanks(both.map((i) => reference[i] as number)).ranks;
	const b = averageRanks(both.map((i) => other[i] as number)).ranks;
	return { shifts, meanAbsoluteShift, spearman: pearson(a, b) };
}

/** Pearson's correlation; 1 when both series are constant and equal in order (no variation to compare). */
export function pearson(x: readonly number[], y: readonly number[]): number {
	const n = x.length;
	const mx = x.reduce((s, v) => s + v, 0) / n;
	const my = y.reduce((s, v) => s + v, 0) / n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) ** 2;
		syy += (y[i] - my) ** 2;
	}
	if (sxx === 0 || syy === 0) return sxx === syy ? 1 : 0;
	return sxy / Math.sqrt(sxx * syy);
}
