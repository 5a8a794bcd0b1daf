import type { RandomIndexTable } from './types';

/**
 * Random consistency indices RI(n) for n = 3 … 15 (method.md):
 * - Alonso & Lamata (2006), "Consistency in the analytic hierarchy process: a new approach",
 *   Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4) — Concord's default;
 * - Saaty (1980), The Analytic Hierarchy Process (1.48 at n = 12 as printed);
 * - Saaty (2005), Theory and Applications of the Analytic Network Process;
 * - Donegan & Dodd (1991), "A note on Saaty's random indexes", Math. Comput. Modelling 15(10).
 */
const TABLES: Record<RandomIndexTable, readonly number[]> = {
	'alonso-lamata-2006': [
		0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713,
		1.5838
	],
	'saaty-1980': [0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59],
	'saaty-2005': [0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59],
	'donegan-dodd-1991': [
		0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822,
		1.4969
	]
};

export const RANDOM_INDEX_TABLES = Object.keys(TABLES) as RandomIndexTable[];
export const DEFAULT_RANDOM_INDEX: RandomIndexTable = 'alonso-lamata-2006';

/** RI(n) from the chosen table; 0 for n ≤ 2; an Error beyond n = 15 or for an unknown table. */
export function randomIndex(n: number, table: RandomIndexTable = DEFAULT_RANDOM_INDEX): number {
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`matrix order must be a positive integer, got ${n}`);
	const values = TABLES[table];
	if (!values)
		throw new Error(
			`unknown random index table "${String(table)}"; use one of ${RANDOM_INDEX_TABLES.join(', ')}`
		);
	if (n <= 2) return 0;
	if (n > 15)
		throw new Error(`random index table ${table} is defined for n = 3 … 15, got n = ${n}`);
	return values[n - 3];
}
