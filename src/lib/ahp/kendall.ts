import { averageRanks, chiSquareUpperTail } from './stats';

export type KendallResult = {
	w: number;
	wTieCorrected: number;
	chiSquare: number;
	degreesOfFreedom: number;
	pValue: number;
};

/**
 * Kendall's coefficient of concordance W (Kendall & Babington Smith 1939) over m raters' rankings of n
 * items. `ratings` has one row per item and one column per rater; each rater's column is ranked
 * (ascending, ties get average ranks), R_i = Σ_j r_ij, S = Σ(R_i − R̄)²,
 * W = 12S / (m²(n³ − n)), W_t = 12S / (m²(n³ − n) − m·Σ(t³ − t)) over all tie groups,
 * χ² = m(n − 1)W with n − 1 degrees of freedom (as irr::kendall without correction).
 */
export function kendallW(ratings: readonly (readonly number[])[]): KendallResult {
	const n = ratings.length;
	if (n < 2) throw new Error(`Kendall's W needs at least 2 items (rows), got ${n}`);
	const m = ratings[0].length;
	if (m < 2) throw new Error(`Kendall's W needs at least 2 raters (columns), got ${m}`);
	ratings.forEach((row, i) => {
		if (row.length !== m)
			throw new Error(
				`every item needs one rating per rater: row 0 has ${m}, row ${i} has ${row.length}`
			);
		row.forEach((v, j) => {
			if (typeof v !== 'number' || !Number.isFinite(v))
				throw new Error(
					`ratings must be finite numbers, got ${String(v)} at item ${i}, rater ${j}`
				);
		});
	});
	const R = new Array<number>(n).fill(0);
	let tieSum = 0;
	for (let j = 0; j < m; j++) {
		const { ranks, tieGroups } = averageRanks(ratings.map((row) => row[j]));
		ranks.forEach((r, i) => (R[i] += r));
		for (const t of tieGroups) tieSum += t ** 3 - t;
	}
	const mean = (m * (n + 1)) / 2;
	const S = R.reduce((s, r) => s + (r - mean) ** 2, 0);
	const denom = m * m * (n ** 3 - n);
	const w = (12 * S) / denom;
	const tieDenom = denom - m * tieSum;
	// When every rater ties every item there is no ranking to agree on: say so, never divide by zero.
	if (tieDenom <= 0) throw new Error("Kendall's W is undefined when every rater ties every item");
	const wTieCorrected = (12 * S) / tieDenom;
	const degreesOfFreedom = n - 1;
	const chiSquare = m * degreesOfFreedom * w;
	return {
		w,
		wTieCorrected,
		chiSquare,
		degreesOfFreedom,
		pValue: chiSquareUpperTail(chiSquare, degreesOfFreedom)
	};
}
