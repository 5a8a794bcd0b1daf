import { m } from '$lib/paraglide/messages';
/**
 * Report editions and their locked weight sets. A lock stores the verification bundle (framework,
 * settings, pseudonymised judgements of the round, dataset hash, engine version, weights) and its
 * SHA-256; the database rejects any UPDATE or DELETE of a locked set (triggers), so a mistake is
 * corrected by a new version that supersedes the old one with a stated reason. Both stay visible.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { ENGINE_VERSION } from '../ahp/index';
import {
	bundleHash,
	canonicalJson,
	recomputeWeights,
	type BundleContent,
	type EditionBundle
} from '../edition/bundle';
import { describeStoppingRule, studySettingsSchema } from '../schemas/study';
import { appendAudit } from './audit';
import { DomainError } from './errors';
import { methodSettings } from '../survey/index';
import { cockpitData } from './cockpit';
import { latestGroupSet } from './city-groups';
import { loadRoundPanel } from './panel';
import { durably, type DB, type Tx } from './db';
import {
	datasets,
	datasetValues,
	editionCities,
	editions,
	rounds,
	studies,
	weightSets
} from './db/schema';
import { readFramework } from './framework';
import { getFramework } from './studies';
import { generateId } from './tokens';

export class EditionError extends DomainError {}

export function getEdition(tx: Tx, editionId: string) {
	return tx.select().from(editions).where(eq(editions.id, editionId)).get() ?? null;
}

export function listWeightSets(tx: Tx, editionId: string) {
	return tx
		.select()
		.from(weightSets)
		.where(eq(weightSets.editionId, editionId))
		.orderBy(asc(weightSets.version))
		.all();
}

export function latestWeightSet(tx: Tx, editionId: string) {
	return (
		tx
			.select()
			.from(weightSets)
			.where(eq(weightSets.editionId, editionId))
			.orderBy(desc(weightSets.version))
			.get() ?? null
	);
}

/** The bundle an edition would lock now: the round's submitted, included experts, by pseudonym. */
export function bundleContent(
	tx: Tx,
	editionId: string,
	version: number,
	supersedes: { version: number; reason: string } | null
): BundleContent {
	const edition = getEdition(tx, editionId);
	if (!edition) throw new EditionError(404, m.error_no_edition());
	if (!edition.roundId) throw new EditionError(409, m.staff_err_choose_round());
	const round = tx.select().from(rounds).where(eq(rounds.id, edition.roundId)).get()!;
	const study = tx.select().from(studies).where(eq(studies.id, edition.studyId)).get()!;
	const settings = studySettingsSchema.parse(study.settings);
	const fw = readFramework(tx, study.id);
	const ids = getFramework(tx, study.id);
	const codeOf = new Map<string, string>([
		['goal', 'goal'],
		...ids.pillars.map((p) => [p.id, p.code] as [string, string]),
		...ids.pillars.flatMap((p) => p.indicators.map((i) => [i.id, i.code] as [string, string]))
	]);
	const panel = loadRoundPanel(tx, round.id)!;
	if (panel.members.length === 0)
		throw new EditionError(409, m.staff_err_round_no_responses({ n: round.number }));
	const experts = panel.members.map((r) => ({
		pseudonym: r.pseudonym,
		weight: r.weight,
		judgments: [...r.answers]
			.map(([key, position]) => {
				const [node, a, b] = key.split('|');
				return { node: codeOf.get(node)!, a: codeOf.get(a)!, b: codeOf.get(b)!, position };
			})
			.sort(
				(x, y) => x.node.localeCompare(y.node) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)
			)
	}));
	const dataset = edition.datasetId
		? tx.select().from(datasets).where(eq(datasets.id, edition.datasetId)).get()
		: null;
	const groupSet = latestGroupSet(tx, study.id);
	const content = {
		format: 'concord-edition-bundle/1' as const,
		edition: {
			slug: edition.slug,
			title: edition.title,
			year: edition.year,
			version,
			supersedes: supersedes?.version ?? null,
			reason: supersedes?.reason ?? null
		},
		framework: {
			pillars: fw.pillars.map((p) => ({
				code: p.code,
				name: p.nameEn,
				indicators: p.indicators.map((i) => ({ code: i.code, name: i.nameEn }))
			}))
		},
		settings: methodSettings(settings),
		round: round.number,
		delphi: delphiAtLock(tx, study.id, round),
		experts,
		scoring: settings.scoring,
		groups: groupSet
			? { version: groupSet.version, hash: groupSet.contentHash, groups: groupSet.groups }
			: null,
		datasetHash: dataset?.contentHash ?? null,
		engineVersion: ENGINE_VERSION,
		weights: { pillars: {}, indicators: {} }
	};
	content.weights = recomputeWeights(content);
	return content;
}

/** Where the Delphi stands for a round: its state and the stopping rule's verdict (recorded with a lock). */
function delphiAtLock(tx: Tx, studyId: string, round: { number: number; state: string }) {
	const cockpit = cockpitData(tx, studyId, round.number);
	const settings = cockpit?.settings;
	const stopping = cockpit && 'stopping' in cockpit ? cockpit.stopping : null;
	return {
		roundState: round.state === 'open' ? ('open' as const) : ('closed' as const),
		stoppingRule: settings ? describeStoppingRule(settings.stoppingRule) : '',
		stop: stopping?.stop ?? false,
		reason: stopping?.reason ?? 'The round has no analysis yet.'
	};
}

