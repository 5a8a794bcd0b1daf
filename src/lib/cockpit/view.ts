/**
 * What the cockpit page receives for a round that has started, and the names its cards show. The
 * figures themselves come from server/cockpit.ts (analyzeRound and panelSpread); nothing here
 * computes a number.
 */
import type { cockpitView } from '$lib/server/cockpit';
import type { publishedWeights } from '$lib/server/studies';
import { m } from '$lib/paraglide/messages';
import { localName } from '$lib/study-text';

export type RoundCockpit = NonNullable<ReturnType<typeof cockpitView>> & {
	published: ReturnType<typeof publishedWeights>;
	study_id: string;
	stoppingRule: string;
	weightsAsOf: string;
	loadedAt: number;
};
type Nodes = RoundCockpit['nodes'];

/** A node as the cockpit names it: "Pillars" for the goal, else the pillar's name in the reader's language. */
export const nodeName = (nodes: Nodes, key: string): string => {
	if (key === 'goal') return m.pillars_word();
	const n = nodes.find((x) => x.key === key);
	return n ? localName(n) : key;
};

/** The code of item i of a node (for pair labels such as "T1 – T3"). */
export const itemCode = (nodes: Nodes, node: string, i: number): string =>
	nodes.find((n) => n.key === node)!.items[i].code;

/** The indicators' codes in the analysis's global order. */
export const indicatorCodes = (d: RoundCockpit): string[] => {
	const items = d.nodes.slice(1).flatMap((n) => n.items);
	return d.analysis.indicators.map((id) => items.find((i) => i.id === id)!.code);
};
