/**
 * How the included experts of a round spread around the group, as the coordinator's cockpit shows
 * it: the CRs of each node (median, quartiles, range), the names (pseudonyms) of submitted experts
 * whose CR is above the threshold, and each indicator's middle half of the experts' global weights.
 * Pure; the cockpit's data (server/cockpit.ts) calls it once per view.
 */
import { quartiles, type Quartiles, type RoundAnalysis } from '$lib/ahp/index';
import { isAcceptableCR, type MethodSettings } from './method';

/** A weight's middle half is shown from this many included experts on (fewer make no quartiles). */
export const MIN_EXPERTS_FOR_WEIGHT_SPREAD = 5;

export type NodeSpread = {
	cr: (Quartiles & { min: number; max: number }) | null;
	aboveThreshold: string[];
};

export function panelSpread(
	analysis: RoundAnalysis,
	experts: readonly {
		id: string;
		pseudonym: string;
		status: string;
		excluded: boolean;
		cr: Record<string, number | null>;
	}[],
	nodeKeys: readonly string[],
	settings: Pick<MethodSettings, 'crThreshold'>
): { nodes: Record<string, NodeSpread>; weights: (Quartiles | null)[] } {
	const included = analysis.experts.filter((e) => e.included);
	const nodes = Object.fromEntries(
		nodeKeys.map((key) => {
			const crs = included
				.map((e) => e.nodes[key]?.consistency?.cr)
				.filter((x): x is number => typeof x === 'number');
			const aboveThreshold = experts
				.filter((e) => e.status === 'submitted' && !e.excluded)
				.filter((e) => e.cr[key] !== null && !isAcceptableCR(e.cr[key]!, settings))
				.map((e) => e.pseudonym);
			const cr = crs.length
				? { ...quartiles(crs), min: Math.min(...crs), max: Math.max(...crs) }
				: null;
			return [key, { cr, aboveThreshold }];
		})
	);
	const withWeights = included.filter((e) => e.globalWeights).map((e) => e.globalWeights!);
	const weights = analysis.indicators.map((_, i) =>
		withWeights.length >= MIN_EXPERTS_FOR_WEIGHT_SPREAD
			? quartiles(withWeights.map((w) => w[i]))
			: null
	);
	return { nodes, weights };
}
