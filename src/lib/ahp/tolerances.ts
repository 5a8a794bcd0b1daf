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
 * λmax is flat at its minimum (an error δ in ln x moves λ by only ~δ²), so a solver that stops when λ
 * stops falling — the straightforward path's line search, halving its step on rounding noise — can
 * sit ~1e-7 from the optimum while its λmax equals the optimum's to 1e-14. The reference tests hold
 * published completions to 1e-6; their λmax agree to EIGEN-level precision.
 */
export const COMPLETION_AGREEMENT = 1e-6;
