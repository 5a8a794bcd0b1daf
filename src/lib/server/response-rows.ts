/**
 * Reading a response and its round's neighbours: shared by drafts and submission (responses.ts) and
 * the Delphi feedback (feedback.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { StudySettings } from '../schemas/study';
import { pairKey, type SurveyNode } from '../survey/index';
import { prepared, type Tx } from './db';
import { judgments, responses, rounds, type Panelist, type Round } from './db/schema';

/** Who is answering which round, under which settings, over which nodes. */
export type ExpertContext = {
	user: { id: string };
	panelist: Panelist;
	round: Round;
	settings: StudySettings;
	studyTitle: string;
	studyTitleZh: string;
	nodes: SurveyNode[];
};

// Every draft save reads these: built once per connection (see `prepared`).
const responseQuery = prepared((tx) =>
	tx
		.select()
		.from(responses)
		.where(
			and(
				eq(responses.roundId, sql.placeholder('roundId')),
				eq(responses.panelistId, sql.placeholder('panelistId'))
			)
		)
		.prepare()
);
const answersQuery = prepared((tx) =>
	tx
		.select({
			node: judgments.node,
			itemA: judgments.itemA,
			itemB: judgments.itemB,
			position: judgments.position
		})
		.from(judgments)
		.where(eq(judgments.responseId, sql.placeholder('responseId')))
		.prepare()
);
const answerQuery = prepared((tx) =>
	tx
		.select({ position: judgments.position })
		.from(judgments)
		.where(
			and(
				eq(judgments.responseId, sql.placeholder('responseId')),
				eq(judgments.node, sql.placeholder('node')),
				eq(judgments.itemA, sql.placeholder('itemA')),
				eq(judgments.itemB, sql.placeholder('itemB'))
			)
		)
		.prepare()
);

export function getResponse(tx: Tx, roundId: string, panelistId: string) {
	return responseQuery(tx).get({ roundId, panelistId }) ?? null;
}

export function answersOf(tx: Tx, responseId: string): Map<string, number | null> {
	return new Map(
		answersQuery(tx)
			.all({ responseId })
			.map((j) => [pairKey(j.node, j.itemA, j.itemB), j.position])
	);
}

/**
 * One stored answer of a response: its position (null = "no opinion"), or undefined when the pair has
 * no answer. The pair is in framework order (itemA before itemB).
 */
export function answerOf(
	tx: Tx,
	responseId: string,
	node: string,
	itemA: string,
	itemB: string
): number | null | undefined {
	return answerQuery(tx).get({ responseId, node, itemA, itemB })?.position;
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
