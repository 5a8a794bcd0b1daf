import fc from 'fast-check';
import { positionToValue } from '../ahp/index';

/** Arbitraries for property tests (outside the pure core, which must not depend on fast-check). */
export const weightsArb = (min = 3, max = 8) =>
	fc
		.array(fc.double({ min: 0.05, max: 10, noNaN: true }), { minLength: min, maxLength: max })
		.map((ws) => {
			const s = ws.reduce((a, b) => a + b, 0);
			return ws.map((w) => w / s);
		});

export const consistentMatrix = (w: readonly number[]) => w.map((wi) => w.map((wj) => wi / wj));

/** A complete reciprocal matrix with judgements from the 17-point scale. */
export const scaleMatrixArb = (min = 3, max = 7) =>
	fc.integer({ min, max }).chain((n) =>
		fc
			.array(fc.integer({ min: -8, max: 8 }), {
				minLength: (n * (n - 1)) / 2,
				maxLength: (n * (n - 1)) / 2
			})
			.map((ps) => {
				const m: number[][] = Array.from({ length: n }, (_, i) =>
					Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))
				);
				let k = 0;
				for (let i = 0; i < n; i++)
					for (let j = i + 1; j < n; j++) {
						const v = positionToValue(ps[k++]);
						m[i][j] = v;
						m[j][i] = 1 / v;
					}
				return m;
			})
	);

/** Permutes rows and columns of a matrix: result[i][j] = m[p[i]][p[j]]. */
export const permuteMatrix = <T>(m: readonly (readonly T[])[], p: readonly number[]) =>
	p.map((pi) => p.map((pj) => m[pi][pj]));

/** A seeded shuffle (for deterministic permutations inside properties). */
export const permutationArb = (n: number) =>
	fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((keys) =>
		keys
			.map((k, i) => [k, i] as const)
			.sort((a, b) => a[0] - b[0] || a[1] - b[1])
			.map(([, i]) => i)
	);

/** Removes judgements while keeping a spanning path 0–1–2–…, so the graph stays connected. */
export function dropKeepingConnected(
	m: readonly (readonly number[])[],
	drop: readonly boolean[]
): (number | null)[][] {
	const n = m.length;
	const out: (number | null)[][] = m.map((r) => [...r]);
	let k = 0;
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++) {
			if (j !== i + 1 && drop[k % drop.length]) {
				out[i][j] = null;
				out[j][i] = null;
			}
			k++;
		}
	return out;
}