/**
 * What an author must knowingly accept before locking: weights from a round that is still open (they
 * can still change), or a stopping rule that does not hold yet.
 */
export function lockWarnings(content: Pick<BundleContent, 'round' | 'delphi'>): string[] {
	const w: string[] = [];
	if (content.delphi?.roundState === 'open') w.push(m.staff_warn_round_open({ n: content.round }));
	if (content.delphi && !content.delphi.stop) w.push(m.staff_warn_rule_not_held());
	return w;
}

/** Locks the edition's weights (authors only). A second lock is a new version that must say why. */
export function lockEdition(
	db: DB,
	o: { editionId: string; actorId: string; reason?: string; acceptWarnings?: boolean },
	now = Date.now()
) {
	return durably(db, () =>
		db.transaction((tx) => {
			const edition = getEdition(tx, o.editionId);
			if (!edition) throw new EditionError(404, m.error_no_edition());
			const previous = latestWeightSet(tx, edition.id);
			const reason = o.reason?.trim() ?? '';
			if (previous && !reason)
				throw new EditionError(400, m.staff_err_supersede_why({ version: previous.version }));
			const version = (previous?.version ?? 0) + 1;
			const content = bundleContent(
				tx,
				edition.id,
				version,
				previous ? { version: previous.version, reason } : null
			);
			const warnings = lockWarnings(content);
			if (warnings.length && !o.acceptWarnings)
				throw new EditionError(409, m.staff_err_lock_anyway({ warnings: warnings.join(' ') }));
			const hash = bundleHash(content);
			const bundle: EditionBundle = { ...content, hash };
			const id = generateId();
			tx.insert(weightSets)
				.values({
					id,
					editionId: edition.id,
					version,
					roundId: edition.roundId,
					weights: content.weights,
					settings: content.settings,
					datasetHash: content.datasetHash,
					engineVersion: ENGINE_VERSION,
					hash,
					bundle: canonicalJson(bundle),
					supersedesId: previous?.id ?? null,
					reason: previous ? reason : null,
					lockedBy: o.actorId,
					lockedAt: new Date(now)
				})
				.run();
			appendAudit(
				tx,
				{
					actorId: o.actorId,
					action: previous ? 'weights.supersede' : 'weights.lock',
					studyId: edition.studyId,
					targetType: 'edition',
					targetId: edition.id,
					before: previous ? { version: previous.version, hash: previous.hash } : null,
					after: {
						edition: edition.title,
						version,
						hash,
						reason: previous ? reason : null,
						warningsAccepted: warnings
					}
				},
				now
			);
			return { id, version, hash };
		})
	);
}

export function createEdition(
	db: DB,
	o: {
		studyId: string;
		actorId: string;
		title: string;
		year: number;
		roundId: string;
		universeFrom: string | null;
		previousEditionId: string | null;
	},
	now = Date.now()
) {
	return db.transaction((tx) => {
		const round = tx
			.select()
			.from(rounds)
			.where(and(eq(rounds.id, o.roundId), eq(rounds.studyId, o.studyId)))
			.get();
		if (!round) throw new EditionError(400, m.staff_err_round_of_study());
		const dataset = tx
			.select()
			.from(datasets)
			.where(eq(datasets.studyId, o.studyId))
			.orderBy(desc(datasets.version))
			.get();
		if (!dataset) throw new EditionError(409, m.staff_err_import_data_first());
		let members: string[];
		if (o.universeFrom) {
			const src = tx
				.select()
				.from(editions)
				.where(and(eq(editions.id, o.universeFrom), eq(editions.studyId, o.studyId)))
				.get();
			if (!src) throw new EditionError(400, m.staff_err_copy_cities());
			members = tx
				.select()
				.from(editionCities)
				.where(eq(editionCities.editionId, src.id))
				.all()
				.map((m) => m.cityId);
		} else {
			members = [
				...new Set(
					tx
						.select({ c: datasetValues.cityId })
						.from(datasetValues)
						.where(eq(datasetValues.datasetId, dataset.id))
						.all()
						.map((r) => r.c)
				)
			];
		}
		if (o.previousEditionId) {
			const previous = tx
				.select({ id: editions.id })
				.from(editions)
				.where(and(eq(editions.id, o.previousEditionId), eq(editions.studyId, o.studyId)))
				.get();
			if (!previous) throw new EditionError(400, m.staff_err_previous_edition());
		}
		const id = generateId();
		const slug = `${o.year}-${o.title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40)}-${id.slice(0, 4)}`;
		tx.insert(editions)
			.values({
				id,
				studyId: o.studyId,
				slug,
				title: o.title,
				year: o.year,
				datasetId: dataset.id,
				roundId: round.id,
				previousEditionId: o.previousEditionId,
				createdBy: o.actorId,
				createdAt: new Date(now)
			})
			.run();
		for (let i = 0; i < members.length; i += 400)
			tx.insert(editionCities)
				.values(members.slice(i, i + 400).map((cityId) => ({ editionId: id, cityId })))
				.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'edition.create',
				studyId: o.studyId,
				targetType: 'edition',
				targetId: id,
				after: { title: o.title, year: o.year, round: round.number, cities: members.length }
			},
			now
		);
		return { id };
	});
}
