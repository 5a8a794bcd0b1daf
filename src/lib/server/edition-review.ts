import { createHash } from 'node:crypto';
/**
 * What an author reviews before locking an edition, and what its printable methodology appendix
 * shows: weights, per-node consistency and consensus, response rates, the stopping rule, the
 * ranking of the edition's universe with Monte Carlo rank intervals, and differences from the
 * previous edition. Every figure from src/lib/ahp and src/lib/scoring.
 */
import { and, asc, eq } from 'drizzle-orm';
import { bundlePanel, bundleSchema, type EditionBundle } from '../edition/bundle';
import { stoppingReason, stoppingRuleText } from '../words';
import { localName } from '../study-text';
import { m } from '../paraglide/messages';
import { BAND_LABELS } from '../scoring/index';
import { classCounts } from '../scoring/groups';
import { scoringMethodOf } from '../scoring/method';
import { clusterRows, editionRanking, type ClusterRow } from '../scoring/ranking';
import { studySettingsSchema } from '../schemas/study';
import { latestGroupSet } from './city-groups';
import { cockpitData } from './cockpit';
import { cached, runHeavy } from './heavy';
import type { Tx } from './db';
import { editionCities, rounds, studies, users } from './db/schema';
import {
	EditionError,
	bundleContent,
	getEdition,
	latestWeightSet,
	listWeightSets,
	lockWarnings
} from './editions';
import { previewData } from './preview';

const MC_DRAWS = 1000;
const MC_SEED = 2023;

