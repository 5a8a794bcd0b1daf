import { SCALE_MAX } from './scale';

export type ConsensusLabel = 'very low' | 'low' | 'moderate' | 'high' | 'very high';
export type ConsensusResult = {
	sStar: number;
	hAlpha: number;
	hBeta: number;
	hGamma: number;
	label: ConsensusLabel;
};

const entropy = (p: readonly number[]) => p.reduce((s, x) => (x > 0 ? s - x * Math.log(x) : s), 0);

/**
 * Relative homogeneity S* of k priority vectors over n items (Goepel 2018, "Implementation of an
 * online software tool for the AHP (AHP-OS)", IJAHP 10(3); Shannon α/β/γ diversity):
 * H_α = mean entropy of the vectors, H_γ = entropy of their arithmetic mean, H_β = H_γ − H_α,
 * D_β = exp(H_β); with M the scale maximum, H_αmin = −(M/(n+M−1)) ln(M/(n+M−1)) −
 * (n−1)(1/(n+M−1)) ln(1/(n+M−1)), D_αmin = exp(H_αmin), and
 * S* = (1/D_β − D_αmin/n) / (1 − D_αmin/n). Identical vectors give 1.
 * Wording as AHP-OS: ≤ 0.5 very low, ≤ 0.625 low, ≤ 0.75 moderate, ≤ 0.875 high, above very high.
 */
export function consensus(
	vs: readonly (readonly number[])[],
	options: { scaleMax?: number } = {}
): ConsensusResult {
	const M = options.scaleMax ?? SCALE_MAX;
	if (!Number.isFinite(M) || M <= 1) throw new Error(`scaleMax must be greater than 1, got ${M}`);
	if (vs.length === 0) throw new Error('consensus needs at least one priority vector');
	const n = vs[0].length;
	if (n < 2) throw new Error(`consensus needs at least 2 items, got ${n}`);
	const ps = vs.map((v, k) => {
		if (v.length !== n)
			throw new Error(
				`all priority vectors must have the same length: vector 0 has ${n}, vector ${k} has ${v.length}`
			);
		let s = 0;
		for (const x of v) {
			if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
				throw new Error(
					`priorities must be finite and non-negative, got ${String(x)} in vector ${k}`
				);
			s += x;
		}
		if (!(s > 0)) throw new Error(`priority vector ${k} sums to zero`);
		return v.map((x) => x / s);
	});
	const k = ps.length;
	const hAlpha = ps.reduce((s, p) => s + entropy(p), 0) / k;
	const mean = Array.from({ length: n }, (_, i) => ps.reduce((s, p) => s + p[i], 0) / k);
	const hGamma = entropy(mean);
	const hBeta = hGamma - hAlpha;
	const dBeta = Math.exp(hBeta);
	const big = M / (n + M - 1);
	const small = 1 / (n + M - 1);
	const hAlphaMin = -big * Math.log(big) - (n - 1) * small * Math.log(small);
	const ratio = Math.exp(hAlphaMin) / n;
	const sStar = (1 / dBeta - ratio) / (1 - ratio);
	return { sStar, hAlpha, hBeta, hGamma, label: consensusLabel(sStar) };
}

export function consensusLabel(sStar: number): ConsensusLabel {
	if (sStar <= 0.5) return 'very low';
	if (sStar <= 0.625) return 'low';
	if (sStar <= 0.75) return 'moderate';
	if (sStar <= 0.875) return 'high';
	return 'very high';
}
