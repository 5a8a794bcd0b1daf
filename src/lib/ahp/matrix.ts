import { RECIPROCITY_TOLERANCE } from './tolerances';
import type { PairwiseMatrix } from './types';

/**
 * Checks a pairwise matrix and returns a normalised copy: square n × n (n ≥ 1), a_ii = 1, every given
 * entry finite and > 0, a_ij · a_ji = 1 where both are given; where only one of a_ij, a_ji is given,
 * the other is filled with its reciprocal. Missing pairs stay null. Throws an Error that says what is
 * wrong — never lets NaN through.
 */
export function normaliseMatrix(m: PairwiseMatrix): (number | null)[][] {
	if (!Array.isArray(m) || m.length === 0)
		throw new Error('pairwise matrix must have at least one row');
	const n = m.length;
	const out: (number | null)[][] = [];
	for (let i = 0; i < n; i++) {
		const row = m[i];
		if (!Array.isArray(row) || row.length !== n) {
			throw new Error(
				`pairwise matrix must be square, got ${n}×${Array.isArray(row) ? row.length : '?'} (row ${i})`
			);
		}
		out.push([...row]);
	}
	for (let i = 0; i < n; i++) {
		const d = out[i][i];
		if (
			d !== null &&
			d !== undefined &&
			(typeof d !== 'number' || Math.abs(d - 1) > RECIPROCITY_TOLERANCE)
		) {
			throw new Error(`diagonal entries must be 1, got ${String(d)} at (${i}, ${i})`);
		}
		out[i][i] = 1;
		for (let j = 0; j < n; j++) {
			if (i === j) continue;
			const v = out[i][j];
			if (v === undefined) out[i][j] = null;
			else if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) {
				throw new Error(
					`judgements must be positive finite numbers or null, got ${String(v)} at (${i}, ${j})`
				);
			}
		}
	}
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			const a = out[i][j];
			const b = out[j][i];
			if (a !== null && b !== null) {
				if (Math.abs(a * b - 1) > RECIPROCITY_TOLERANCE) {
					throw new Error(`matrix is not reciprocal at (${i}, ${j}): ${a} × ${b} ≠ 1`);
				}
				out[j][i] = 1 / a;
			} else if (a !== null) out[j][i] = 1 / a;
			else if (b !== null) out[i][j] = 1 / b;
		}
	}
	return out;
}

export function isComplete(m: readonly (readonly (number | null)[])[]): boolean {
	for (let i = 0; i < m.length; i++) {
		const row = m[i];
		for (let j = 0; j < row.length; j++) if (row[j] === null) return false;
	}
	return true;
}

/** The items not reachable from item 0 through given judgements (empty when the graph is connected). */
export function unreachableItems(m: readonly (readonly (number | null)[])[]): number[] {
	const n = m.length;
	if (isComplete(m)) return []; // every pair judged: trivially connected
	const seen = new Array<boolean>(n).fill(false);
	const stack = [0];
	seen[0] = true;
	while (stack.length) {
		const i = stack.pop()!;
		for (let j = 0; j < n; j++) {
			if (!seen[j] && m[i][j] !== null) {
				seen[j] = true;
				stack.push(j);
			}
		}
	}
	return seen.flatMap((s, i) => (s ? [] : [i]));
}

/** Throws when the comparison graph does not link every item (completion is then impossible). */
export function assertConnected(m: readonly (readonly (number | null)[])[]): void {
	const missing = unreachableItems(m);
	if (missing.length) {
		throw new Error(
			`comparison graph is not connected: item${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not linked to item 0 by any chain of judgements (at least ${m.length - 1} judgements that link every item are needed)`
		);
	}
}

/** Number of given judgements above the diagonal. */
export function countJudgments(m: readonly (readonly (number | null)[])[]): number {
	let c = 0;
	for (let i = 0; i < m.length; i++)
		for (let j = i + 1; j < m.length; j++) if (m[i][j] !== null) c++;
	return c;
}

export function assertWeights(weights: readonly number[], length: number, what: string): number[] {
	if (weights.length !== length)
		throw new Error(`${what} must have ${length} entries, got ${weights.length}`);
	let sum = 0;
	for (const w of weights) {
		if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
			throw new Error(`${what} must be finite and non-negative, got ${String(w)}`);
		sum += w;
	}
	if (sum <= 0) throw new Error(`${what} must not all be zero`);
	return weights.map((w) => w / sum);
}