export async function editionReview(tx: Tx, editionId: string) {
	const edition = getEdition(tx, editionId);
	if (!edition) throw new EditionError(404, m.error_no_edition());
	const round = edition.roundId
		? tx.select().from(rounds).where(eq(rounds.id, edition.roundId)).get()!
		: null;
	const sets = listWeightSets(tx, edition.id).map((s) => ({
		...s,
		lockedByName:
			tx.select({ n: users.name }).from(users).where(eq(users.id, s.lockedBy)).get()?.n ?? '?'
	}));
	const latest = sets.at(-1) ?? null;
	let candidate: ReturnType<typeof bundleContent> | null = null;
	let candidateError: string | null = null;
	try {
		candidate = bundleContent(tx, edition.id, (latest?.version ?? 0) + 1, null);
	} catch (e) {
		if (!(e instanceof EditionError)) throw e;
		candidateError = e.message;
	}
	// The weights shown and the panel behind them: the latest lock's bundle, or the bundle a lock
	// would write now. The Monte Carlo resamples exactly that panel.
	const shownBundle = latest ? bundleSchema.parse(JSON.parse(latest.bundle)) : candidate;
	const shown: EditionBundle['weights'] | null = shownBundle?.weights ?? null;
	const cockpit = round ? cockpitData(tx, edition.studyId, round.number) : null;
	const p = previewData(tx, edition.studyId);
	const members = editionCityIds(tx, edition.id);
	const cityName = new Map(p.cities.map((c) => [c.id, c.name]));
	const cities = p.cities.filter((c) => members.has(c.id));
	// How the shown weights are scored: the method and groups recorded with the lock, or (for the
	// bundle a lock would write now, and for bundles locked before they were recorded) the study's.
	const studyScoring = studySettingsSchema.parse(
		tx.select({ s: studies.settings }).from(studies).where(eq(studies.id, edition.studyId)).get()!.s
	).scoring;
	const scoring = shownBundle?.scoring ?? studyScoring;
	const method = scoringMethodOf(scoring);
	const classRule = { topBands: scoring.classTopBands as 1 | 2 | 3 };
	const groupSet =
		shownBundle && 'groups' in shownBundle && shownBundle.groups !== undefined
			? shownBundle.groups
			: (() => {
					const g = latestGroupSet(tx, edition.studyId);
					return g ? { version: g.version, hash: g.contentHash, groups: g.groups } : null;
				})();
	const groups = groupSet?.groups ?? [];
	let ranking: {
		top: {
			name: string;
			country: string;
			rank: number;
			score: number;
			pillarRanks: (number | null)[];
			cityClass: string | null;
			p5: number;
			p95: number;
			pTop: number;
		}[];
		bandCounts: number[];
		classCounts: number[];
		clusters: ClusterRow[];
		n: number;
		draws: number;
	} | null = null;
	if (shown && cities.length) {
		const w = p.indicators.map((i) => shown.indicators[i.code]);
		const r = editionRanking({
			cities,
			indicators: p.indicators,
			pillars: p.pillars.map((x) => x.code),
			weights: w,
			method,
			groups,
			classRule
		});
		const s = r.total;
		const bootstrap = shownBundle ? bundlePanel(shownBundle) : null;
		const groupRows = r.clusters.map((f) => f.indices);
		// Kept by everything it depends on, and computed off the event loop (see heavy.ts).
		const key = JSON.stringify([
			'edition-mc',
			MC_DRAWS,
			MC_SEED,
			r.matrix,
			w,
			bootstrap,
			method,
			groupRows
		]);
		const {
			uncertainty: u,
			groupIntervals,
			draws
		} = await cached(createHash('sha256').update(key).digest('hex'), () =>
			runHeavy({
				kind: 'edition-mc',
				matrix: r.matrix,
				nominal: w,
				draws: MC_DRAWS,
				seed: MC_SEED,
				bootstrap,
				aggregation: method.aggregation,
				groups: groupRows
			})
		);
		const order = cities
			.map((_, i) => i)
			.filter((i) => s.ranks[i] !== null)
			.sort((a, b) => s.ranks[a]! - s.ranks[b]!);
		ranking = {
			top: order.slice(0, 20).map((i) => ({
				name: cities[i].name,
				country: cities[i].country,
				rank: s.ranks[i]!,
				score: s.scores[i]!,
				pillarRanks: r.subscales.map((x) => x.ranks[i]),
				cityClass: r.classes[i],
				p5: u.p5[i]!,
				p95: u.p95[i]!,
				pTop: u.bandProbabilities[i]![0]
			})),
			bandCounts: [0, 1, 2, 3].map((b) => s.bands.filter((x) => x === b).length),
			classCounts: classCounts(r.classes),
			clusters: clusterRows(r, groups, cities, { intervals: groupIntervals }),
			n: s.n,
			draws
		};
	}
	let previous: {
		title: string;
		version: number;
		diff: { code: string; before: number; after: number }[];
	} | null = null;
	if (edition.previousEditionId && shown) {
		const pe = getEdition(tx, edition.previousEditionId);
		const pl = pe ? latestWeightSet(tx, pe.id) : null;
		if (pe && pl) {
			const pw = bundleSchema.parse(JSON.parse(pl.bundle)).weights.indicators;
			previous = {
				title: pe.title,
				version: pl.version,
				diff: Object.keys(shown.indicators).map((code) => ({
					code,
					before: pw[code] ?? 0,
					after: shown.indicators[code]
				}))
			};
		}
	}
	return {
		edition,
		round,
		sets,
		latest,
		candidate,
		candidateError,
		shown,
		cockpit,
		indicators: p.indicators,
		pillars: p.pillars,
		dataset: p.dataset,
		ranking,
		previous,
		mc: { draws: MC_DRAWS, seed: MC_SEED },
		scoring,
		groupSet: groupSet ? { version: groupSet.version, hash: groupSet.hash } : null,
		groups: groups.map((g) => ({
			...g,
			memberNames: g.cityIds.map((id) => cityName.get(id) ?? id)
		})),
		bandLabels: BAND_LABELS
	};
}

function editionCityIds(tx: Tx, editionId: string) {
	return new Set(
		tx
			.select({ c: editionCities.cityId })
			.from(editionCities)
			.where(eq(editionCities.editionId, editionId))
			.all()
			.map((m) => m.c)
	);
}

