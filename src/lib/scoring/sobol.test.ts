import { describe, expect, it } from 'vitest';
import { sobolIndices } from './sobol';

describe('sobolIndices (Saltelli 2010 first order, Jansen 1999 total order)', () => {
	it('recovers the Ishigami function’s analytic indices (Ishigami & Homma 1990; a = 7, b = 0.1 — values as in Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4.7 and the sensobol package)', () => {
		const a = 7;
		const b = 0.1;
		const x = (u: number) => -Math.PI + 2 * Math.PI * u;
		const r = sobolIndices({
			dims: [1, 1, 1],
			N: 20_000,
			seed: 42,
			outputs: 1,
			model: (u) => {
				const [x1, x2, x3] = [x(u[0]), x(u[1]), x(u[2])];
				return [Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1)];
			}
		});
		// Analytic: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; S1 = (1 + bπ⁴/5)²/(2V), S2 = a²/(8V), S3 = 0,
		// S_T3 = 8b²π⁸/(225V), S_T1 = S1 + S_T3, S_T2 = S2.
		const V = a ** 2 / 8 + (b * Math.PI ** 4) / 5 + (b ** 2 * Math.PI ** 8) / 18 + 0.5;
		const S1 = (1 + (b * Math.PI ** 4) / 5) ** 2 / 2 / V;
		const S2 = a ** 2 / 8 / V;
		const ST3 = (8 * b ** 2 * Math.PI ** 8) / 225 / V;
		expect(S1).toBeCloseTo(0.3139, 4);
		expect(S2).toBeCloseTo(0.4424, 4);
		expect(ST3).toBeCloseTo(0.2437, 4);
		const want = { first: [S1, S2, 0], total: [S1 + ST3, S2, ST3] };
		want.first.forEach((s, i) => expect(Math.abs(r.first[0][i] - s)).toBeLessThan(0.03));
		want.total.forEach((s, i) => expect(Math.abs(r.total[0][i] - s)).toBeLessThan(0.03));
		expect(r.runs).toBe(20_000 * 5);
	});

	it('gives a linear model’s squared standardised coefficients, a group of inputs their sum (OECD/JRC Handbook 2008, §7)', () => {
		// Y = X1 + 2 X2 + 3 X3 + 1 X4 with independent U(0, 1): S_i = c_i² / Σ c², additive so S_Ti = S_i.
		const c = [1, 2, 3, 1];
		const total = c.reduce((s, x) => s + x * x, 0);
		const r = sobolIndices({
			dims: [1, 1, 2],
			N: 20_000,
			seed: 7,
			outputs: 2,
			bootstrap: 200,
			model: (u) => [c.reduce((s, x, i) => s + x * u[i], 0), 5]
		});
		const want = [1 / total, 4 / total, (9 + 1) / total];
		want.forEach((s, i) => {
			expect(Math.abs(r.first[0][i] - s)).toBeLessThan(0.02);
			expect(Math.abs(r.total[0][i] - s)).toBeLessThan(0.02);
			// The bootstrap interval holds the known answer.
			expect(r.firstCi[i][0]).toBeLessThanOrEqual(s + 0.01);
			expect(r.firstCi[i][1]).toBeGreaterThanOrEqual(s - 0.01);
		});
		// A constant output has no variance to share out.
		expect(r.first[1]).toEqual([0, 0, 0]);
		expect(r.variance[1]).toBe(0);
	});

	it('keeps indices in [0, 1] with S_i ≤ S_Ti (up to sampling noise) on an interacting model, and is seeded', () => {
		const model = (u: Float64Array) => [u[0] * u[1] + Math.sin(6 * u[2]) * u[0]];
		const o = { dims: [1, 1, 1], N: 5000, seed: 3, outputs: 1, model };
		const r = sobolIndices(o);
		for (let g = 0; g < 3; g++) {
			for (const x of [r.first[0][g], r.total[0][g]]) expect(x >= 0 && x <= 1).toBe(true);
			expect(r.first[0][g]).toBeLessThanOrEqual(r.total[0][g] + 0.02);
		}
		expect(sobolIndices(o)).toEqual(r);
	});

	it('refuses what it cannot estimate', () => {
		expect(() => sobolIndices({ dims: [], N: 10, seed: 1, outputs: 1, model: () => [0] })).toThrow(
			/input group/
		);
		expect(() => sobolIndices({ dims: [1], N: 1, seed: 1, outputs: 1, model: () => [0] })).toThrow(
			/N must/
		);
		expect(() =>
			sobolIndices({ dims: [1], N: 4, seed: 1, outputs: 1, model: () => [NaN] })
		).toThrow(/NaN/);
	});
});
