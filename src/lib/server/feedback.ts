/**
 * The Delphi's controlled feedback: the panel's view of the previous round, aggregated, anonymous and
 * k-anonymous — never another expert's raw answers or identity.
 */
import { and, asc, inArray, isNull } from 'drizzle-orm';
import { analyzeRound, quartiles, valueToPosition, type RoundAnalysis } from '../ahp/index';
import { hierarchyOf, nodeMatrices, pairKey, roundOptions } from '../survey/index';
import type { Tx } from './db';
import { comments } from './db/schema';
import { m } from '../paraglide/messages';
import { loadRoundPanel } from './panel';
import { answersOf, getResponse, previousRound, type ExpertContext } from './response-rows';

export type PairFeedback = {
	/** Fewer than k experts answered this pair: group value and band withheld. */
	withheld: boolean;
	groupPosition: number | null;
	group: number | null;
	q1: number | null;
	q3: number | null;
	answers: number;
	previous: number | null | undefined;
};
export type NodeFeedback = {
	/** Fewer than k experts submitted: group weights, spread and rationales withheld. */
	withheld: boolean;
	groupWeights: number[] | null;
	/** Per item: the 25th and 75th percentile of the experts' priorities (type 7). */
	spread: { q1: number; q3: number }[] | null;
	rationales: { pseudonym: string; body: string }[];
	respondents: number;
};
export type Feedback = {
	roundNumber: number;
	/** k, the study's smallest group shown to experts. */
	minGroupSize: number;
	pairs: Record<string, PairFeedback>;
	nodes: Record<string, NodeFeedback>;
};

/** The panel's view from the previous round: aggregated, anonymous, never another expert's raw answers. */
export function previousRoundFeedback(
	tx: Tx,
	ctx: ExpertContext,
	analysis?: RoundAnalysis
): Feedback | null {
	const prev = previousRound(tx, ctx.round);
	if (!prev) return null;
	// The previous round's panel, as every consumer loads it (panel.ts).
	const submitted = loadRoundPanel(tx, prev.id)!.members;
	const result =
		analysis ??
		analyzeRound({
			hierarchy: hierarchyOf(ctx.nodes),
			experts: submitted.map((s) => ({
				expertId: s.responseId,
				weight: s.weight,
				matrices: nodeMatrices(ctx.nodes, s.answers)
			})),
			options: roundOptions(ctx.settings)
		});
	const own = getResponse(tx, prev.id, ctx.panelist.id);
	const ownAnswers = own ? answersOf(tx, own.id) : new Map<string, number | null>();
	const pairs: Record<string, PairFeedback> = {};
	const nodes: Record<string, NodeFeedback> = {};
	const comm = submitted.length
		? tx
				.select()
				.from(comments)
				.where(
					and(
						inArray(
							comments.responseId,
							submitted.map((s) => s.responseId)
						),
						isNull(comments.hiddenAt)
					)
				)
				.orderBy(asc(comments.createdAt))
				.all()
		: [];
	const pseudonymOf = new Map(submitted.map((s) => [s.responseId, s.pseudonym]));
	// k-anonymity of the feedback: a group figure is shown only when at least k experts stand behind
	// it, or one expert could recover another's answers from it and their own.
	const k = ctx.settings.minGroupSize;
	const nodeWithheld = submitted.length < k;
	for (const node of ctx.nodes) {
		const na = result.nodes[node.key];
		for (const p of na?.pairs ?? []) {
			const [a, b] = [node.items[p.i].id, node.items[p.j].id];
			const key = pairKey(node.key, a, b);
			const withheld = p.positions.length < k;
			pairs[key] = {
				withheld,
				group: withheld ? null : p.group,
				groupPosition: withheld || p.group === null ? null : valueToPosition(p.group),
				q1: withheld ? null : (p.quartiles?.q1 ?? null),
				q3: withheld ? null : (p.quartiles?.q3 ?? null),
				answers: p.positions.length,
				previous: ownAnswers.has(key) ? ownAnswers.get(key) : undefined
			};
		}
		const individual = result.experts
			.filter((e) => e.included && e.nodes[node.key]?.priorities)
			.map((e) => e.nodes[node.key]!.priorities!);
		nodes[node.key] = {
			withheld: nodeWithheld,
			groupWeights: nodeWithheld ? null : (na?.groupPriorities ?? null),
			spread:
				!nodeWithheld && individual.length >= Math.max(5, k)
					? node.items.map((_, i) => {
							const q = quartiles(individual.map((v) => v[i]));
							return { q1: q.q1, q3: q.q3 };
						})
					: null,
			rationales: nodeWithheld
				? []
				: comm
						.filter((c) => c.node === node.key && c.itemA === null && c.responseId !== own?.id)
						.map((c) => ({
							pseudonym: pseudonymOf.get(c.responseId) ?? m.an_expert(),
							body: c.body
						})),
			respondents: na?.respondents ?? 0
		};
	}
	return { roundNumber: prev.number, minGroupSize: k, pairs, nodes };
}