/** The appendix adds the panel's composition, every round's statistics, and the weights' spread. */
export async function appendixData(tx: Tx, editionId: string) {
	const review = await editionReview(tx, editionId);
	const { edition } = review;
	const allRounds = tx
		.select()
		.from(rounds)
		.where(and(eq(rounds.studyId, edition.studyId)))
		.orderBy(asc(rounds.number))
		.all()
		.filter((r) => r.state !== 'draft');
	const perRound = allRounds.map((r) => {
		const d = cockpitData(tx, edition.studyId, r.number)!;
		return {
			number: r.number,
			state: r.state,
			invited: d.progress?.invited ?? 0,
			submitted: d.progress?.submitted ?? 0,
			nodes: d.nodes.map((n) => ({
				name: n.key === 'goal' ? m.pillars_word() : localName(n),
				code: n.key === 'goal' ? m.pillars_word() : n.code,
				sStar: d.analysis?.nodes[n.key].consensus?.sStar ?? null,
				label: d.analysis?.nodes[n.key].consensus?.label ?? null,
				groupCr: d.analysis?.nodes[n.key].groupConsistency?.cr ?? null,
				acceptable: d.analysis?.nodes[n.key].shareAcceptable ?? null
			})),
			kendall: d.analysis?.kendall ?? null,
			stability: d.analysis?.stability?.meanAbsoluteChangePP ?? null,
			stopping: d.stopping ?? null,
			/** The verdict in the reader's language (the recorded one stays English). */
			stoppingText: d.stopping ? stoppingReason(d.stopping, d.settings.stoppingRule) : null
		};
	});
	const final = review.cockpit;
	const notStated = m.appx_not_stated();
	const composition = (key: 'region' | 'expertise') => {
		const m = new Map<string, number>();
		for (const s of final?.seats ?? [])
			m.set(s[key] || notStated, (m.get(s[key] || notStated) ?? 0) + 1);
		return [...m].sort((a, b) => b[1] - a[1]);
	};
	// The indicators' middle half of the experts: the cockpit's own figure (panelSpread), not a copy.
	const spread =
		final && 'spread' in final && final.spread
			? final.spread.weights
			: review.indicators.map(() => null);
	return {
		...review,
		perRound,
		editionStopping: perRound.find((r) => r.number === review.round?.number) ?? null,
		/** Where the Delphi stood when the shown version was locked (absent in older bundles). */
		delphiAtLock: review.latest
			? (bundleSchema.parse(JSON.parse(review.latest.bundle)).delphi ?? null)
			: null,
		regions: composition('region'),
		expertise: composition('expertise'),
		spread,
		settings: final?.settings ?? null
	};
}

/** What the review page shows (and nothing more: the rest stays on the server). */
export async function editionReviewPage(tx: Tx, editionId: string) {
	const r = await editionReview(tx, editionId);
	const { cockpit, candidate, ...rest } = r;
	return {
		...rest,
		sets: r.sets.map((s) => ({
			id: s.id,
			version: s.version,
			hash: s.hash,
			reason: s.reason,
			lockedAt: s.lockedAt,
			lockedByName: s.lockedByName,
			supersedesId: s.supersedesId
		})),
		latest: r.latest ? { version: r.latest.version, hash: r.latest.hash } : null,
		candidateExperts: candidate?.experts.length ?? 0,
		lockWarnings: candidate ? lockWarnings(candidate) : [],
		review:
			cockpit && 'analysis' in cockpit && cockpit.analysis
				? {
						nodes: cockpit.nodes.map((n) => ({
							key: n.key,
							name: n.key === 'goal' ? m.pillars_word() : localName(n),
							sStar: cockpit.analysis!.nodes[n.key].consensus?.sStar ?? null,
							label: cockpit.analysis!.nodes[n.key].consensus?.label ?? null,
							groupCr: cockpit.analysis!.nodes[n.key].groupConsistency?.cr ?? null,
							acceptable: cockpit.analysis!.nodes[n.key].shareAcceptable
						})),
						progress: cockpit.progress!,
						stopping: cockpit.stopping!,
						stoppingText: stoppingReason(cockpit.stopping!, cockpit.settings.stoppingRule),
						kendall: cockpit.analysis.kendall
					}
				: null
	};
}

/** What the appendix page shows. */
export async function appendixPage(tx: Tx, editionId: string) {
	const a = await appendixData(tx, editionId);
	const { cockpit: _c, candidate: _k, sets, ...rest } = a;
	return {
		...rest,
		sets: sets.map((s) => ({
			version: s.version,
			hash: s.hash,
			reason: s.reason,
			lockedAt: s.lockedAt
		})),
		latest: a.latest
			? {
					version: a.latest.version,
					hash: a.latest.hash,
					lockedAt: a.latest.lockedAt,
					engineVersion: a.latest.engineVersion
				}
			: null,
		stoppingRule: a.settings ? stoppingRuleText(a.settings.stoppingRule) : null
	};
}
