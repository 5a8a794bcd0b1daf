import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { settingsForRound, type StudySettings } from '../schemas/study';
import { countComparisons, surveyNodes, type SurveyNode } from '../survey/index';
import { prepared, type Tx } from './db';
import {
	datasets,
	editionCities,
	editions,
	indicators,
	invitations,
	judgments,
	memberships,
	panelists,
	pillars,
	responses,
	rounds,
	studies,
	weightSets,
	type Role
} from './db/schema';

export function listStudiesForUser(tx: Tx, userId: string, role: Role) {
	return tx
		.select({
			id: studies.id,
			slug: studies.slug,
			title: studies.title,
			titleZh: studies.titleZh,
			description: studies.description,
			descriptionZh: studies.descriptionZh,
			isDemo: studies.isDemo,
			frozenAt: studies.frozenAt
		})
		.from(studies)
		.innerJoin(
			memberships,
			and(
				eq(memberships.studyId, studies.id),
				eq(memberships.userId, userId),
				eq(memberships.role, role)
			)
		)
		.orderBy(asc(studies.title))
		.all();
}

export function getStudy(tx: Tx, studyId: string) {
	return tx.select().from(studies).where(eq(studies.id, studyId)).get() ?? null;
}

export type Framework = {
	pillars: {
		id: string;
		code: string;
		nameEn: string;
		nameZh: string;
		indicators: {
			id: string;
			code: string;
			nameEn: string;
			nameZh: string;
			unit: string;
			direction: number;
			descriptionEn: string;
			descriptionZh: string;
			isNational: boolean;
		}[];
	}[];
};

/** A study's pillars and indicators, in framework order (the one query every reader of the framework uses). */
export function frameworkRows(tx: Tx, studyId: string) {
	const ps = tx
		.select()
		.from(pillars)
		.where(eq(pillars.studyId, studyId))
		.orderBy(asc(pillars.position))
		.all();
	const is = tx
		.select()
		.from(indicators)
		.where(eq(indicators.studyId, studyId))
		.orderBy(asc(indicators.position))
		.all();
	return { ps, is };
}

export function getFramework(tx: Tx, studyId: string): Framework {
	const { ps, is } = frameworkRows(tx, studyId);
	return {
		pillars: ps.map((p) => ({
			id: p.id,
			code: p.code,
			nameEn: p.nameEn,
			nameZh: p.nameZh,
			indicators: is
				.filter((i) => i.pillarId === p.id)
				.map((i) => ({
					id: i.id,
					code: i.code,
					nameEn: i.nameEn,
					nameZh: i.nameZh,
					unit: i.unit,
					direction: i.direction,
					descriptionEn: i.descriptionEn,
					descriptionZh: i.descriptionZh,
					isNational: i.isNational
				}))
		}))
	};
}

const frozenNodes = new Map<string, SurveyNode[]>();

/**
 * The survey's nodes of a study. Once round 1 has opened the framework is frozen (nothing may change
 * it), so its nodes are kept in memory by study and freezing time — every draft save needs them.
 */
const frozenAtQuery = prepared((tx) =>
	tx
		.select({ frozenAt: studies.frozenAt })
		.from(studies)
		.where(eq(studies.id, sql.placeholder('studyId')))
		.prepare()
);

export function studyNodes(tx: Tx, studyId: string): SurveyNode[] {
	const study = frozenAtQuery(tx).get({ studyId });
	if (!study?.frozenAt) return surveyNodes(getFramework(tx, studyId));
	const key = `${studyId}:${study.frozenAt.getTime()}`;
	let nodes = frozenNodes.get(key);
	if (!nodes) {
		nodes = surveyNodes(getFramework(tx, studyId));
		if (frozenNodes.size > 200) frozenNodes.clear();
		frozenNodes.set(key, nodes);
	}
	return nodes;
}

export function listRounds(tx: Tx, studyId: string) {
	return tx
		.select()
		.from(rounds)
		.where(eq(rounds.studyId, studyId))
		.orderBy(desc(rounds.number))
		.all();
}

/** The expert's view of their studies: open round, deadline, progress, past rounds. */
export function expertOverview(tx: Tx, userId: string) {
	return listStudiesForUser(tx, userId, 'expert').map((study) => {
		const panelist =
			tx
				.select()
				.from(panelists)
				.where(and(eq(panelists.studyId, study.id), eq(panelists.userId, userId)))
				.get() ?? null;
		const total = countComparisons(getFramework(tx, study.id));
		const rs = listRounds(tx, study.id).filter((r) => r.state !== 'draft');
		const mine = panelist
			? tx
					.select()
					.from(responses)
					.where(
						and(
							eq(responses.panelistId, panelist.id),
							rs.length
								? inArray(
										responses.roundId,
										rs.map((r) => r.id)
									)
								: sql`0`
						)
					)
					.all()
			: [];
		const answered = new Map(
			mine.length
				? tx
						.select({ responseId: judgments.responseId, n: count() })
						.from(judgments)
						.where(
							inArray(
								judgments.responseId,
								mine.map((m) => m.id)
							)
						)
						.groupBy(judgments.responseId)
						.all()
						.map((r) => [r.responseId, r.n])
				: []
		);
		const roundsView = rs.map((r) => {
			const resp = mine.find((m) => m.roundId === r.id);
			return {
				id: r.id,
				number: r.number,
				state: r.state,
				closesAt: r.closesAt,
				responseState: resp?.state ?? null,
				/** Answers carried over from the previous round, not yet touched in this one. */
				carried: resp?.state === 'draft' && resp.revision === 0,
				answered: resp ? (answered.get(resp.id) ?? 0) : 0
			};
		});
		const settings = currentSettings(tx, study.id);
		const roundOpen = rs.some((r) => r.state === 'open');
		return {
			study,
			// Not while a round is open (they would anchor the answers), unless the coordinator chose to.
			published:
				roundOpen && !settings.showLockedWeightsDuringRounds ? [] : publishedWeights(tx, study.id),
			previewForExperts: settings.previewForExperts,
			pseudonym: panelist?.pseudonym ?? null,
			total,
			openRound: roundsView.find((r) => r.state === 'open') ?? null,
			pastRounds: roundsView.filter((r) => r.state === 'closed')
		};
	});
}

