/** Power iteration stops when the largest change of the normalised vector is below this (method.md). */
export const EIGEN_TOLERANCE = 1e-12;
/** Hard cap on power-iteration steps; positive reciprocal matrices converge in far fewer. */
export const EIGEN_MAX_ITERATIONS = 100_000;
/** How far a_ij · a_ji may stray from 1 before a matrix is called non-reciprocal (relative). */
export const RECIPROCITY_TOLERANCE = 1e-6;
/** λ-min completion stops when no missing entry's log moves by more than this in a sweep. */
export const COMPLETION_TOLERANCE = 1e-11;
export const COMPLETION_MAX_SWEEPS = 500;
/**
 * Two converged λ-min completions of the same matrix agree on each filled entry to this (relative):
 * λmax is flat at its minimum (an error δ in ln x moves λ by only ~δ²), so double precision pins the
 * fill to ~1e-8 through λ, and to ~1e-11 through the gradient a Newton step uses. Their λmax agree to
 * EIGEN-level precision. (The reference tests hold published completions to 1e-6.)
 */
export const COMPLETION_AGREEMENT = 1e-7;
