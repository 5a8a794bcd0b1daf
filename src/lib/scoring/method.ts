/**
 * How an edition's values become scores: the normalisation of each indicator and the aggregation of
 * the normalised values (OECD/JRC Handbook 2008, §5–6; COINr's n_minmax, n_zscore, a_amean, a_gmean).
 * Chosen per study, changed per what-if in the preview, recorded with each locked edition; the
 * preview, its Monte Carlo, the edition review, the sensitivity analysis, the bundle and
 * `npm run verify` all score through `editionMatrix` and `scoreEdition` with it.
 */
import { NORMALISATION_METHODS, normalise, type NormalisationMethod } from './normalise';

export const AGGREGATION_METHODS = ['arithmetic', 'geometric'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];
export type ScoringMethod = { normalisation: NormalisationMethod; aggregation: AggregationMethod };
export const DEFAULT_SCORING: ScoringMethod = {
	normalisation: 'min-max',
	aggregation: 'arithmetic'
};
export { NORMALISATION_METHODS, type NormalisationMethod };

/**
 * The positive range the geometric mean needs. Min-max and percentile ranks are mapped onto it
 * directly; z-scores (which go negative) are rescaled onto it linearly per indicator — a linear
 * rescale of z-scores is min-max, so with the geometric mean the two coincide (pages say so).
 */
export const GEOMETRIC_RANGE = [1, 100] as const;

/** The range each method normalises onto before aggregation: [0, 100], or [1, 100] for the geometric mean. */
export function normalisedColumn(
	values: readonly (number | null)[],
	direction: 1 | -1,
	method: ScoringMethod
): (number | null)[] {
	const geometric = method.aggregation === 'geometric';
	if (method.normalisation === 'z-score') {
		const z = normalise(values, { method: 'z-score', direction });
		return geometric ? normalise(z, { range: GEOMETRIC_RANGE }) : z;
	}
	return normalise(values, {
		method: method.normalisation,
		direction,
		range: geometric ? GEOMETRIC_RANGE : [0, 100]
	});
}

/** Parses a method from untrusted input (URL, stored settings), falling back to the default per part. */
export function scoringMethodOf(
	x: { normalisation?: unknown; aggregation?: unknown } | null | undefined
): ScoringMethod {
	const n = x?.normalisation;
	const a = x?.aggregation;
	return {
		normalisation: (NORMALISATION_METHODS as readonly unknown[]).includes(n)
			? (n as NormalisationMethod)
			: DEFAULT_SCORING.normalisation,
		aggregation: (AGGREGATION_METHODS as readonly unknown[]).includes(a)
			? (a as AggregationMethod)
			: DEFAULT_SCORING.aggregation
	};
}