export function coordinatorOverview(tx: Tx, userId: string) {
	return listStudiesForUser(tx, userId, 'coordinator').map((study) => {
		const panel = tx
			.select({ state: panelists.state, n: count() })
			.from(panelists)
			.where(eq(panelists.studyId, study.id))
			.groupBy(panelists.state)
			.all();
		const pending =
			tx
				.select({ n: count() })
				.from(invitations)
				.where(
					and(
						eq(invitations.studyId, study.id),
						eq(invitations.state, 'pending'),
						sql`${invitations.expiresAt} > ${Date.now()}`
					)
				)
				.get()?.n ?? 0;
		const current = listRounds(tx, study.id)[0] ?? null;
		const submitted = current
			? (tx
					.select({ n: count() })
					.from(responses)
					.where(and(eq(responses.roundId, current.id), eq(responses.state, 'submitted')))
					.get()?.n ?? 0)
			: 0;
		const byState = Object.fromEntries(panel.map((p) => [p.state, p.n])) as Record<string, number>;
		return {
			study,
			panelSize: panel.reduce((s, p) => s + p.n, 0),
			active: byState.active ?? 0,
			pendingInvitations: pending,
			currentRound: current
				? { number: current.number, state: current.state, closesAt: current.closesAt, submitted }
				: null
		};
	});
}

export function authorOverview(tx: Tx, userId: string) {
	const studyRows = listStudiesForUser(tx, userId, 'author');
	return studyRows.map((study) => {
		const eds = tx
			.select({
				edition: editions,
				dataset: {
					name: datasets.name,
					version: datasets.version,
					isSynthetic: datasets.isSynthetic,
					contentHash: datasets.contentHash
				},
				round: { number: rounds.number, state: rounds.state }
			})
			.from(editions)
			.leftJoin(datasets, eq(datasets.id, editions.datasetId))
			.leftJoin(rounds, eq(rounds.id, editions.roundId))
			.where(eq(editions.studyId, study.id))
			.orderBy(asc(editions.title))
			.all();
		return {
			study,
			editions: eds.map((e) => ({
				id: e.edition.id,
				slug: e.edition.slug,
				title: e.edition.title,
				year: e.edition.year,
				cities:
					tx
						.select({ n: count() })
						.from(editionCities)
						.where(eq(editionCities.editionId, e.edition.id))
						.get()?.n ?? 0,
				dataset: e.dataset,
				round: e.round,
				locked:
					tx
						.select({ n: count() })
						.from(weightSets)
						.where(eq(weightSets.editionId, e.edition.id))
						.get()?.n ?? 0
			}))
		};
	});
}

/** Locked editions of a study with their latest weights (what experts and coordinators may see). */
export function publishedWeights(tx: Tx, studyId: string) {
	const eds = tx
		.select()
		.from(editions)
		.where(eq(editions.studyId, studyId))
		.orderBy(asc(editions.title))
		.all();
	return eds.flatMap((e) => {
		const ws = tx
			.select()
			.from(weightSets)
			.where(eq(weightSets.editionId, e.id))
			.orderBy(desc(weightSets.version))
			.get();
		if (!ws) return [];
		const w = ws.weights as { pillars: Record<string, number>; indicators: Record<string, number> };
		return [
			{
				editionId: e.id,
				title: e.title,
				version: ws.version,
				lockedAt: ws.lockedAt,
				hash: ws.hash,
				pillars: w.pillars,
				indicators: w.indicators
			}
		];
	});
}

/**
 * The settings in force now: the study's, with the feedback options of its latest round that has
 * opened (they may differ from round to round; see roundOptionsSchema).
 */
export function currentSettings(tx: Tx, studyId: string): StudySettings {
	const study = tx
		.select({ s: studies.settings })
		.from(studies)
		.where(eq(studies.id, studyId))
		.get();
	if (!study) throw new Error(`no study ${studyId}`);
	const round = tx
		.select({ options: rounds.options })
		.from(rounds)
		.where(and(eq(rounds.studyId, studyId), ne(rounds.state, 'draft')))
		.orderBy(desc(rounds.number))
		.get();
	return settingsForRound(study.s, round);
}
