/** a_ij: importance of item i over item j on Saaty's scale; null = not given. */
export type Judgment = number | null;
/** A pairwise comparison matrix: square, a_ii = 1, a_ji = 1/a_ij, null where no judgement was given. */
export type PairwiseMatrix = readonly (readonly Judgment[])[];
export type RandomIndexTable =
	'alonso-lamata-2006' | 'saaty-1980' | 'saaty-2005' | 'donegan-dodd-1991';
export type PriorityMethod = 'eigenvector' | 'geometric-mean';
export type CompletionMethod = 'lambda-min' | 'harker' | 'llsm';
