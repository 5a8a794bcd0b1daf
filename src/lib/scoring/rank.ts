/**
 * Ranks, 1 = best (highest score), standard competition ranking for ties: 1, 2, 2, 4. Cities without
 * a score get null.
 * @example rank([10, 30, 20, 30]) // [4, 1, 3, 1]
 */
export function rank(scores: readonly (number | null)[]): (number | null)[] {
	const idx: number[] = [];
	scores.forEach((s, i) => {
		if (s === null || s === undefined) return;
		if (!Number.isFinite(s))
			throw new Error(`scores must be finite numbers or null, got ${String(s)} at ${i}`);
		idx.push(i);
	});
	idx.sort((a, b) => (scores[b] as number) - (scores[a] as number));
	const out: (number | null)[] = scores.map(() => null);
	for (let k = 0; k < idx.length; k++) {
		out[idx[k]] = k > 0 && scores[idx[k]] === scores[idx[k - 1]] ? out[idx[k - 1]] : k + 1;
	}
	return out;
}

/**
 * The published band of a rank among n cities (as the 2023 rankings were released): 0 top 10 %,
 * 1 10–30 %, 2 30–60 %, 3 60–100 %, cut after floor(0.1n), floor(0.3n), floor(0.6n) —
 * 14 / 43 / 86 of 144 and 18 / 55 / 110 of 184.
 */
export function band(rankValue: number, n: number): 0 | 1 | 2 | 3 {
	if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer, got ${n}`);
	if (!Number.isInteger(rankValue) || rankValue < 1 || rankValue > n)
		throw new Error(`rank must be an integer from 1 to ${n}, got ${rankValue}`);
	if (rankValue <= Math.floor(0.1 * n)) return 0;
	if (rankValue <= Math.floor(0.3 * n)) return 1;
	if (rankValue <= Math.floor(0.6 * n)) return 2;
	return 3;
}

export const BAND_LABELS = ['top 10 %', '10–30 %', '30–60 %', '60–100 %'] as const;
