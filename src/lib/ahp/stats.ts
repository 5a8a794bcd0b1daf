/**
 * Small statistics the method needs: type-7 quantiles, average ranks, and the χ² upper tail.
 */

export type Quartiles = { q1: number; median: number; q3: number; iqr: number };

/**
 * Hyndman & Fan (1996) type-7 quantile (R's and NumPy's default): h = (N − 1)p,
 * Q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋) over the sorted values (0-based).
 */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
	const n = sorted.length;
	if (n === 0) throw new Error('quantile of an empty list');
	if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability must be in [0, 1], got ${p}`);
	const h = (n - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, n - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Quartiles and IQR by type 7. For 3,3,4,4,4,4,5,5,5,6 this gives IQR 1 (type 6 would give 1.25).
 */
export function quartiles(values: readonly number[]): Quartiles {
	if (values.length === 0) throw new Error('quartiles need at least one value');
	for (const v of values)
		if (typeof v !== 'number' || !Number.isFinite(v))
			throw new Error(`quartiles need finite numbers, got ${String(v)}`);
	return quartilesOfSorted(Float64Array.from(values).sort()); // numeric order, no comparator
}

/** The same for values already sorted ascending and known to be finite (no copy, no checks). */
export function quartilesOfSorted(s: ArrayLike<number>): Quartiles {
	const q1 = quantile7(s, 0.25);
	const median = quantile7(s, 0.5);
	const q3 = quantile7(s, 0.75);
	return { q1, median, q3, iqr: q3 - q1 };
}

/** Ranks 1 … n in ascending order, ties sharing their average rank (R's rank(), ties = "average"). */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
	// Indices in ascending order of value: insertion sort (these lists are short — a rater's items).
	const n = values.length;
	const idx = new Array<number>(n);
	for (let q = 0; q < n; q++) {
		const v = values[q];
		let r = q - 1;
		while (r >= 0 && values[idx[r]] > v) idx[r + 1] = idx[r--];
		idx[r + 1] = q;
	}
	const ranks = new Array<number>(n);
	const tieGroups: number[] = [];
	for (let start = 0; start < n;) {
		let end = start;
		while (end + 1 < n && values[idx[end + 1]] === values[idx[start]]) end++;
		const avg = (start + end) / 2 + 1;
		for (let k = start; k <= end; k++) ranks[idx[k]] = avg;
		if (end > start) tieGroups.push(end - start + 1);
		start = end + 1;
	}
	return { ranks, tieGroups };
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
export function logGamma(x: number): number {
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
		-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
		1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	x -= 1;
	let a = c[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += c[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(s, x) (series / continued fraction, Numerical Recipes §6.2). */
export function gammaQ(s: number, x: number): number {
	if (x < 0 || s <= 0) throw new Error(`gammaQ needs s > 0 and x ≥ 0, got s = ${s}, x = ${x}`);
	if (x === 0) return 1;
	const lnPre = -x + s * Math.log(x) - logGamma(s);
	if (x < s + 1) {
		let sum = 1 / s;
		let term = sum;
		for (let n = 1; n < 1000; n++) {
			term *= x / (s + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
		}
		return Math.max(0, 1 - Math.exp(lnPre) * sum);
	}
	const tiny = 1e-300;
	let b = x + 1 - s;
	let c = 1 / tiny;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 1000; i++) {
		const an = -i * (i - s);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < 1e-16) break;
	}
	return Math.exp(lnPre) * h;
}

/** P(χ²_df ≥ x). */
export function chiSquareUpperTail(x: number, df: number): number {
	return gammaQ(df / 2, x / 2);
}
