/**
 * Reading a response and its round's neighbours: shared by drafts and submission (responses.ts) and
 * the Delphi feedback (feedback.ts).
 */
import { and, eq } from 'drizzle-orm';
import type { StudySettings } from '../schemas/study';
import { pairKey, type SurveyNode } from '../survey/index';
import type { Tx } from './db';
import { judgments, responses, rounds, type Panelist, type Round } from './db/schema';

/** Who is answering which round, under which settings, over which nodes. */
export type ExpertContext = {
	user: { id: string };
	panelist: Panelist;
	round: Round;
	settings: StudySettings;
	studyTitle: string;
	nodes: SurveyNode[];
};

export function getResponse(tx: Tx, roundId: string, panelistId: string) {
	return (
		tx
			.select()
			.from(responses)
			.where(and(eq(responses.roundId, roundId), eq(responses.panelistId, panelistId)))
			.get() ?? null
	);
}

export function answersOf(tx: Tx, responseId: string): Map<string, number | null> {
	return new Map(
		tx
			.select()
			.from(judgments)
			.where(eq(judgments.responseId, responseId))
			.all()
			.map((j) => [pairKey(j.node, j.itemA, j.itemB), j.position])
	);
}

export function previousRound(tx: Tx, round: Round): Round | null {
	if (round.number <= 1) return null;
	return (
		tx
			.select()
			.from(rounds)
			.where(and(eq(rounds.studyId, round.studyId), eq(rounds.number, round.number - 1)))
			.get() ?? null
	);
}
