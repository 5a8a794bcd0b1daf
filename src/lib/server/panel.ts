/**
 * The panel of a round: the experts whose submitted judgements make the group (submitted, not
 * excluded, weight > 0), with their weights and answers. One loader for every consumer — the cockpit's
 * group, the Delphi feedback, the preview's expert bootstrap, the edition review and the bundle — so
 * none of them can assemble "the panel" its own way.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { BootstrapPanel } from '../scoring/samplers';
import { studySettingsSchema, type StudySettings } from '../schemas/study';
import { hierarchyOf, nodeMatrices, pairKey, type SurveyNode } from '../survey/index';
import type { Tx } from './db';
import { judgments, panelists, responses, rounds, studies, type Round } from './db/schema';
import { studyNodes } from './studies';

export type PanelMember = {
	panelistId: string;
	pseudonym: string;
	weight: number;
	responseId: string;
	/** Scale positions by pairKey (null = no opinion). */
	answers: Map<string, number | null>;
};

export type RoundPanel = {
	round: Round;
	settings: StudySettings;
	nodes: SurveyNode[];
	members: PanelMember[];
};

/** The included, submitted experts of one round (by pseudonym order), with their answers. */
export function loadRoundPanel(tx: Tx, roundId: string): RoundPanel | null {
	const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
	if (!round) return null;
	const study = tx.select().from(studies).where(eq(studies.id, round.studyId)).get()!;
	const rows = tx
		.select({
			responseId: responses.id,
			panelistId: panelists.id,
			pseudonym: panelists.pseudonym,
			weight: panelists.weight
		})
		.from(responses)
		.innerJoin(panelists, eq(panelists.id, responses.panelistId))
		.where(
			and(
				eq(responses.roundId, round.id),
				eq(responses.state, 'submitted'),
				eq(panelists.excluded, false)
			)
		)
		.orderBy(asc(panelists.pseudonym))
		.all()
		.filter((r) => r.weight > 0);
	const answers = new Map(rows.map((r) => [r.responseId, new Map<string, number | null>()]));
	if (rows.length)
		for (const j of tx
			.select()
			.from(judgments)
			.where(
				inArray(
					judgments.responseId,
					rows.map((r) => r.responseId)
				)
			)
			.all())
			answers.get(j.responseId)!.set(pairKey(j.node, j.itemA, j.itemB), j.position);
	return {
		round,
		settings: studySettingsSchema.parse(study.settings),
		nodes: studyNodes(tx, round.studyId),
		members: rows.map((r) => ({ ...r, answers: answers.get(r.responseId)! }))
	};
}

/** The same panel by study and round number. */
export function loadRoundPanelByNumber(tx: Tx, studyId: string, roundNumber: number) {
	const round = tx
		.select({ id: rounds.id })
		.from(rounds)
		.where(and(eq(rounds.studyId, studyId), eq(rounds.number, roundNumber)))
		.get();
	return round ? loadRoundPanel(tx, round.id) : null;
}

/** The expert bootstrap's input for a round's panel: matrices in hierarchy order, and the method. */
export function bootstrapInput(panel: RoundPanel): BootstrapPanel {
	return {
		hierarchy: hierarchyOf(panel.nodes),
		experts: panel.members.map((m) => ({
			weight: m.weight,
			matrices: nodeMatrices(panel.nodes, m.answers)
		})),
		method: {
			aggregation: panel.settings.aggregation,
			priorityMethod: panel.settings.priorityMethod
		}
	};
}
